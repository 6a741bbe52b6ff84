// A billable request whose answer never came (or came unreadable, or as a 5xx) may have been
// processed: its numbers are `unknown`, never `failed`. Where free reads can tell, they are
// settled: processed (the item the answer would have given), not processed (failed, and safe
// to send again), or still unknown, with how to settle it.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BatchOutcome, Failure, NumberEntry, OrderedItem } from './types';

/** What free reads found of the numbers of unknown outcome of one request. */
export interface Settlement {
	/** Items for the numbers found processed. */
	succeeded: OrderedItem[];
	/** The numbers (E.164) found processed: their items are in `succeeded`. */
	processed: Set<string>;
	/** The numbers found not processed, with the sentence that says so. */
	notProcessed: Map<string, string>;
}

/** The numbers of an outcome whose outcome is unknown, as entries to read. */
export const unknownEntries = (outcome: BatchOutcome): NumberEntry[] =>
	outcome.failures
		.filter((failure) => failure.status === 'unknown' && failure.phoneNumber !== null)
		.map((failure) => ({ e164: failure.phoneNumber as string, sources: failure.sources }));

/** A number found not processed after an unknown outcome: failed, and safe to send again. */
function notProcessed(context: IExecuteFunctions, failure: Failure, message: string): Failure {
	// What the request's error said, but that it may have been processed: a read says it was not.
	const description = (failure.description ?? '')
		.split('\n')
		.filter((line) => !/may have processed/.test(line))
		.join('\n');
	const httpCode = 'httpCode' in failure.error ? (failure.error.httpCode ?? undefined) : undefined;
	const error = new NodeApiError(
		context.getNode(),
		{ status: 'not processed' },
		{ message, description, httpCode },
	);
	return { ...failure, status: 'failed', error, message, description };
}

/**
 * A number still unknown after the reads: its details say how to settle it, and so does its
 * error (shared by the numbers of one request: said once), which Stop mode shows.
 */
function stillUnknown(failure: Failure, howToSettle: string): Failure {
	const { error } = failure;
	if (!error.description?.includes(howToSettle))
		error.description = [error.description, howToSettle].filter(Boolean).join('\n');
	return { ...failure, description: [failure.description, howToSettle].filter(Boolean).join('\n') };
}

/**
 * Settles the numbers of unknown outcome of `outcome` with `read` (free reads, all of them at
 * once). When the reads fail, the numbers stay unknown and say `howToSettle`.
 */
export async function settleUnknown(
	context: IExecuteFunctions,
	outcome: BatchOutcome,
	read: (entries: NumberEntry[]) => Promise<Settlement>,
	howToSettle: string,
): Promise<BatchOutcome> {
	let settlement: Settlement;
	try {
		settlement = await read(unknownEntries(outcome));
	} catch (error) {
		const why = `The free read to find out failed too (${(error as Error).message}). ${howToSettle}`;
		return {
			...outcome,
			failures: outcome.failures.map((failure) =>
				failure.status === 'unknown' ? stillUnknown(failure, why) : failure,
			),
		};
	}
	const failures = outcome.failures.flatMap((failure): Failure[] => {
		const e164 = failure.phoneNumber ?? '';
		if (failure.status !== 'unknown') return [failure];
		if (settlement.processed.has(e164)) return [];
		const message = settlement.notProcessed.get(e164);
		if (!message) return [stillUnknown(failure, howToSettle)];
		return [notProcessed(context, failure, `${message} (the request: ${reasonOf(failure)})`)];
	});
	const reason = reasonOf(outcome.failures.find((failure) => failure.status === 'unknown'));
	for (const { item } of settlement.succeeded) {
		const found = `A free read found this processed (the request: ${reason})`;
		item.json.notice = [item.json.notice, found].filter(Boolean).join('. ');
	}
	return {
		...outcome,
		succeeded: [...outcome.succeeded, ...settlement.succeeded],
		failures,
		error: failures[0]?.error as NodeApiError | undefined,
	};
}

/** Why a number's outcome was unknown, as a clause: its error without the "Outcome unknown" label. */
const reasonOf = (failure: Failure | undefined) =>
	(failure?.message ?? '').replace(/^(\+\d+: )?Outcome unknown: /, '$1');

/** Telnyx's clock and n8n's may differ: what a read finds this long before the request was sent still counts as its doing. */
export const CLOCK_SKEW_MS = 5 * 60_000;
