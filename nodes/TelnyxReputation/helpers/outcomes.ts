import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TelnyxErrorEntry } from './errorHandler';

/**
 * How a number that was not registered is reported:
 * `invalid` never sent (not a number the API can take), `refused` the API named this number
 * as the problem, `failed` the request carrying it failed for another reason.
 */
export type FailureStatus = 'invalid' | 'refused' | 'failed';

export interface Failure {
	status: FailureStatus;
	phoneNumber: string | null;
	input: unknown;
	items: number[];
	error: NodeApiError | NodeOperationError;
	/** The API's error entries that concern this number. */
	entries?: TelnyxErrorEntry[];
	/** Overrides error.message as the item's message. */
	message?: string;
}

/**
 * An output item for a number that was not registered, paired with the input items that
 * supplied it. Its JSON holds only `error` and `details`: that is the shape n8n moves to the
 * error output when the node is set to "Continue (using error output)".
 */
export function failureItem(failure: Failure): INodeExecutionData {
	const { error } = failure;
	const details: IDataObject = {
		status: failure.status,
		phone_number: failure.phoneNumber,
		input: failure.input as IDataObject,
		description: error.description ?? null,
	};
	if ('httpCode' in error && error.httpCode) details.httpCode = error.httpCode;
	if (failure.entries?.length) details.errors = failure.entries as unknown as IDataObject[];
	return {
		json: { error: failure.message ?? error.message, details },
		pairedItem: failure.items.map((item) => ({ item })),
	};
}
