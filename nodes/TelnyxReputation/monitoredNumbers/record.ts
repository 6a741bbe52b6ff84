// Reading a monitored number's record (ReputationPhoneNumber): its reputation may be null
// (never checked), and each score may be null (the networks have too little data).
import type { IDataObject } from 'n8n-workflow';

import { areaCodeOf as areaCodeOfNumber } from '../../shared/areaCodes';

export const SCORES = ['maturity', 'connection', 'engagement', 'sentiment'] as const;
export type Score = (typeof SCORES)[number];

export const RISKS = ['high', 'medium', 'low'] as const;
export type Risk = (typeof RISKS)[number];

export const reputationOf = (record: IDataObject): IDataObject | undefined =>
	(record.reputation_data as IDataObject | null | undefined) ?? undefined;

export function riskOf(record: IDataObject): Risk | undefined {
	const risk = reputationOf(record)?.spam_risk;
	return RISKS.includes(risk as Risk) ? (risk as Risk) : undefined;
}

export function scoreOf(record: IDataObject, score: Score): number | undefined {
	const value = reputationOf(record)?.[`${score}_score`];
	return typeof value === 'number' ? value : undefined;
}

export function categoryOf(record: IDataObject): string | undefined {
	const category = reputationOf(record)?.spam_category;
	return typeof category === 'string' && category !== '' ? category : undefined;
}

/** When the number was last checked (ms since the epoch); undefined when never. */
export function lastCheckedOf(record: IDataObject): number | undefined {
	const at = Date.parse(String(reputationOf(record)?.last_refreshed_at ?? ''));
	return Number.isNaN(at) ? undefined : at;
}

/**
 * Flagged, in every part of the node (Submit's Only Flagged Numbers, Get Many's Flagged filter):
 * a spam category, or a high spam risk. A medium risk alone is not a flag. No data is no flag.
 */
export const isFlagged = (record: IDataObject) =>
	categoryOf(record) !== undefined || riskOf(record) === 'high';

/** Checked, low risk and not flagged: a caller ID that can be dialled from. */
export const isHealthy = (record: IDataObject) =>
	riskOf(record) === 'low' && categoryOf(record) === undefined;

/** The lowest known score, the one most likely to get calls blocked. */
export function lowestScore(record: IDataObject): number | undefined {
	const known = SCORES.map((score) => scoreOf(record, score)).filter((s) => s !== undefined);
	return known.length ? Math.min(...known) : undefined;
}

const riskRank = (record: IDataObject) => {
	const risk = riskOf(record);
	return risk === undefined ? RISKS.length : RISKS.indexOf(risk);
};

/**
 * Worst first: high risk, then medium, then low, then numbers without a risk (never checked:
 * unknown is not bad); within a risk, the lowest score first (no known score last), then by
 * number, so equal numbers always come out in the same order.
 */
export function worstFirst(a: IDataObject, b: IDataObject): number {
	const [lowA, lowB] = [lowestScore(a) ?? Infinity, lowestScore(b) ?? Infinity];
	return (
		riskRank(a) - riskRank(b) ||
		(lowA === lowB ? 0 : lowA < lowB ? -1 : 1) ||
		String(a.phone_number).localeCompare(String(b.phone_number))
	);
}

/** The number's NANP area code (NPA), or undefined outside +1. */
export const areaCodeOf = (record: IDataObject): string | undefined =>
	areaCodeOfNumber(String(record.phone_number));
