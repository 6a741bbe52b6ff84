// A realistic pool for the pool questions (Get Many's filters, Get Pool Summary): an enterprise
// of many numbers whose reputation follows the number's place `i` in the pool, so tests and
// the bench know every answer exactly. For a pool of 50,000 (POOL_50K below):
//
// - area codes: i % 10 picks one of AREA_CODES (5,000 numbers each);
// - never checked (reputation_data null): i % 50 == 7, 1,000 numbers, all in 919;
// - high risk: i % 400 == 3, 125 numbers, all in 512, flagged Telemarketer (i / 400 even, 63)
//   or Debt Collector (odd, 62), every score under 20;
// - medium risk: every number of 971 (5,000, not flagged: 971 has no healthy number) and
//   i % 20 == 4 (2,500 in 617, flagged Survey);
// - low risk, not flagged (healthy): the other 41,375;
// - scores: no connection score (null) when i % 40 == 11 (1,250), no score at all when
//   i % 200 == 21 (250; their risk is low): 1,500 without a connection score;
// - ownership: pending_confirmation when i % 100 == 13 (500), flagged when i % 500 == 77 (100),
//   removed when i % 1000 == 999 (50), else verified (49,350);
// - last checked (i % 25) days and one hour before `asOf`: older than 14 days when
//   i % 25 >= 14, 22,000 numbers.
import type { Registration, SandboxState } from './state';

export const POOL_ENTERPRISE_ID = '7d0c5a3e-9b1f-4e2a-8c6d-3f5b7a9c1e20';

export const AREA_CODES = ['212', '310', '415', '512', '617', '702', '801', '919', '949', '971'];

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The number at place `i` of a pool: +1, its area code, then 200 0000 on. */
export const poolNumber = (i: number) =>
	`+1${AREA_CODES[i % 10]}${String(2_000_000 + Math.floor(i / 10))}`;

function risk(i: number): 'high' | 'medium' | 'low' {
	if (i % 400 === 3) return 'high';
	if (i % 10 === 9 || i % 20 === 4) return 'medium';
	return 'low';
}

function category(i: number): string | null {
	if (i % 400 === 3) return Math.floor(i / 400) % 2 ? 'Debt Collector' : 'Telemarketer';
	return i % 20 === 4 ? 'Survey' : null;
}

function reputation(i: number, asOf: number): Registration['reputation_data'] {
	if (i % 50 === 7) return null;
	const level = risk(i);
	const top = level === 'high' ? 20 : level === 'medium' ? 60 : 101;
	const score = (factor: number, offset: number) =>
		i % 200 === 21 ? null : (i * factor + offset) % top;
	return {
		spam_risk: level,
		spam_category: category(i),
		maturity_score: score(7, 40),
		connection_score: i % 40 === 11 ? null : score(13, 5),
		engagement_score: score(17, 3),
		sentiment_score: score(29, 11),
		last_refreshed_at: new Date(asOf - (i % 25) * DAY_MS - HOUR_MS).toISOString(),
	};
}

function ownership(i: number): Registration['ownership_status'] {
	if (i % 100 === 13) return 'pending_confirmation';
	if (i % 500 === 77) return 'flagged';
	if (i % 1000 === 999) return 'removed';
	return 'verified';
}

/**
 * Adds an approved enterprise ("Acme Outbound") monitoring `size` numbers of the pool, their
 * reputation as described above, as of `asOf` (ms since the epoch; now by default).
 */
export function seedPool(
	state: SandboxState,
	size: number,
	options: { enterpriseId?: string; asOf?: number } = {},
): string {
	const { enterpriseId = POOL_ENTERPRISE_ID, asOf = Date.now() } = options;
	state.addEnterprise('Acme Outbound LLC', { id: enterpriseId, dba: 'Acme Outbound' });
	for (let i = 0; i < size; i++) {
		const registration = state.register(enterpriseId, poolNumber(i));
		registration.reputation_data = reputation(i, asOf);
		registration.ownership_status = ownership(i);
	}
	return enterpriseId;
}

/** Takes the pool's enterprise and its numbers out of the account again. */
export function removePool(state: SandboxState, enterpriseId = POOL_ENTERPRISE_ID): void {
	for (const registration of state.registrationsOf(enterpriseId))
		state.registrations.delete(registration.phone_number);
	state.enterprises.delete(enterpriseId);
}

/** What the pool of 50,000 holds, counted by hand from the rules above. */
export const POOL_50K = {
	numbers: 50_000,
	neverChecked: 1_000,
	high: 125,
	medium: 7_500,
	low: 41_375,
	healthy: 41_375,
	categories: { Survey: 2_500, Telemarketer: 63, 'Debt Collector': 62 },
	ownership: { verified: 49_350, pending_confirmation: 500, flagged: 100, removed: 50 },
	staleAfter14Days: 22_000,
	noConnectionScore: 1_500,
	noScore: 250,
	areaCodesWithoutHealthy: ['971'],
};
