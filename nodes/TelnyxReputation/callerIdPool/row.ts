// A row of the caller-ID pool, as n8n's data table caller_id_pool holds it (the columns the
// example "Create the caller ID pool tables" creates).
import type { IDataObject } from 'n8n-workflow';

import { areaCodeOf, regionOf } from '../../shared/areaCodes';

/**
 * Where a number stands in the pool: `active` is dialled from; `remediating` rests while Telnyx
 * remediates it; `resting` waits to read low risk again; `cooldown` waits until Telnyx will take
 * it for remediation again.
 */
export type PoolStatus = 'active' | 'remediating' | 'resting' | 'cooldown';

export interface PoolRow extends IDataObject {
	phone_number: string;
	area_code: string;
	/** The area code's state or province (CA, NY): the dialer's second choice reads by it. */
	state: string;
	enterprise_id: string;
	status: PoolStatus;
	/** When the row took its status (ISO 8601). */
	since: string;
	reason: string;
	/** The remediation request the number is in; `pending` until its submission answers. */
	remediation_id: string;
	spam_risk: string;
	connection_score: number | null;
	checked_at: string;
	/** The dialer's order over the whole pool, the best first (see dialRank). */
	dial_rank: number;
	/** The calls the dialer gave it on `calls_day` (YYYY-MM-DD), its last day with a call. */
	calls_today: number;
	calls_day: string;
}

const RANK_OF_RISK: Record<string, number> = { low: 0, '': 1, medium: 2, high: 3 };

/**
 * The dialer's order as one number a data table sorts by, lower first: low risk, never
 * checked, medium, high, each by its connection score, the higher first.
 */
export function dialRank(spamRisk: string, connectionScore: number | null): number {
	const risk = RANK_OF_RISK[spamRisk] ?? RANK_OF_RISK.high;
	return risk * 1000 + (100 - (connectionScore ?? 0));
}

/** A number new to the pool: active from `now`. */
export function newRow(phoneNumber: string, now: string): PoolRow {
	const areaCode = areaCodeOf(phoneNumber) ?? '';
	return {
		phone_number: phoneNumber,
		area_code: areaCode,
		state: regionOf(areaCode) ?? '',
		enterprise_id: '',
		status: 'active',
		since: now,
		reason: 'joined the pool',
		remediation_id: '',
		spam_risk: '',
		connection_score: null,
		checked_at: '',
		dial_rank: dialRank('', null),
		// No call yet, on the day it joined: the morning finds idle rows by `calls_day`.
		calls_today: 0,
		calls_day: now.slice(0, 10),
	};
}

/** A row as the table gave it, with what older rows lack (state, rank) filled in. */
export function readRow(json: IDataObject, now: string): PoolRow {
	const row = { ...newRow(String(json.phone_number), now), ...json } as PoolRow;
	row.state ||= regionOf(row.area_code) ?? '';
	// A row that never had a call (or is older than the dialer's counts) idles from when it joined.
	if (!json.calls_day)
		[row.calls_today, row.calls_day] = [0, String(row.since || now).slice(0, 10)];
	row.dial_rank = dialRank(String(row.spam_risk ?? ''), row.connection_score ?? null);
	return row;
}
