// How an answer to a batched request maps to its numbers: a 2xx answer, which ones it confirms
// and the failure of each it does not account for; a refusal of the whole request (the API is
// all-or-nothing), what it says of each number, by pointer or by naming it.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxErrorEntry, TelnyxResponse } from '../../shared/transport/answer';
import { errorEntries } from '../../shared/transport/answer';
import {
	entriesDescription,
	entriesMessage,
	OutcomeUnknownError,
} from '../../shared/transport/apiErrors';
import { successItem } from './outputItems';
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

/**
 * The records of a list in an answer, by their `phone_number` in E.164 (the API may spell a
 * number `19493253498` or `+1 (949) 325-3498`); empty when the answer is not such a list.
 */
export function byPhoneNumber<T extends { phone_number: string }>(
	records: unknown,
): Map<string, T> {
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
	return new OutcomeUnknownError(
		context.getNode(),
		{ status: response.statusCode },
		{
			message: `Outcome unknown: Telnyx answered ${response.statusCode} but did not confirm every number of ${batch.label}`,
			description:
				'Telnyx may have processed (and billed) these numbers: check them with Get Many (free) before sending them again.',
			httpCode: String(response.statusCode),
		},
	);
}

/**
 * Maps an answer that lists one record per number: each number's record is its output item,
 * unless `refusals` has its error (by E.164: the record says it failed); a number the answer
 * does not list may have been processed, and gets an error of its own, never another number's.
 */
export function eachNumber(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
	records: unknown,
	refusals = new Map<string, NodeApiError>(),
): BatchOutcome {
	const byNumber = byPhoneNumber(records);
	const outcome: BatchOutcome = { succeeded: [], failures: [] };
	let missing: NodeApiError | undefined;
	for (const entry of batch.entries) {
		const record = byNumber.get(entry.e164);
		const error = record
			? refusals.get(entry.e164)
			: (missing ??= unconfirmed(context, batch, response));
		if (record && !error) {
			outcome.succeeded.push(successItem([entry], { ...record }));
			continue;
		}
		outcome.error ??= error;
		// A record that says this number failed is the API refusing it, for its own reason.
		outcome.failures.push(
			entryFailure(entry, record ? 'refused' : 'unknown', error as NodeApiError),
		);
	}
	return outcome;
}
