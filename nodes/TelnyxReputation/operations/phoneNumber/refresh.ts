import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxResponse } from '../../helpers/errorHandler';
import type { Batch, BatchedOperation, BatchOutcome } from '../../helpers/numberBatches';
import { byPhoneNumber, entryFailure, runBatchedOperation, unconfirmed } from '../../helpers/numberBatches';
import { successItem } from '../../helpers/outcomes';
import { apiPath } from '../../helpers/transport';

interface RefreshResult {
	phone_number: string;
	success: boolean;
	error?: string | null;
}

/** 200 carries one result per number, and any of them may have failed: each failure is surfaced. */
function refreshed(context: IExecuteFunctions, batch: Batch, response: TelnyxResponse): BatchOutcome {
	const byNumber = byPhoneNumber<RefreshResult>((response.body as { data?: { results?: unknown } })?.data?.results);
	const outcome: BatchOutcome = { succeeded: [], failures: [] };
	let missing: NodeApiError | undefined;
	for (const entry of batch.entries) {
		const result = byNumber.get(entry.e164);
		if (result?.success === true) {
			outcome.succeeded.push(successItem([entry], { ...result }));
		} else if (result) {
			const error = new NodeApiError(
				context.getNode(),
				{ status: response.statusCode },
				{ message: `Refresh of ${entry.e164} failed: ${result.error ?? 'no reason given'}`, httpCode: String(response.statusCode) },
			);
			outcome.error ??= error;
			outcome.failures.push(entryFailure(entry, 'failed', error));
		} else {
			// Its own error: another number's failed refresh says nothing about this one.
			missing ??= unconfirmed(context, batch, response);
			outcome.error ??= missing;
			outcome.failures.push(entryFailure(entry, 'failed', missing));
		}
	}
	return outcome;
}

const operation: BatchedOperation = {
	verb: 'refreshed',
	maxPerRequest: 100,
	path: (enterpriseId) => apiPath`/enterprises/${enterpriseId}/reputation/numbers/refresh`,
	onSuccess: refreshed,
};

/** Refresh (billable live lookups), batched across all input items. */
export async function refresh(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchedOperation(this, operation);
}
