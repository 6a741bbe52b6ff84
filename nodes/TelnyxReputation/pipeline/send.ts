import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { entryFailure, refusedBatch } from './answers';
import type { TelnyxResponse } from '../../shared/transport/apiErrors';
import { isSuccess, toNodeApiError } from '../../shared/transport/apiErrors';
import type { ReadFields } from './readNumbers';
import { collectNumbers, throwIfInvalid } from './readNumbers';
import { failureItems, tableOrder } from './outputItems';
import { buildPath } from '../../shared/paths';
import { chunk, runBounded } from '../../shared/bounded';
import { OutcomeUnknownError, withOutcome } from '../../shared/transport/retries';
import { failureWithAccount, summary } from './report';
import { plural } from '../../shared/text';
import type { SendOptions } from './sendOptions';
import { readSendOptions } from './sendOptions';
import { telnyxRequest } from '../../shared/transport/request';
import type { Batch, BatchOutcome, Failure, NumberGroup, OrderedItem } from './types';

/** An operation that sends phone numbers of many items in shared requests. */
export interface BatchedOperation {
	/** Past tense for the summary: "registered". */
	verb: string;
	maxPerRequest: number;
	/** The request's path template, with `{enterpriseId}`. */
	path: string;
	readFields?: ReadFields;
	/** Maps a 2xx answer to output items; a number it cannot account for must come back as a failure. */
	onSuccess: (context: IExecuteFunctions, batch: Batch, response: TelnyxResponse) => BatchOutcome;
	/**
	 * Before anything is sent: takes out of `groups` the numbers that need no request, and
	 * answers their items (Register: the numbers already monitored).
	 */
	answerWithoutSending?: (
		context: IExecuteFunctions,
		groups: NumberGroup[],
	) => Promise<OrderedItem[]>;
	/**
	 * After a request whose outcome is unknown for some numbers: finds out with free reads
	 * which were processed, and answers the outcome with those settled (see unknown.ts).
	 */
	settle?: (
		context: IExecuteFunctions,
		batch: Batch,
		outcome: BatchOutcome,
	) => Promise<BatchOutcome>;
	/** Why those numbers were not sent, for the summary: "already monitored" by default. */
	notSentAs?: string;
}

/** With Retry Without Refused Numbers: how many times one request may be sent in all. */
const MAX_SENDS_PER_REQUEST = 10;

async function sendOnce(
	context: IExecuteFunctions,
	operation: BatchedOperation,
	batch: Batch,
	timeoutMs: number | undefined,
): Promise<BatchOutcome> {
	const body = { phone_numbers: batch.entries.map((entry) => entry.e164), ...batch.fields };
	const sentAt = Date.now();
	let response: TelnyxResponse;
	try {
		response = await telnyxRequest.call(
			context,
			'POST',
			buildPath(operation.path, { enterpriseId: batch.enterpriseId }),
			{ body, policy: 'atMostOnce', timeoutMs, carriesNumbers: true },
		);
	} catch (error) {
		return wholeBatch(batch, error as NodeApiError, sentAt);
	}
	if (!isSuccess(response.statusCode)) {
		const refusal = toNodeApiError(context.getNode(), response, `In ${batch.label}.`);
		const error = withOutcome(
			context.getNode(),
			'atMostOnce',
			{ statusCode: response.statusCode },
			refusal,
			true,
		);
		if (error instanceof OutcomeUnknownError) return wholeBatch(batch, error, sentAt);
		return refusedBatch(batch, error, response.body);
	}
	return { ...operation.onSuccess(context, batch, response), sentAt };
}

/** Every number of a batch shares its request's fate: unknown when it may have been processed, else failed. */
function wholeBatch(batch: Batch, error: NodeApiError, sentAt: number): BatchOutcome {
	const status = error instanceof OutcomeUnknownError ? 'unknown' : 'failed';
	return {
		succeeded: [],
		failures: batch.entries.map((entry) => entryFailure(entry, status, error)),
		error,
		sentAt,
	};
}

/** The outcome with its numbers of unknown outcome settled by the operation's free reads, if it has them. */
async function settled(
	context: IExecuteFunctions,
	operation: BatchedOperation,
	batch: Batch,
	outcome: BatchOutcome,
): Promise<BatchOutcome> {
	if (!operation.settle || !outcome.failures.some((failure) => failure.status === 'unknown'))
		return outcome;
	return await operation.settle(context, batch, outcome);
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
		const outcome = await settled(
			context,
			operation,
			current,
			await sendOnce(context, operation, current, options.timeoutMs),
		);
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

/** What a run sent: its batches, and each batch's outcome (undefined: not sent after a failure). */
export interface SentBatches {
	batches: Batch[];
	outcomes: Array<BatchOutcome | undefined>;
}

/**
 * Sends the numbers of `groups`, `maxPerRequest` at a time and a few requests at once. With
 * Continue On Fail off, the first failure stops the run (requests in flight finish) and is
 * thrown with an account of every number.
 */
export async function sendGroups(
	context: IExecuteFunctions,
	operation: BatchedOperation,
	groups: NumberGroup[],
): Promise<SentBatches> {
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
	return { batches, outcomes };
}

/**
 * The output of a batched run, in input order: the success items, every failure and invalid
 * value as its items (see failureItems); the summary goes above the output.
 */
export function report(
	context: IExecuteFunctions,
	verb: string,
	{ batches, outcomes }: SentBatches,
	invalid: Failure[],
	answeredWithoutSending: OrderedItem[] = [],
	hints = summary(verb, outcomes, invalid.length, batches, answeredWithoutSending.length),
): INodeExecutionData[] {
	const results = [
		...answeredWithoutSending,
		...outcomes.flatMap((outcome) => outcome?.succeeded ?? []),
		...[...outcomes.flatMap((outcome) => outcome?.failures ?? []), ...invalid].flatMap((failure) =>
			failureItems(failure, context.getNode().onError === 'continueErrorOutput'),
		),
	];
	results.sort((a, b) => a.order - b.order);
	for (const message of hints) context.addExecutionHints({ message, location: 'outputPane' });
	return results.map(({ item }) => ({ ...item, json: tableOrder(item.json) }));
}

/**
 * Runs once for all input items (a custom operation), so numbers from every item are
 * normalized, de-duplicated and sent together. Every value comes back: answered without a
 * request (`answerWithoutSending`), in the operation's success items, or as failure items (invalid /
 * refused / failed / unknown; see failureItems).
 */
export async function runBatchedOperation(
	context: IExecuteFunctions,
	operation: BatchedOperation,
): Promise<INodeExecutionData[][]> {
	const { groups, invalid } = collectNumbers(context, operation.readFields);
	throwIfInvalid(context, invalid);
	const answeredWithoutSending = operation.answerWithoutSending
		? await operation.answerWithoutSending(context, groups)
		: [];
	const sent = await sendGroups(context, operation, groups);
	const hints = summary(
		operation.verb,
		sent.outcomes,
		invalid.length,
		sent.batches,
		answeredWithoutSending.length,
		operation.notSentAs,
	);
	return [report(context, operation.verb, sent, invalid, answeredWithoutSending, hints)];
}
