import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxErrorEntry, TelnyxResponse } from './errorHandler';
import {
	entriesDescription,
	entriesMessage,
	errorEntries,
	isSuccess,
	toNodeApiError,
} from './errorHandler';
import type { NumberEntry, ReadFields } from './numberInput';
import { collectNumbers, throwIfInvalid } from './numberInput';
import type { Failure, FailureStatus, Ordered } from './outcomes';
import { failureItems, successItem } from './outcomes';
import { buildPath } from './paths';
import { canonical } from './phoneNumbers';
import { chunk, runBounded } from './pool';
import { processedNote } from './attempts';
import { failureWithAccount, plural, summary } from './batchReport';
import type { SendOptions } from './options';
import { readSendOptions } from './options';
import { telnyxRequest } from './transport';

export interface Batch {
	enterpriseId: string;
	fields: IDataObject;
	entries: NumberEntry[];
	/** "request 2 of 3 (100 numbers for enterprise …)", for messages. */
	label: string;
}

export interface BatchOutcome {
	succeeded: Ordered[];
	/** One per number that was not processed. */
	failures: Failure[];
	error?: NodeApiError;
	/** After a refusal that named some of the numbers: the others, which were not processed. */
	notNamed?: NumberEntry[];
}

/** An operation that sends phone numbers of many items in shared requests. */
interface BatchedOperation {
	/** Past tense for the summary: "registered". */
	verb: string;
	maxPerRequest: number;
	/** The request's path template, with `{enterpriseId}`. */
	path: string;
	readFields?: ReadFields;
	/** Maps a 2xx answer to output items; a number it cannot account for must come back as a failure. */
	onSuccess: (context: IExecuteFunctions, batch: Batch, response: TelnyxResponse) => BatchOutcome;
}

/** With Retry Without Refused Numbers: how many times one request may be sent in all. */
const MAX_SENDS_PER_REQUEST = 10;

export function entryFailure(
	entry: NumberEntry,
	status: FailureStatus,
	error: NodeApiError,
	extra: Partial<Pick<Failure, 'entries' | 'message' | 'description'>> = {},
): Failure {
	return {
		status,
		phoneNumber: entry.e164,
		sources: entry.sources,
		error,
		message: error.message,
		description: error.description ?? undefined,
		...extra,
	};
}

/**
 * The records of a list in an answer, by their `phone_number` in E.164 (the API may spell a
 * number `19493253498` or `+1 (949) 325-3498`); empty when the answer is not such a list.
 */
function byPhoneNumber<T extends { phone_number: string }>(records: unknown): Map<string, T> {
	const found = new Map<string, T>();
	if (!Array.isArray(records)) return found;
	for (const record of records) {
		if (typeof record?.phone_number === 'string') found.set(canonical(record.phone_number), record);
	}
	return found;
}

/** A 2xx answer that does not account for a sent, billable number: it may have been processed. */
export function unconfirmed(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ status: response.statusCode },
		{
			message: `Telnyx answered ${response.statusCode} but did not confirm every number of ${batch.label}`,
			description:
				'These numbers may have been processed. Check them with Get Many before sending them again.',
			httpCode: String(response.statusCode),
		},
	);
}

/**
 * Maps an answer that lists one record per number: each number's record is its output item,
 * unless `failureOf` finds it failed; a number the answer does not list may have been
 * processed, and gets an error of its own, never another number's.
 */
export function eachNumber<T extends { phone_number: string }>(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
	records: unknown,
	failureOf: (entry: NumberEntry, record: T) => NodeApiError | undefined = () => undefined,
): BatchOutcome {
	const byNumber = byPhoneNumber<T>(records);
	const outcome: BatchOutcome = { succeeded: [], failures: [] };
	let missing: NodeApiError | undefined;
	for (const entry of batch.entries) {
		const record = byNumber.get(entry.e164);
		const error = record
			? failureOf(entry, record)
			: (missing ??= unconfirmed(context, batch, response));
		if (record && !error) {
			outcome.succeeded.push(successItem([entry], { ...record }));
			continue;
		}
		outcome.error ??= error;
		outcome.failures.push(entryFailure(entry, 'failed', error as NodeApiError));
	}
	return outcome;
}

/** `/body/phone_numbers/3` or, as plain JSON pointers, `/phone_numbers/3`. */
const POINTER = /^(?:\/body)?\/phone_numbers\/(\d+)$/;
/** Something in a message that may be a phone number: `+19493253498`, `(949) 325-3498`… */
const NUMBER_IN_TEXT = /\+?\(?\d[\d\s().-]{5,}\d/g;

/**
 * The API's error entries grouped by the number of the batch they concern: the one their
 * pointer names, or, without a usable pointer, the one number of the batch their detail names.
 * An entry that names no number of the batch (or several) concerns the whole request.
 */
function entriesByNumber(
	entries: TelnyxErrorEntry[],
	batch: Batch,
): Map<number, TelnyxErrorEntry[]> {
	const positions = new Map(batch.entries.map((entry, index) => [entry.e164, index]));
	const byIndex = new Map<number, TelnyxErrorEntry[]>();
	for (const entry of entries) {
		const match = POINTER.exec(entry.source?.pointer ?? '');
		let index = match ? Number(match[1]) : undefined;
		if (index === undefined || index >= batch.entries.length) {
			const named = new Set(
				(entry.detail?.match(NUMBER_IN_TEXT) ?? []).map((text) => positions.get(canonical(text))),
			);
			named.delete(undefined);
			index = named.size === 1 ? [...named][0] : undefined;
		}
		if (index !== undefined) byIndex.set(index, [...(byIndex.get(index) ?? []), entry]);
	}
	return byIndex;
}

/**
 * The request was refused as a whole (the API is all-or-nothing): numbers the API named are
 * `refused` with their own reason, the others `failed` because they shared the request.
 */
function refusedBatch(batch: Batch, error: NodeApiError, body: unknown): BatchOutcome {
	const all = errorEntries(body);
	const named = entriesByNumber(all, batch);
	const where = `In ${batch.label}.`;
	const failures = batch.entries.map((entry, index) => {
		const own = named.get(index);
		if (own) {
			return entryFailure(entry, 'refused', error, {
				entries: own,
				message: entriesMessage(own, 'Refused'),
				description: `${entriesDescription(own)}\n${where}`,
			});
		}
		if (named.size === 0) return entryFailure(entry, 'failed', error, { entries: all });
		return entryFailure(entry, 'failed', error, {
			message:
				'Not sent through: Telnyx refused the whole request because of other numbers in it; this number was not processed and can be sent again without them',
			description: where,
		});
	});
	const notNamed =
		named.size > 0 ? batch.entries.filter((_, index) => !named.has(index)) : undefined;
	return { succeeded: [], failures, error, notNamed };
}

async function sendOnce(
	context: IExecuteFunctions,
	operation: BatchedOperation,
	batch: Batch,
	timeoutMs: number,
): Promise<BatchOutcome> {
	const body = { phone_numbers: batch.entries.map((entry) => entry.e164), ...batch.fields };
	let response: TelnyxResponse;
	try {
		response = await telnyxRequest.call(
			context,
			'POST',
			buildPath(operation.path, { enterpriseId: batch.enterpriseId }),
			{ body, policy: 'atMostOnce', timeoutMs },
		);
	} catch (error) {
		const failures = batch.entries.map((entry) =>
			entryFailure(entry, 'failed', error as NodeApiError),
		);
		return { succeeded: [], failures, error: error as NodeApiError };
	}
	if (!isSuccess(response.statusCode)) {
		const note = processedNote('atMostOnce', { statusCode: response.statusCode }, true);
		const error = toNodeApiError(
			context.getNode(),
			response,
			[`In ${batch.label}.`, note].filter(Boolean).join('\n'),
		);
		return refusedBatch(batch, error, response.body);
	}
	return operation.onSuccess(context, batch, response);
}

/**
 * Sends a batch. With "Retry Without Refused Numbers", a request refused because of some of
 * its numbers is sent again without them (a refused request was not processed, so this bills
 * nothing twice). Every resend drops at least one number the API named, and a request is sent
 * at most MAX_SENDS_PER_REQUEST times; the named numbers stay refused.
 */
async function sendBatch(
	context: IExecuteFunctions,
	operation: BatchedOperation,
	batch: Batch,
	options: SendOptions,
): Promise<BatchOutcome> {
	const refused: Failure[] = [];
	let refusal: NodeApiError | undefined;
	let current = batch;
	for (let sends = 1; ; sends++) {
		const outcome = await sendOnce(context, operation, current, options.timeoutMs);
		const rest = outcome.notNamed ?? [];
		if (!options.retryWithoutRefused || rest.length === 0) {
			return {
				...outcome,
				failures: [...refused, ...outcome.failures],
				error: outcome.error ?? refusal,
			};
		}
		refused.push(...outcome.failures.filter((failure) => failure.status === 'refused'));
		refusal ??= outcome.error;
		if (sends === MAX_SENDS_PER_REQUEST) {
			const error = refusal as NodeApiError;
			const stopped = rest.map((entry) =>
				entryFailure(entry, 'failed', error, {
					message: `Not sent: the request was refused for other numbers each time, and not sent again after it was sent ${MAX_SENDS_PER_REQUEST} times; this number was not processed and can be sent again`,
					description: `In ${batch.label}.`,
				}),
			);
			return { succeeded: [], failures: [...refused, ...stopped], error };
		}
		current = {
			...batch,
			entries: rest,
			label: `${batch.label}, sent again without ${plural(refused.length, 'refused number')}`,
		};
	}
}

/**
 * Runs once for all input items (a custom operation), so numbers from every item are
 * normalized, de-duplicated and sent together, `maxPerRequest` at a time and a few requests
 * at once. Every value comes back: in the operation's success items, or as a failure item
 * (invalid / refused / failed) per input item that gave it.
 */
export async function runBatchedOperation(
	context: IExecuteFunctions,
	operation: BatchedOperation,
): Promise<INodeExecutionData[][]> {
	const { groups, invalid } = collectNumbers(context, operation.readFields);
	throwIfInvalid(context, invalid);

	const batches: Batch[] = groups.flatMap(({ enterpriseId, fields, numbers }) =>
		chunk([...numbers.values()], operation.maxPerRequest).map((entries) => ({
			enterpriseId,
			fields,
			entries,
			label: '',
		})),
	);
	batches.forEach((batch, index) => {
		batch.label = `request ${index + 1} of ${batches.length} (${plural(batch.entries.length, 'number')} for enterprise ${batch.enterpriseId})`;
	});

	const continueOnFail = context.continueOnFail();
	const options = readSendOptions(context);
	let firstError: NodeApiError | undefined;
	const outcomes = await runBounded(
		batches.map((batch) => async () => {
			const outcome = await sendBatch(context, operation, batch, options);
			firstError ??= outcome.error;
			return outcome;
		}),
		options.concurrency,
		() => !continueOnFail && firstError !== undefined,
	);
	if (firstError && !continueOnFail)
		throw failureWithAccount(operation.verb, firstError, outcomes, batches);

	const results = [
		...outcomes.flatMap((outcome) => outcome?.succeeded ?? []),
		...[...outcomes.flatMap((outcome) => outcome?.failures ?? []), ...invalid].flatMap((failure) =>
			failureItems(failure, context.getNode().onError === 'continueErrorOutput'),
		),
	];
	results.sort((a, b) => a.order - b.order);
	for (const message of summary(operation.verb, outcomes, invalid.length, batches)) {
		context.addExecutionHints({ message, location: 'outputPane' });
	}
	return [results.map((result) => result.item)];
}
