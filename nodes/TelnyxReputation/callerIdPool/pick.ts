// Which caller ID a dialer should call from: the pool's rows given, the callee's area code, the
// daily cap. Local presence first, healthy numbers before wary ones, and the least used today
// first, so that no number carries an area code's whole day.
import type { IDataObject } from 'n8n-workflow';

import { areaCodeOf, regionOf } from '../../shared/areaCodes';
import { plural } from '../../shared/text';
import { callCounts } from './callCounts';

/** Where the callee is: the area code dialled and its state or province. */
export interface Callee {
	areaCode: string;
	region: string | undefined;
}

/** How near the callee a caller ID is, the nearest first. */
const SCOPES = ['same_area_code', 'same_state', 'other_state'] as const;
type Scope = (typeof SCOPES)[number];

/**
 * How much a number may be trusted for a call, the most first: low risk, then never checked
 * (unknown is not bad), then medium. High-risk numbers are not dialled from.
 */
const TRUST: Record<string, number> = { low: 0, '': 1, medium: 2 };

interface Candidate {
	row: IDataObject;
	phoneNumber: string;
	scope: Scope;
	trust: number;
	calls: number;
}

/** A pool row is a candidate when its number is North American, active and not high risk. */
function isDialable(row: IDataObject): boolean {
	const status = String(row.status ?? 'active');
	return (status === 'active' || status === '') && TRUST[String(row.spam_risk ?? '')] !== undefined;
}

function scopeOf(phoneNumber: string, callee: Callee): Scope | undefined {
	const areaCode = areaCodeOf(phoneNumber);
	if (areaCode === undefined) return undefined;
	if (areaCode === callee.areaCode) return 'same_area_code';
	return callee.region !== undefined && regionOf(areaCode) === callee.region
		? 'same_state'
		: 'other_state';
}

/** The calls the table says the number made on `day` (its count is of another day, or none). */
export const storedCalls = (row: IDataObject, day: string) =>
	row.calls_day === day ? Number(row.calls_today) || 0 : 0;

/** Each dialable number once (a list read while it moved may repeat one), with its calls today. */
function candidatesOf(rows: IDataObject[], callee: Callee, day: string): Candidate[] {
	const seen = new Set<string>();
	const candidates: Candidate[] = [];
	for (const row of rows) {
		const phoneNumber = String(row.phone_number ?? '');
		const scope = scopeOf(phoneNumber, callee);
		if (scope === undefined || seen.has(phoneNumber) || !isDialable(row)) continue;
		seen.add(phoneNumber);
		const calls = callCounts.callsOn(day, phoneNumber, storedCalls(row, day));
		const trust = TRUST[String(row.spam_risk ?? '')];
		candidates.push({ row, phoneNumber, scope, trust, calls });
	}
	return candidates;
}

/** Medium risk: dialled from only when no trusted number is free. */
const isWary = (candidate: Candidate) => candidate.trust === TRUST.medium;

const connectionOf = (candidate: Candidate) =>
	typeof candidate.row.connection_score === 'number' ? candidate.row.connection_score : -1;

/**
 * The order of choice: trusted (low risk or never checked) before medium risk, then nearest,
 * then the fewest calls today, then the more trusted, then the better connection score, then
 * the number itself, so equal candidates always come in the same order.
 */
function better(a: Candidate, b: Candidate): number {
	return (
		Number(isWary(a)) - Number(isWary(b)) ||
		SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope) ||
		a.calls - b.calls ||
		a.trust - b.trust ||
		connectionOf(b) - connectionOf(a) ||
		a.phoneNumber.localeCompare(b.phoneNumber)
	);
}

function ruleSentence(candidate: Candidate, callee: Callee, calls: number, cap: number): string {
	const where = {
		same_area_code: `the callee's area code (${callee.areaCode})`,
		same_state: `the callee's state (${callee.region})`,
		other_state: `another state (no number of ${callee.region ?? callee.areaCode} under the cap)`,
	}[candidate.scope];
	const risk = isWary(candidate) ? ' It reads medium risk: no trusted number was free.' : '';
	return `From ${where}, the least used: call ${calls} of ${cap} today.${risk}`;
}

/** What the dialer is told when no given number may call: why, and what to do. */
function noAnswer(rows: number, candidates: Candidate[], cap: number, timeZone: string) {
	if (!candidates.length) {
		return {
			rule: 'no_active_number',
			reason: `None of the ${plural(rows, 'pool row')} given is an active North American number that is not high risk.`,
			advice:
				'Add numbers to the pool, or restore rested ones; until then dial without a pool number.',
		};
	}
	return {
		rule: 'none_under_cap',
		reason: `All ${plural(candidates.length, 'active number')} given had their ${plural(cap, 'call')} today.`,
		advice: `Hold the call or dial without a pool number: the counts start again at midnight (${timeZone}); or raise Daily Cap per Number, or add numbers.`,
	};
}

/**
 * Picks the caller ID for one call and counts the call (no await between the two, see
 * callCounts.ts). `rows` are pool rows: phone_number, status, spam_risk, connection_score and
 * today's calls as the table keeps them (calls_today on calls_day).
 */
export function pickCallerId(
	rows: IDataObject[],
	callee: Callee,
	cap: number,
	day: string,
	timeZone: string,
): { answer: IDataObject; row?: IDataObject } {
	const candidates = candidatesOf(rows, callee, day);
	const chosen = candidates.filter((candidate) => candidate.calls < cap).sort(better)[0];
	const where = { area_code: callee.areaCode, state: callee.region ?? null };
	if (!chosen) {
		// A Data table read that found nothing hands on one empty item: not a row.
		const given = rows.filter((row) => row.phone_number).length;
		const why = noAnswer(given, candidates, cap, timeZone);
		return {
			answer: { caller_id: null, ...why, calls_today: null, daily_cap: cap, ...where, day },
		};
	}
	const calls = callCounts.count(day, chosen.phoneNumber);
	const answer = {
		caller_id: chosen.phoneNumber,
		rule: chosen.scope,
		reason: ruleSentence(chosen, callee, calls, cap),
		calls_today: calls,
		daily_cap: cap,
		...where,
		spam_risk: chosen.row.spam_risk || null,
		connection_score: chosen.row.connection_score ?? null,
		day,
	};
	return { answer, row: chosen.row };
}

/** Today's date (2026-12-07) in the workflow's time zone: when a number's count starts again. */
export const dayIn = (timeZone: string, now: Date): string =>
	new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(now);
