import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TelnyxResponse } from '../../helpers/errorHandler';
import type { Batch, BatchedOperation, BatchOutcome } from '../../helpers/numberBatches';
import { entryFailure, runBatchedOperation, unconfirmed } from '../../helpers/numberBatches';
import { apiPath } from '../../helpers/transport';

/** The API takes 1-100 numbers per request. */
export const MAX_NUMBERS_PER_REQUEST = 100;

/** 201: one ReputationPhoneNumber per registered number, output as it is. */
function registered(context: IExecuteFunctions, batch: Batch, response: TelnyxResponse): BatchOutcome {
	const data = (response.body as { data?: unknown })?.data;
	const records = new Map<string, INodeExecutionData['json']>();
	if (Array.isArray(data)) {
		for (const record of data) {
			if (typeof record?.phone_number === 'string') records.set(record.phone_number, record);
		}
	}
	const outcome: BatchOutcome = { succeeded: [], failures: [] };
	for (const entry of batch.entries) {
		const json = records.get(entry.e164);
		if (json) {
			outcome.succeeded.push({ order: entry.order, item: { json, pairedItem: entry.items.map((item) => ({ item })) } });
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
