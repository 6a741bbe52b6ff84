// Sending a batched operation's numbers: in requests of at most the endpoint's size, a few at
// once, and with Retry Without Refused Numbers again without the numbers a refusal named (the
// API refuses a request as a whole). What a 2xx answer says of each number is the operation's
// to read (answers.ts helps).
import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { entryFailure } from './outputItems';
import type { TelnyxErrorEntry, TelnyxResponse } from '../../shared/transport/answer';
import { errorEntries } from '../../shared/transport/answer';
import {
	entriesDescription,
	entriesMessage,
	OutcomeUnknownError,
} from '../../shared/transport/apiErrors';
import { canonical } from '../../shared/phoneNumbers';
import type { Endpoint } from '../../shared/api/endpoints';
import { requestTo } from '../../shared/api/endpoints';
import { chunk } from '../../shared/bounded';
import { plural } from '../../shared/text';
import type { TelnyxResult } from '../../shared/transport/request';
import { telnyxResult } from '../../shared/transport/request';
import type { Batch, BatchOutcome, Failure, NumberEntry, NumberGroup } from './types';

export const DEFAULT_CONCURRENCY = 3;

/** The Options (actions/common/options.ts) that say how a run sends: not per item, read once. */
export interface SendOptions {
	concurrency: number;
	retryWithoutRefused: boolean;
	/** Set only when the operation's Timeout is: else the node's Request Options → Timeout applies. */
	timeoutMs?: number;
}

export function readSendOptions(context: IExecuteFunctions): SendOptions {
	const { timeout } = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		concurrency: context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number,
		retryWithoutRefused: context.getNodeParameter(
			'options.retryWithoutRefused',
			0,
			false,
		) as boolean,
		...(typeof timeout === 'number' ? { timeoutMs: timeout * 1000 } : {}),
	};
}

/** A billable endpoint that takes many numbers per request: the body is `phone_numbers` and the group's fields. */
export type BatchEndpoint = Endpoint & { maxNumbers: number };

/**
 * What sending one batch came to: a 2xx `answer` for the operation to read, or else the
 * `outcome` it came to without one; and the numbers that earlier sends of it had refused.
 */
export interface Sent {
	/** The batch as it was last sent: Retry Without Refused Numbers leaves refused numbers out. */
	batch: Batch;
	/** When it was last sent (ms since the epoch): what a read after an unknown outcome compares with. */
	sentAt: number;
	answer?: TelnyxResponse;
	outcome: BatchOutcome;
	refused: Failure[];
	refusal?: NodeApiError;
}

/** With Retry Without Refused Numbers: how many times one request may be sent in all. */
const MAX_SENDS_PER_REQUEST = 10;

async function sendOnce(
	context: IExecuteFunctions,
	endpoint: BatchEndpoint,
	batch: Batch,
	timeoutMs: number | undefined,
): Promise<{ answer?: TelnyxResponse; outcome: BatchOutcome }> {
	const body = { phone_numbers: batch.entries.map((entry) => entry.e164), ...batch.fields };
	const request = requestTo(endpoint, { enterpriseId: batch.enterpriseId });
	const parts = { body, timeoutMs, carriesNumbers: true, where: `In ${batch.label}.` };
	let result: TelnyxResult;
	try {
		result = await telnyxResult.call(context, request, parts);
	} catch (error) {
		return { outcome: wholeBatch(batch, error as NodeApiError) };
	}
	const { response, error } = result;
	if (!error) return { answer: response, outcome: { succeeded: [], failures: [] } };
	if (error instanceof OutcomeUnknownError) return { outcome: wholeBatch(batch, error) };
	return { outcome: refusedBatch(batch, error, response.body) };
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
export function refusedBatch(batch: Batch, error: NodeApiError, body: unknown): BatchOutcome {
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

/** Every number of a batch shares its request's fate: unknown when it may have been processed, else failed. */
function wholeBatch(batch: Batch, error: NodeApiError): BatchOutcome {
	const status = error instanceof OutcomeUnknownError ? 'unknown' : 'failed';
	return {
		succeeded: [],
		failures: batch.entries.map((entry) => entryFailure(entry, status, error)),
		error,
	};
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
export async function sendBatch(
	context: IExecuteFunctions,
	endpoint: BatchEndpoint,
	batch: Batch,
	options: SendOptions,
): Promise<Sent> {
	const refused: Failure[] = [];
	let refusal: NodeApiError | undefined;
	let current = batch;
	for (let sends = 1; ; sends++) {
		const sentAt = Date.now();
		const { answer, outcome } = await sendOnce(context, endpoint, current, options.timeoutMs);
		const rest = outcome.notNamed ?? [];
		if (!options.retryWithoutRefused || rest.length === 0)
			return { batch: current, sentAt, answer, outcome, refused, refusal };
		refused.push(...outcome.failures.filter((failure) => failure.status === 'refused'));
		refusal ??= outcome.error;
		if (sends === MAX_SENDS_PER_REQUEST) {
			const stopped = notSentAgain(batch, rest, refused, refusal as NodeApiError);
			return { batch: current, sentAt, outcome: stopped, refused: [] };
		}
		current = {
			...batch,
			entries: rest,
			label: `${batch.label}, sent again without ${plural(refused.length, 'refused number')}`,
		};
	}
}

/** A batch's outcome with the numbers its earlier sends had refused, before its own. */
export const withRefused = (sent: Sent, outcome: BatchOutcome): BatchOutcome => ({
	...outcome,
	failures: [...sent.refused, ...outcome.failures],
	error: outcome.error ?? sent.refusal,
});

/** The groups' numbers in requests of at most `maxPerRequest`, labelled for messages. */
export function batchesOf(groups: NumberGroup[], maxPerRequest: number): Batch[] {
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
