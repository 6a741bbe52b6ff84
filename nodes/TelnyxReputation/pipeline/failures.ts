// The failure of each number of a request: its own, or the request's; and what a refusal of
// a whole request (the API is all-or-nothing) says of each number, by pointer or by naming it.
import type { NodeApiError } from 'n8n-workflow';

import type { TelnyxErrorEntry } from '../../shared/transport/answer';
import { errorEntries } from '../../shared/transport/answer';
import { entriesDescription, entriesMessage } from '../../shared/transport/apiErrors';
import { canonical } from '../../shared/phoneNumbers';
import type { Batch, BatchOutcome, Failure, FailureStatus, NumberEntry } from './types';

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
