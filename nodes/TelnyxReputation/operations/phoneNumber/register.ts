import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxErrorEntry, TelnyxResponse } from '../../helpers/errorHandler';
import { describeEntry, errorEntries, isSuccess, toNodeApiError } from '../../helpers/errorHandler';
import type { NumberEntry } from '../../helpers/numberInput';
import { collectNumbers, throwIfRejected } from '../../helpers/numberInput';
import type { Failure } from '../../helpers/outcomes';
import { failureItem } from '../../helpers/outcomes';
import { chunk, runBounded } from '../../helpers/pool';
import { apiPath, telnyxRequest } from '../../helpers/transport';

/** The API takes 1-100 numbers per request. */
export const MAX_NUMBERS_PER_REQUEST = 100;

interface Batch {
	enterpriseId: string;
	entries: NumberEntry[];
	label: string;
}

interface BatchOutcome {
	registered: Array<{ order: number; item: INodeExecutionData }>;
	failures: Array<Failure & { order: number }>;
	error?: NodeApiError;
}

const POINTER = /^\/body\/phone_numbers\/(\d+)$/;

/** The API's error entries grouped by the position of the number they point at. */
function entriesByNumber(entries: TelnyxErrorEntry[]): Map<number, TelnyxErrorEntry[]> {
	const byIndex = new Map<number, TelnyxErrorEntry[]>();
	for (const entry of entries) {
		const match = POINTER.exec(entry.source?.pointer ?? '');
		if (!match) continue;
		const index = Number(match[1]);
		byIndex.set(index, [...(byIndex.get(index) ?? []), entry]);
	}
	return byIndex;
}

/**
 * The request was refused as a whole (the API is all-or-nothing): numbers the API pointed at
 * are `refused` with its reason, the others `failed` because they shared the request.
 */
function refusedBatch(batch: Batch, error: NodeApiError, body: unknown): BatchOutcome {
	const pointed = entriesByNumber(errorEntries(body));
	const failures = batch.entries.map((entry, index) => {
		const own = pointed.get(index);
		const base = { phoneNumber: entry.e164, input: entry.inputs[0], items: entry.items, error, order: entry.order };
		if (own) return { ...base, status: 'refused' as const, entries: own, message: own.map(describeEntry).join('; ') };
		const message =
			pointed.size > 0
				? 'Not registered: Telnyx refused the whole request because of other numbers in it; this number was not registered and can be sent again without them'
				: error.message;
		return { ...base, status: 'failed' as const, entries: pointed.size > 0 ? [] : errorEntries(body), message };
	});
	return { registered: [], failures, error };
}

function registeredBatch(context: IExecuteFunctions, batch: Batch, response: TelnyxResponse): BatchOutcome {
	const data = (response.body as { data?: unknown })?.data;
	const returned = new Map<string, INodeExecutionData['json']>();
	if (Array.isArray(data)) {
		for (const record of data) {
			if (record && typeof record.phone_number === 'string') returned.set(record.phone_number, record);
		}
	}
	const outcome: BatchOutcome = { registered: [], failures: [] };
	for (const entry of batch.entries) {
		const json = returned.get(entry.e164);
		if (json) {
			outcome.registered.push({
				order: entry.order,
				item: { json, pairedItem: entry.items.map((item) => ({ item })) },
			});
			continue;
		}
		// Billable and possibly processed: say so rather than invite a blind retry.
		outcome.error ??= new NodeApiError(
			context.getNode(),
			{ status: response.statusCode },
			{
				message: `Telnyx answered ${response.statusCode} but did not return every number of ${batch.label}`,
				description:
					'The numbers may have been registered. Check them with Get Many before sending them again.',
				httpCode: String(response.statusCode),
			},
		);
		outcome.failures.push({
			status: 'failed',
			phoneNumber: entry.e164,
			input: entry.inputs[0],
			items: entry.items,
			error: outcome.error,
			order: entry.order,
		});
	}
	return outcome;
}

async function sendBatch(context: IExecuteFunctions, batch: Batch): Promise<BatchOutcome> {
	const phoneNumbers = batch.entries.map((entry) => entry.e164);
	let response: TelnyxResponse;
	try {
		response = await telnyxRequest.call(
			context,
			'POST',
			apiPath`/enterprises/${batch.enterpriseId}/reputation/numbers`,
			{ body: { phone_numbers: phoneNumbers } },
		);
	} catch (error) {
		const failures = batch.entries.map((entry) => ({
			status: 'failed' as const,
			phoneNumber: entry.e164,
			input: entry.inputs[0],
			items: entry.items,
			error: error as NodeApiError,
			order: entry.order,
		}));
		return { registered: [], failures, error: error as NodeApiError };
	}
	if (!isSuccess(response.statusCode)) {
		return refusedBatch(batch, toNodeApiError(context.getNode(), response, `In ${batch.label}.`), response.body);
	}
	return registeredBatch(context, batch, response);
}

/** With Continue On Fail off: the first failure, with an account of every number. */
function failureWithAccount(error: NodeApiError, outcomes: Array<BatchOutcome | undefined>, batches: Batch[]) {
	const registered = outcomes.reduce((sum, outcome) => sum + (outcome?.registered.length ?? 0), 0);
	const failed = outcomes.flatMap((outcome) => outcome?.failures ?? []);
	const notSent = batches.filter((_, index) => outcomes[index] === undefined);
	const lines = [
		`${registered} numbers were registered by the requests that succeeded.`,
		...failed.slice(0, 20).map((failure) => `${failure.phoneNumber}: ${failure.message ?? failure.error.message}`),
	];
	if (failed.length > 20) lines.push(`…and ${failed.length - 20} more numbers not registered.`);
	if (notSent.length > 0) {
		const count = notSent.reduce((sum, batch) => sum + batch.entries.length, 0);
		lines.push(`${count} numbers in ${notSent.length} requests were not sent after this failure.`);
	}
	error.description = `${error.description ?? ''}\n\n${lines.join('\n')}\nTurn on Continue On Fail to get every number back as an item.`;
	return error;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "3 registered, 1 not registered, 1 invalid (not sent), in 1 request; 1 duplicate sent once" */
function summary(outcomes: Array<BatchOutcome | undefined>, invalid: number, batches: Batch[]): string {
	const registered = outcomes.reduce((sum, outcome) => sum + (outcome?.registered.length ?? 0), 0);
	const failed = outcomes.reduce((sum, outcome) => sum + (outcome?.failures.length ?? 0), 0);
	const duplicates = batches.reduce(
		(sum, batch) => sum + batch.entries.reduce((count, entry) => count + entry.inputs.length - 1, 0),
		0,
	);
	const parts = [`${registered} registered`];
	if (failed) parts.push(`${failed} not registered`);
	if (invalid) parts.push(`${invalid} invalid (not sent)`);
	let text = `${parts.join(', ')}, in ${plural(batches.length, 'request')}`;
	if (duplicates) text += `; ${plural(duplicates, 'duplicate')} sent once`;
	return text;
}

/**
 * Register Numbers. Runs once for all input items (a custom operation), so numbers from
 * every item are normalized, de-duplicated and sent together, at most 100 per request and a
 * few requests at a time. Every number comes back: registered (the API's record), or an
 * item with `status` invalid / refused / failed and the error, paired to its input items.
 */
export async function register(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { byEnterprise, rejected } = collectNumbers(this);
	throwIfRejected(this, rejected);

	const groups = [...byEnterprise].filter(([, numbers]) => numbers.size > 0);
	const batches: Batch[] = groups.flatMap(([enterpriseId, numbers]) =>
		chunk([...numbers.values()], MAX_NUMBERS_PER_REQUEST).map((entries) => ({ enterpriseId, entries, label: '' })),
	);
	batches.forEach((batch, index) => {
		batch.label = `request ${index + 1} of ${batches.length} (${batch.entries.length} numbers for enterprise ${batch.enterpriseId})`;
	});

	const continueOnFail = this.continueOnFail();
	const concurrency = this.getNodeParameter('options.concurrency', 0, 3) as number;
	let firstError: NodeApiError | undefined;
	const outcomes = await runBounded(
		batches.map((batch) => async () => {
			const outcome = await sendBatch(this, batch);
			firstError ??= outcome.error;
			return outcome;
		}),
		concurrency,
		() => !continueOnFail && firstError !== undefined,
	);
	if (firstError && !continueOnFail) throw failureWithAccount(firstError, outcomes, batches);

	const results = [
		...outcomes.flatMap((outcome) => outcome?.registered ?? []),
		...outcomes.flatMap((outcome) => outcome?.failures ?? []).map((failure) => ({ order: failure.order, item: failureItem(failure) })),
		...rejected.map((value) => ({
			order: value.order,
			item: failureItem({ status: 'invalid', phoneNumber: null, input: value.input, items: [value.itemIndex], error: value.error, message: value.reason }),
		})),
	];
	results.sort((a, b) => a.order - b.order);

	this.addExecutionHints({ message: summary(outcomes, rejected.length, batches), location: 'outputPane' });
	return [results.map((result) => result.item)];
}
