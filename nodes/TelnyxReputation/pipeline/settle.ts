// A billable request whose answer never came (or came unreadable, or as a 5xx) may have been
// processed: its numbers are `unknown`, never `failed`. Where free reads can tell, they are
// settled: processed (the item the answer would have given), not processed (failed, and safe
// to send again), or still unknown, with how to settle it.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withDescription } from '../../shared/transport/apiErrors';
import { successItem } from './outputItems';
import type { BatchOutcome, Failure, NumberEntry, OrderedItem } from './types';

/** What free reads found of the numbers of unknown outcome of one request. */
export interface Settlement {
	succeeded: OrderedItem[];
	/** The numbers (E.164) found processed: their items are in `succeeded`. */
	processed: Set<string>;
	/** The numbers found not processed, with the sentence that says so. */
	notProcessed: Map<string, string>;
}

/** What a free read found of one number: processed (the item its answer would have given), or not processed (the sentence that says so). */
export type Found = { processed: IDataObject } | { notProcessed: string };

/** The settlement of `entries` from what the free reads found of them, by E.164: a number found nothing of stays unknown. */
export function settlementOf(entries: NumberEntry[], found: Map<string, Found>): Settlement {
	const settlement: Settlement = { succeeded: [], processed: new Set(), notProcessed: new Map() };
	for (const entry of entries) {
		const fate = found.get(entry.e164);
		if (fate && 'processed' in fate) {
			settlement.succeeded.push(successItem([entry], fate.processed));
			settlement.processed.add(entry.e164);
		} else if (fate) settlement.notProcessed.set(entry.e164, fate.notProcessed);
	}
	return settlement;
}

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
 * The numbers still unknown after the reads: their details say how to settle it, and so does
 * their request's error (one for all its numbers: said once), which Stop mode shows.
 */
function stillUnknown(
	outcome: BatchOutcome,
	failures: Failure[],
	howToSettle: string,
): BatchOutcome {
	const copies = new Map<Failure['error'], Failure['error']>();
	const told = (error: Failure['error']) => {
		if (error.description?.includes(howToSettle)) return error;
		const description = [error.description, howToSettle].filter(Boolean).join('\n');
		if (!copies.has(error)) copies.set(error, withDescription(error, description));
		return copies.get(error) as Failure['error'];
	};
	const marked = failures.map((failure) =>
		failure.status === 'unknown'
			? {
					...failure,
					error: told(failure.error),
					description: [failure.description, howToSettle].filter(Boolean).join('\n'),
				}
			: failure,
	);
	const error = outcome.error && (copies.get(outcome.error) as NodeApiError | undefined);
	return { ...outcome, failures: marked, error: error ?? outcome.error };
}

/**
 * The outcome once the free reads are in: `found` is what they found of its numbers of unknown
 * outcome (`unknownEntries`), or the error they failed with, and then those numbers stay
 * unknown and say `howToSettle`.
 */
export function settled(
	context: IExecuteFunctions,
	outcome: BatchOutcome,
	found: Settlement | Error,
	howToSettle: string,
): BatchOutcome {
	if (found instanceof Error) {
		const why = `The free read to find out failed too (${found.message}). ${howToSettle}`;
		return stillUnknown(outcome, outcome.failures, why);
	}
	const failures = outcome.failures.flatMap((failure): Failure[] => {
		if (failure.status !== 'unknown') return [failure];
		const e164 = failure.phoneNumber ?? '';
		if (found.processed.has(e164)) return [];
		const message = found.notProcessed.get(e164);
		if (!message) return [failure];
		return [notProcessed(context, failure, `${message} (the request: ${reasonOf(failure)})`)];
	});
	const reason = reasonOf(outcome.failures.find((failure) => failure.status === 'unknown'));
	const notice = `A free read found this processed (the request: ${reason})`;
	const succeeded = found.succeeded.map(({ order, item }) => ({
		order,
		item: { ...item, json: { ...item.json, notice: joinNotice(item.json.notice, notice) } },
	}));
	const marked = stillUnknown(outcome, failures, howToSettle).failures;
	return {
		...outcome,
		succeeded: [...outcome.succeeded, ...succeeded],
		failures: marked,
		error: marked[0]?.error as NodeApiError | undefined,
	};
}

const joinNotice = (before: unknown, notice: string) => [before, notice].filter(Boolean).join('. ');

/** Why a number's outcome was unknown, as a clause: its error without the "Outcome unknown" label. */
const reasonOf = (failure: Failure | undefined) =>
	(failure?.message ?? '').replace(/^(\+\d+: )?Outcome unknown: /, '$1');

/** Telnyx's clock and n8n's may differ: what a read finds this long before the request was sent still counts as its doing. */
export const CLOCK_SKEW_MS = 5 * 60_000;
