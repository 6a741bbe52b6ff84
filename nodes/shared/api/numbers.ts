import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { runBounded } from '../bounded';
import { canonical } from '../phoneNumbers';
import type { RequestContext } from '../transport/credentials';
import { listPages, PAGE_CONCURRENCY, readSettled } from '../transport/pages';
import type { ApiRequest, TelnyxResult } from '../transport/request';
import { telnyxAnswer, telnyxResult } from '../transport/request';
import { ENDPOINTS, requestTo } from './endpoints';

/** A monitored number's reputation data as the API lists it (the field set may grow). */
export interface ReputationData {
	spam_risk?: string | null;
	maturity_score?: number | null;
	connection_score?: number | null;
	engagement_score?: number | null;
	sentiment_score?: number | null;
	last_refreshed_at?: string | null;
	[field: string]: unknown;
}

export interface MonitoredNumber {
	phone_number: string;
	enterprise_id: string | null;
	reputation_data: ReputationData | null;
}

/** Monitored numbers by E.164, with their records. */
export type Monitored = Map<string, IDataObject>;

/** The list of monitored numbers of one enterprise, or with '' of the whole account (free). */
export const numberList = (enterpriseId: string): ApiRequest =>
	requestTo(ENDPOINTS['GET /reputation/numbers'], { enterpriseId });

/**
 * The records of a list in an answer, by their `phone_number` in E.164 (the API may spell a
 * number `19493253498` or `+1 (949) 325-3498`); empty when the answer is not such a list.
 */
export function byPhoneNumber<T extends object = IDataObject>(records: unknown): Map<string, T> {
	const found = new Map<string, T>();
	if (!Array.isArray(records)) return found;
	for (const record of records) {
		if (typeof record?.phone_number === 'string') found.set(canonical(record.phone_number), record);
	}
	return found;
}

/**
 * Every number an enterprise monitors now: free list reads at the API's largest page (one
 * read per 250 monitored numbers), a few at a time after the first; read again once when the
 * list moved meanwhile (a number it may have skipped would be sent again and refused).
 */
export async function monitoredNumbers(
	context: IExecuteFunctions,
	enterpriseId: string,
): Promise<Monitored> {
	return byPhoneNumber(
		(await readSettled(async () => await listPages(context, numberList(enterpriseId)))).records,
	);
}

/** A filtered read answered with records the filter excludes: the server ignored the filter. */
const IGNORED_FILTER = Symbol('ignored filter');

/**
 * One free read: the number's record if the enterprise monitors it. A server that answers
 * with another number did not filter (never trusted: that would read "not monitored").
 */
async function lookUp(
	context: IExecuteFunctions,
	enterpriseId: string,
	e164: string,
): Promise<IDataObject | undefined | typeof IGNORED_FILTER> {
	const body = await telnyxAnswer.call(context, numberList(enterpriseId), {
		qs: { 'filter[phone_number][eq]': e164, 'page[number]': 1, 'page[size]': 1 },
	});
	const [record] = (body as { data?: IDataObject[] }).data ?? [];
	if (!record) return undefined;
	return canonical(String(record.phone_number)) === e164 ? record : IGNORED_FILTER;
}

/**
 * Which of `numbers` an enterprise monitors, with the fewest free reads: looking each number up
 * (`filter[phone_number][eq]`, one read each) or reading the enterprise's list (one read per 250
 * monitored numbers). A couple of numbers are looked up at once; otherwise the list's first
 * page says how long it is, and the cheaper way reads the rest, a few reads at a time. When a
 * look-up shows the server ignores the filter, the list is read instead.
 */
export async function monitoredAmong(
	context: IExecuteFunctions,
	enterpriseId: string,
	numbers: string[],
): Promise<Monitored> {
	const lookUpAll = async (wanted: string[]) => {
		const records = await runBounded(
			wanted.map((e164) => async () => await lookUp(context, enterpriseId, e164)),
			PAGE_CONCURRENCY,
		);
		if (records.includes(IGNORED_FILTER)) return undefined;
		return records.filter((record): record is IDataObject => typeof record === 'object');
	};
	if (numbers.length <= 2) {
		const found = await lookUpAll(numbers);
		return found ? byPhoneNumber(found) : await monitoredNumbers(context, enterpriseId);
	}

	// The first page only (no further page starts after time 0): it says how many there are.
	const first = await listPages(context, numberList(enterpriseId), {}, { until: 0 });
	const found = byPhoneNumber(first.records);
	if (first.next === undefined) return found;
	const pagesLeft = (first.pages ?? Infinity) - 1;
	const unknown = numbers.filter((e164) => !found.has(e164));
	const readRest = async () =>
		(await listPages(context, numberList(enterpriseId), {}, { from: first.next })).records;
	const rest =
		pagesLeft <= unknown.length
			? await readRest()
			: ((await lookUpAll(unknown)) ?? (await readRest()));
	for (const [e164, record] of byPhoneNumber(rest)) found.set(e164, record);
	return found;
}

/** The first monitored number of an enterprise, with one read of one record (free). */
export async function firstNumber(
	context: RequestContext,
	enterpriseId: string,
): Promise<MonitoredNumber | undefined> {
	const body = await telnyxAnswer.call(context, numberList(enterpriseId), {
		qs: { 'page[number]': 1, 'page[size]': 1 },
	});
	return (body as { data?: MonitoredNumber[] }).data?.[0];
}

/** How many numbers an enterprise monitors, from the list's count (one read of one record, free). */
export async function monitoredCount(
	context: RequestContext,
	enterpriseId: string,
): Promise<number> {
	const body = await telnyxAnswer.call(context, numberList(enterpriseId), {
		qs: { 'page[number]': 1, 'page[size]': 1 },
	});
	const { data, meta } = body as { data?: unknown[]; meta?: { total_results?: number } };
	return meta?.total_results ?? data?.length ?? 0;
}

/**
 * Stops monitoring one number of an enterprise (the API has no batch removal). A 404 says it
 * is not monitored: the caller decides whether that is what it wanted.
 */
export async function removeNumber(
	context: RequestContext,
	enterpriseId: string,
	phoneNumber: string,
	timeoutMs?: number,
): Promise<TelnyxResult> {
	const request = requestTo(ENDPOINTS['DELETE /reputation/numbers/{phoneNumber}'], {
		enterpriseId,
		phoneNumber,
	});
	const where = `Removing ${phoneNumber}.`;
	return await telnyxResult.call(context, request, { timeoutMs, where, safeToRunAgain: true });
}
