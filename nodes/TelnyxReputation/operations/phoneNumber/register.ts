import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TelnyxResponse } from '../../helpers/errorHandler';
import type { Batch, BatchedOperation, BatchOutcome } from '../../helpers/numberBatches';
import { byPhoneNumber, entryFailure, runBatchedOperation, unconfirmed } from '../../helpers/numberBatches';
import { successItem } from '../../helpers/outcomes';
import { apiPath } from '../../helpers/transport';

/** The API takes 1-100 numbers per request. */
export const MAX_NUMBERS_PER_REQUEST = 100;

/** 201: one ReputationPhoneNumber per registered number, output as it is. */
function registered(context: IExecuteFunctions, batch: Batch, response: TelnyxResponse): BatchOutcome {
	const records = byPhoneNumber<IDataObject & { phone_number: string }>((response.body as { data?: unknown })?.data);
	const outcome: BatchOutcome = { succeeded: [], failures: [] };
	for (const entry of batch.entries) {
		const json = records.get(entry.e164);
		if (json) {
			outcome.succeeded.push(successItem([entry], json));
		} else {
			outcome.error ??= unconfirmed(context, batch, response);
			outcome.failures.push(entryFailure(entry, 'failed', outcome.error));
		}
	}
	return outcome;
}

const operation: BatchedOperation = {
	verb: 'registered',
	maxPerRequest: MAX_NUMBERS_PER_REQUEST,
	path: (enterpriseId) => apiPath`/enterprises/${enterpriseId}/reputation/numbers`,
	onSuccess: registered,
};

/** Register Numbers (billable), batched across all input items. */
export async function register(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchedOperation(this, operation);
}
