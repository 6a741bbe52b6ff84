import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { entryFailure, refusedBatch } from './answers';
import type { TelnyxResponse } from '../../shared/transport/apiErrors';
import { isSuccess, toNodeApiError } from '../../shared/transport/apiErrors';
import type { Endpoint } from '../../shared/api/endpoints';
import { requestTo } from '../../shared/api/endpoints';
import { chunk, runBounded } from '../../shared/bounded';
import { OutcomeUnknownError, withOutcome } from '../../shared/transport/retries';
import { failureWithAccount } from './report';
import { plural } from '../../shared/text';
import type { SendOptions } from './sendOptions';
import { readSendOptions } from './sendOptions';
import { telnyxRequest } from '../../shared/transport/request';
import type { Batch, BatchOutcome, Failure, NumberEntry, NumberGroup, SentBatches } from './types';

/** A billable endpoint that takes many numbers per request, and how its answers map to them. */
export interface BatchEndpoint {
	/** Its path has `{enterpriseId}`, and it says how many numbers a request takes; the body is `phone_numbers` and the group's fields. */
	endpoint: Endpoint & { maxNumbers: number };
	/** Maps a 2xx answer to its numbers' outcomes; a number it cannot account for comes back as a failure. */
	readAnswer: (context: IExecuteFunctions, batch: Batch, response: TelnyxResponse) => BatchOutcome;
	/**
	 * After a request whose outcome is unknown for some numbers: finds out with free reads
	 * which were processed, and answers the outcome with those settled (see settle.ts).
	 */
	settle?: (
		context: IExecuteFunctions,
		batch: Batch,
		outcome: BatchOutcome,
	) => Promise<BatchOutcome>;
}

/** With Retry Without Refused Numbers: how many times one request may be sent in all. */
const MAX_SENDS_PER_REQUEST = 10;

async function sendOnce(
	context: IExecuteFunctions,
	operation: BatchEndpoint,
	batch: Batch,
	timeoutMs: number | undefined,
): Promise<BatchOutcome> {
	const body = { phone_numbers: batch.entries.map((entry) => entry.e164), ...batch.fields };
	const sentAt = Date.now();
	let response: TelnyxResponse;
	try {
		const request = requestTo(operation.endpoint, { enterpriseId: batch.enterpriseId });
		response = await telnyxRequest.call(context, request, {
			body,
			timeoutMs,
			carriesNumbers: true,
		});
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
	return { ...operation.readAnswer(context, batch, response), sentAt };
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
	operation: BatchEndpoint,
	batch: Batch,
	outcome: BatchOutcome,
): Promise<BatchOutcome> {
	if (!operation.settle || !outcome.failures.some((failure) => failure.status === 'unknown'))
		return outcome;
	return await operation.settle(context, batch, outcome);
}

/** The numbers still unsent when a request has been sent MAX_SENDS_PER_REQUEST times: failed, not processed. */
function notSentAgain(
	batch: Batch,
	rest: NumberEntry[],
	refused: Failure[],
	error: NodeApiError,
): BatchOutcome {
	const stopped = rest.map((entry) =>
		entryFailure(entry, 'failed', error, {
			message: `Not sent: the request was refused for other numbers each time, and not sent again after it was sent ${MAX_SENDS_PER_REQUEST} times; this number was not processed and can be sent again`,
			description: `In ${batch.label}.`,
		}),
	);
	return { succeeded: [], failures: [...refused, ...stopped], error };
}

/**
 * Sends a batch. With "Retry Without Refused Numbers", a request refused because of some of
 * its numbers is sent again without them (a refused request was not processed, so this bills
 * nothing twice). Every resend drops at least one number the API named, and a request is sent
 * at most MAX_SENDS_PER_REQUEST times; the named numbers stay refused.
 */
async function sendBatch(
	context: IExecuteFunctions,
	operation: BatchEndpoint,
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
		if (sends === MAX_SENDS_PER_REQUEST)
			return notSentAgain(batch, rest, refused, refusal as NodeApiError);
		current = {
			...batch,
			entries: rest,
			label: `${batch.label}, sent again without ${plural(refused.length, 'refused number')}`,
		};
	}
}

/** The groups' numbers in requests of at most `maxPerRequest`, labelled for messages. */
function batchesOf(groups: NumberGroup[], maxPerRequest: number): Batch[] {
	const batches = groups.flatMap(({ enterpriseId, fields, numbers }) =>
		chunk([...numbers.values()], maxPerRequest).map((entries) => ({
			enterpriseId,
			fields,
			entries,
		})),
	);
	return batches.map((batch, index) => ({
		...batch,
		label: `request ${index + 1} of ${batches.length} (${plural(batch.entries.length, 'number')} for enterprise ${batch.enterpriseId})`,
	}));
}

/**
 * Sends the numbers of `groups` to `operation`, a few requests at once. With Continue On Fail
 * off, no request starts after the first failure (requests in flight finish): `stopOnFailure`
 * then stops the node with an account of every number.
 */
export async function sendBatches(
	context: IExecuteFunctions,
	operation: BatchEndpoint,
	groups: NumberGroup[],
): Promise<SentBatches> {
	const batches = batchesOf(groups, operation.endpoint.maxNumbers);
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
	return { batches, outcomes, firstError };
}

/** With Continue On Fail off, a run with a failure stops the node: its first error, with an account of every number. */
export function stopOnFailure(context: IExecuteFunctions, verb: string, sent: SentBatches): void {
	if (sent.firstError && !context.continueOnFail())
		throw failureWithAccount(verb, sent.firstError, sent.outcomes, sent.batches);
}

/** The run with each success item's JSON changed by `change` (Sync's status, Register's flag). */
export function withSucceeded(
	sent: SentBatches,
	change: (json: IDataObject) => IDataObject,
): SentBatches {
	const changed = (outcome: BatchOutcome): BatchOutcome => ({
		...outcome,
		succeeded: outcome.succeeded.map(({ order, item }) => ({
			order,
			item: { ...item, json: change(item.json) },
		})),
	});
	return { ...sent, outcomes: sent.outcomes.map((outcome) => outcome && changed(outcome)) };
}
