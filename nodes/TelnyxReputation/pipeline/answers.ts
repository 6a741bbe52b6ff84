// How a 2xx answer to a batched request maps to its numbers: which ones it confirms, and the
// failure of each it does not account for. A refusal of the whole request is send.ts's to read.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxResponse } from '../../shared/transport/answer';
import { OutcomeUnknownError } from '../../shared/transport/apiErrors';
import { entryFailure, successItem } from './outputItems';
import { byPhoneNumber } from '../../shared/api/numbers';
import type { Batch, BatchOutcome } from './types';

/** A 2xx answer that does not account for a sent, billable number: it may have been processed. */
export function unconfirmed(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
): NodeApiError {
	return new OutcomeUnknownError(
		context.getNode(),
		{ status: response.statusCode },
		{
			message: `Outcome unknown: Telnyx answered ${response.statusCode} but did not confirm every number of ${batch.label}`,
			description:
				'Telnyx may have processed (and billed) these numbers: check them with Get Many (free) before sending them again.',
			httpCode: String(response.statusCode),
		},
	);
}

/**
 * Maps an answer that lists one record per number: each number's record is its output item,
 * unless `refusals` has its error (by E.164: the record says it failed); a number the answer
 * does not list may have been processed, and gets an error of its own, never another number's.
 */
export function eachNumber(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
	records: unknown,
	refusals = new Map<string, NodeApiError>(),
): BatchOutcome {
	const byNumber = byPhoneNumber(records);
	const outcome: BatchOutcome = { succeeded: [], failures: [] };
	let missing: NodeApiError | undefined;
	for (const entry of batch.entries) {
		const record = byNumber.get(entry.e164);
		const error = record
			? refusals.get(entry.e164)
			: (missing ??= unconfirmed(context, batch, response));
		if (record && !error) {
			outcome.succeeded.push(successItem([entry], { ...record }));
			continue;
		}
		outcome.error ??= error;
		// A record that says this number failed is the API refusing it, for its own reason.
		outcome.failures.push(
			entryFailure(entry, record ? 'refused' : 'unknown', error as NodeApiError),
		);
	}
	return outcome;
}
