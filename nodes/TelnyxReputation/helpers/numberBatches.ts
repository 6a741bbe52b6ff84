import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxErrorEntry, TelnyxResponse } from './errorHandler';
import { describeEntry, errorEntries, isSuccess, MAY_HAVE_BEEN_PROCESSED, toNodeApiError } from './errorHandler';
import type { NumberEntry, ReadFields } from './numberInput';
import { collectNumbers, throwIfRejected } from './numberInput';
import type { Failure, FailureStatus } from './outcomes';
import { failureItem } from './outcomes';
import { chunk, runBounded } from './pool';
import { mayHaveBeenProcessed } from './retry';
import { DEFAULT_TIMEOUT_MS, telnyxRequest } from './transport';

export interface Batch {
	enterpriseId: string;
	fields: IDataObject;
	entries: NumberEntry[];
	/** "request 2 of 3 (100 numbers for enterprise …)", for messages. */
	label: string;
}

export interface BatchOutcome {
	succeeded: Array<{ order: number; item: INodeExecutionData }>;
	failures: Array<Failure & { order: number }>;
	error?: NodeApiError;
	/** After a refusal that named some of the numbers: the others, which were not processed. */
	notNamed?: NumberEntry[];
}

/** An operation that sends phone numbers of many items in shared requests. */
export interface BatchedOperation {
	/** Past tense for the summary: "registered". */
	verb: string;
	maxPerRequest: number;
	path: (enterpriseId: string) => string;
	readFields?: ReadFields;
	/** Maps a 2xx answer to output items; a number it cannot account for must come back as a failure. */
	onSuccess: (context: IExecuteFunctions, batch: Batch, response: TelnyxResponse) => BatchOutcome;
}

export function entryFailure(
	entry: NumberEntry,
	status: FailureStatus,
	error: NodeApiError,
	extra: Pick<Failure, 'entries' | 'message'> = {},
): Failure & { order: number } {
	return { status, phoneNumber: entry.e164, input: entry.inputs[0], items: entry.items, error, order: entry.order, ...extra };
}

/** The records of a list in an answer, by their `phone_number`; empty when the answer is not such a list. */
export function byPhoneNumber<T extends { phone_number: string }>(records: unknown): Map<string, T> {
	const found = new Map<string, T>();
	if (!Array.isArray(records)) return found;
	for (const record of records) {
		if (typeof record?.phone_number === 'string') found.set(record.phone_number, record);
	}
	return found;
}

export function pairedTo(entries: NumberEntry[]): INodeExecutionData['pairedItem'] {
	const items = [...new Set(entries.flatMap((entry) => entry.items))].sort((a, b) => a - b);
	return items.map((item) => ({ item }));
}

/** A 2xx answer that does not account for a sent, billable number: it may have been processed. */
export function unconfirmed(context: IExecuteFunctions, batch: Batch, response: TelnyxResponse): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ status: response.statusCode },
		{
			message: `Telnyx answered ${response.statusCode} but did not confirm every number of ${batch.label}`,
			description: 'These numbers may have been processed. Check them with Get Many before sending them again.',
			httpCode: String(response.statusCode),
		},
	);
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
	const all = errorEntries(body);
	const pointed = entriesByNumber(all);
	const failures = batch.entries.map((entry, index) => {
		const own = pointed.get(index);
		if (own) return entryFailure(entry, 'refused', error, { entries: own, message: own.map(describeEntry).join('; ') });
		if (pointed.size === 0) return entryFailure(entry, 'failed', error, { entries: all });
		return entryFailure(entry, 'failed', error, {
			message:
				'Not sent through: Telnyx refused the whole request because of other numbers in it; this number was not processed and can be sent again without them',
		});
	});
	const notNamed = pointed.size > 0 ? batch.entries.filter((_, index) => !pointed.has(index)) : undefined;
	return { succeeded: [], failures, error, notNamed };
}

async function sendOnce(context: IExecuteFunctions, operation: BatchedOperation, batch: Batch): Promise<BatchOutcome> {
	const body = { phone_numbers: batch.entries.map((entry) => entry.e164), ...batch.fields };
	let response: TelnyxResponse;
	try {
		response = await telnyxRequest.call(context, 'POST', operation.path(batch.enterpriseId), {
			body,
			policy: 'billable',
			timeoutMs: (context.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_MS / 1000) as number) * 1000,
		});
	} catch (error) {
		const failures = batch.entries.map((entry) => entryFailure(entry, 'failed', error as NodeApiError));
		return { succeeded: [], failures, error: error as NodeApiError };
	}
	if (!isSuccess(response.statusCode)) {
		const where = `In ${batch.label}.`;
		const note = mayHaveBeenProcessed({ statusCode: response.statusCode }) ? `\n${MAY_HAVE_BEEN_PROCESSED}` : '';
		return refusedBatch(batch, toNodeApiError(context.getNode(), response, where + note), response.body);
	}
	return operation.onSuccess(context, batch, response);
}

/**
 * Sends a batch. With "Retry Without Refused Numbers", a request refused because of some of
 * its numbers is sent again without them (a refused request was not processed, so this bills
 * nothing twice), until it passes or fails for another reason; the named numbers stay refused.
 */
async function sendBatch(context: IExecuteFunctions, operation: BatchedOperation, batch: Batch): Promise<BatchOutcome> {
	const retryWithoutRefused = context.getNodeParameter('options.retryWithoutRefused', 0, false) as boolean;
	const refused: BatchOutcome['failures'] = [];
	let refusal: NodeApiError | undefined;
	let current = batch;
	for (;;) {
		const outcome = await sendOnce(context, operation, current);
		const rest = outcome.notNamed ?? [];
		if (!retryWithoutRefused || rest.length === 0) {
			return { ...outcome, failures: [...refused, ...outcome.failures], error: outcome.error ?? refusal };
		}
		refused.push(...outcome.failures.filter((failure) => failure.status === 'refused'));
		refusal ??= outcome.error;
		current = { ...batch, entries: rest, label: `${batch.label}, sent again without ${plural(refused.length, 'refused number')}` };
	}
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Numbers of the batches that were sent and did not fail (a Submit succeeds once for many). */
const succeededNumbers = (outcomes: Array<BatchOutcome | undefined>, batches: Batch[]) =>
	outcomes.reduce((sum, outcome, index) => sum + (outcome ? batches[index].entries.length - outcome.failures.length : 0), 0);

/** With Continue On Fail off: the first failure, with an account of every number. */
function failureWithAccount(
	verb: string,
	error: NodeApiError,
	outcomes: Array<BatchOutcome | undefined>,
	batches: Batch[],
): NodeApiError {
	const failed = outcomes.flatMap((outcome) => outcome?.failures ?? []);
	const notSent = batches.filter((_, index) => outcomes[index] === undefined);
	const refused = failed.filter((failure) => failure.status === 'refused');
	const lines = [
		`${succeededNumbers(outcomes, batches)} numbers were ${verb} by the requests that succeeded.`,
		...refused.slice(0, 20).map((failure) => `${failure.phoneNumber}: ${failure.message}`),
	];
	if (refused.length > 20) lines.push(`…and ${refused.length - 20} more numbers refused.`);
	const others = new Map<string, number>();
	for (const failure of failed.filter((f) => f.status !== 'refused')) {
		const message = failure.message ?? failure.error.message;
		others.set(message, (others.get(message) ?? 0) + 1);
	}
	for (const [message, numbers] of others) lines.push(`${plural(numbers, 'number')}: ${message}`);
	if (notSent.length > 0) {
		const numbers = notSent.reduce((sum, batch) => sum + batch.entries.length, 0);
		lines.push(`${numbers} numbers in ${plural(notSent.length, 'request')} were not sent after this failure.`);
	}
	error.description = `${error.description ?? ''}\n\n${lines.join('\n')}\nTurn on Continue On Fail to get every number back as an item.`;
	return error;
}

/** "3 registered, 1 not registered, 1 invalid (not sent), in 1 request; 1 duplicate sent once" */
function summary(verb: string, outcomes: Array<BatchOutcome | undefined>, invalid: number, batches: Batch[]): string {
	const succeeded = succeededNumbers(outcomes, batches);
	const failed = outcomes.reduce((sum, outcome) => sum + (outcome?.failures.length ?? 0), 0);
	const duplicates = batches.reduce(
		(sum, batch) => sum + batch.entries.reduce((total, entry) => total + entry.inputs.length - 1, 0),
		0,
	);
	const parts = [`${succeeded} ${verb}`];
	if (failed) parts.push(`${failed} not ${verb}`);
	if (invalid) parts.push(`${invalid} invalid (not sent)`);
	let text = `${parts.join(', ')}, in ${plural(batches.length, 'request')}`;
	if (duplicates) text += `; ${plural(duplicates, 'duplicate')} sent once`;
	return text;
}

/**
 * Runs once for all input items (a custom operation), so numbers from every item are
 * normalized, de-duplicated and sent together, `maxPerRequest` at a time and a few requests
 * at once. Every number comes back: in the operation's success items, or as an item with
 * `details.status` invalid / refused / failed and the error, paired to its input items.
 */
export async function runBatchedOperation(
	context: IExecuteFunctions,
	operation: BatchedOperation,
): Promise<INodeExecutionData[][]> {
	const { groups, rejected } = collectNumbers(context, operation.readFields);
	throwIfRejected(context, rejected);

	const batches: Batch[] = groups.flatMap(({ enterpriseId, fields, numbers }) =>
		chunk([...numbers.values()], operation.maxPerRequest).map((entries) => ({ enterpriseId, fields, entries, label: '' })),
	);
	batches.forEach((batch, index) => {
		batch.label = `request ${index + 1} of ${batches.length} (${plural(batch.entries.length, 'number')} for enterprise ${batch.enterpriseId})`;
	});

	const continueOnFail = context.continueOnFail();
	const concurrency = context.getNodeParameter('options.concurrency', 0, 3) as number;
	let firstError: NodeApiError | undefined;
	const outcomes = await runBounded(
		batches.map((batch) => async () => {
			const outcome = await sendBatch(context, operation, batch);
			firstError ??= outcome.error;
			return outcome;
		}),
		concurrency,
		() => !continueOnFail && firstError !== undefined,
	);
	if (firstError && !continueOnFail) throw failureWithAccount(operation.verb, firstError, outcomes, batches);

	const results = [
		...outcomes.flatMap((outcome) => outcome?.succeeded ?? []),
		...outcomes
			.flatMap((outcome) => outcome?.failures ?? [])
			.map((failure) => ({ order: failure.order, item: failureItem(failure) })),
		...rejected.map((value) => ({
			order: value.order,
			item: failureItem({
				status: 'invalid',
				phoneNumber: null,
				input: value.input,
				items: [value.itemIndex],
				error: value.error,
				message: value.reason,
			}),
		})),
	];
	results.sort((a, b) => a.order - b.order);
	context.addExecutionHints({
		message: summary(operation.verb, outcomes, rejected.length, batches),
		location: 'outputPane',
	});
	return [results.map((result) => result.item)];
}
