import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import type { TelnyxResponse } from '../../../shared/transport/answer';
import { eachNumber } from '../../pipeline/answers';
import { ENDPOINTS } from '../../../shared/api/endpoints';
import { groupNumbers, readInput, stopIfInvalid } from '../../pipeline/readInput';
import { failsInStopMode, report, stopOnFailure, withSucceeded } from '../../pipeline/report';
import type { SendOptions, Sent } from '../../pipeline/send';
import { batchesOf, readSendOptions, sendBatch, withRefused } from '../../pipeline/send';
import { PRICES, usd } from '../../../shared/prices';
import { pricesOf } from '../../../shared/transport/credentials';
import type { Found, Settlement } from '../../pipeline/settle';
import { CLOCK_SKEW_MS, settled, settlementOf, unknownEntries } from '../../pipeline/settle';
import { byPhoneNumber, monitoredAmong } from '../../../shared/api/numbers';
import { batchedNumberFields } from '../common/fields';
import type { Batch, BatchOutcome, NumberEntry } from '../../pipeline/types';
import { runUntil } from '../../../shared/bounded';

const REFRESH = ENDPOINTS['POST /enterprises/{enterpriseId}/reputation/numbers/refresh'];

export const option: INodePropertyOptions = {
	name: 'Refresh',
	value: 'refresh',
	description: 'Run a live reputation lookup now for monitored numbers (billable)',
	action: 'Refresh numbers (billable, USD 0.10 each)',
};

const properties = batchedNumberFields({
	billing: `Each refreshed number is a billable live lookup (${usd(PRICES.checkUsd)}), and Telnyx rate-limits refreshes per enterprise. Telnyx also checks every monitored number on the enterprise's check frequency, each check billed the same.`,
	maxPerRequest: REFRESH.maxNumbers,
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
	const refusals = new Map<string, NodeApiError>();
	for (const [e164, result] of byPhoneNumber<RefreshResult>(results)) {
		if (result.success === true) continue;
		const message = `Refresh of ${e164} failed: ${result.error ?? 'no reason given'}`;
		const httpCode = String(response.statusCode);
		const status = { status: response.statusCode };
		refusals.set(e164, new NodeApiError(context.getNode(), status, { message, httpCode }));
	}
	return eachNumber(context, batch, response, results, refusals);
}

/**
 * After a request whose answer was lost: a number checked since it was sent was refreshed, a
 * number not monitored was not; the others may still be (free reads, nothing sent again).
 */
async function refreshedAmong(
	context: IExecuteFunctions,
	{ batch, sentAt }: Sent,
	entries: NumberEntry[],
): Promise<Settlement> {
	const since = sentAt - CLOCK_SKEW_MS;
	const numbers = entries.map((entry) => entry.e164);
	const monitored = await monitoredAmong(context, batch.enterpriseId, numbers);
	const found = new Map<string, Found>();
	for (const e164 of numbers) {
		const data = monitored.get(e164)?.reputation_data as IDataObject | null | undefined;
		if (Date.parse(String(data?.last_refreshed_at ?? '')) >= since)
			found.set(e164, { processed: { phone_number: e164, success: true, error: null } });
		else if (!monitored.has(e164)) found.set(e164, { notProcessed: NOT_MONITORED });
	}
	return settlementOf(entries, found);
}

const NOT_MONITORED =
	'Not refreshed: a free read shows the number is not monitored on this enterprise';

const HOW_TO_SETTLE =
	'Telnyx may still be refreshing it: its reputation_data.last_refreshed_at (Phone Number → Get Many, free) shows when it has. Refreshing it again may bill a second lookup.';

async function refreshBatch(
	context: IExecuteFunctions,
	batch: Batch,
	options: SendOptions,
): Promise<BatchOutcome> {
	const sent = await sendBatch(context, REFRESH, batch, options);
	const read = sent.answer ? refreshed(context, sent.batch, sent.answer) : sent.outcome;
	const unknown = unknownEntries(read);
	if (unknown.length === 0) return withRefused(sent, read);
	const found = await refreshedAmong(context, sent, unknown).catch((error: Error) => error);
	return withRefused(sent, settled(context, read, found, HOW_TO_SETTLE));
}

/** Refresh (billable live lookups), batched across all input items: a custom operation. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { items, invalid, samples } = readInput(this);
	stopIfInvalid(this, invalid);
	const options = readSendOptions(this);
	const batches = batchesOf(groupNumbers(items), REFRESH.maxNumbers);
	const tasks = batches.map((batch) => async () => await refreshBatch(this, batch, options));
	const { results, end } = await runUntil(tasks, options.concurrency, failsInStopMode(this));
	const sent = { batches, outcomes: results, end };
	stopOnFailure(this, 'refreshed', sent);
	const { checkUsd } = await pricesOf(this);
	const billed = withSucceeded(sent, { last: { billed_usd: checkUsd } });
	return [
		report(this, {
			verb: 'refreshed',
			billedEach: checkUsd,
			sent: billed,
			failures: invalid,
			samples,
		}),
	];
}
