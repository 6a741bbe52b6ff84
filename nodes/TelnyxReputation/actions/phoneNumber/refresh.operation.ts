import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import type { TelnyxResponse } from '../../../shared/errors';
import { eachNumber } from '../../helpers/batches/answers';
import { runBatchedOperation } from '../../helpers/batches/send';
import { batchedNumberFields } from '../common/fields';
import type { Batch, BatchOutcome } from '../../helpers/batches/types';

/** The API takes 1-100 numbers per request. */
const MAX_NUMBERS_PER_REQUEST = 100;

export const option: INodePropertyOptions = {
	name: 'Refresh',
	value: 'refresh',
	description: 'Run a live reputation lookup now for monitored numbers (billable)',
	action: 'Refresh the reputation of phone numbers by billable live lookups',
};

const properties = batchedNumberFields({
	billing:
		"Each refreshed number is a billable live lookup, and Telnyx rate-limits refreshes per enterprise. Scores are also refreshed on the enterprise's check frequency at no extra step.",
	maxPerRequest: MAX_NUMBERS_PER_REQUEST,
});

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['refresh'] } },
	properties,
);

interface RefreshResult {
	phone_number: string;
	success: boolean;
	error?: string | null;
}

/** 200 carries one result per number, and any of them may have failed. */
function refreshed(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
): BatchOutcome {
	const results = (response.body as { data?: { results?: unknown } })?.data?.results;
	return eachNumber<RefreshResult>(context, batch, response, results, (entry, result) =>
		result.success === true
			? undefined
			: new NodeApiError(
					context.getNode(),
					{ status: response.statusCode },
					{
						message: `Refresh of ${entry.e164} failed: ${result.error ?? 'no reason given'}`,
						httpCode: String(response.statusCode),
					},
				),
	);
}

/** Refresh (billable live lookups), batched across all input items: a custom operation. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchedOperation(this, {
		verb: 'refreshed',
		maxPerRequest: MAX_NUMBERS_PER_REQUEST,
		path: '/enterprises/{enterpriseId}/reputation/numbers/refresh',
		onSuccess: refreshed,
	});
}
