// The pool's rules: rest a number that turns high risk (within a share of the pool), follow its
// remediation to every outcome Telnyx gives, restore it once it reads low, and say to a person
// what no rule can settle. A row changes only on a newer reading or a real step, so an event
// delivered twice or late changes nothing (n8n may deliver trigger items again).
import type { IDataObject } from 'n8n-workflow';

import type { PoolRow, PoolStatus } from './row';
import { dialRank, newRow, readRow } from './row';
import { DAY_MS } from '../../shared/days';

export interface RuleSettings {
	/** The most of the pool that may rest at once (0.2: a fifth). */
	maxRestingShare: number;
	/** Numbers resting longer than this go to a person. */
	alertAfterDays: number;
	/** A number Telnyx would not take (a remediation cooldown) is submitted again after this. */
	retryAfterDays: number;
	/** The pool's size when it is more than the rows given (the numbers monitored). */
	poolSize: number;
	/** A changed number's row may be left out of the rows given (see unreadRow). */
	changedWithoutRows?: boolean;
}

/**
 * What to do with a row: `rest` submits it for remediation; `remove` deletes it (Telnyx no
 * longer monitors it); `stop_monitoring` removes an idle number from monitoring, then the row.
 */
export type Action = 'rest' | 'alert' | 'save' | 'remove' | 'stop_monitoring';

export interface Decision {
	action: Action;
	alert: string;
	/** The whole row; of a row not read, only the columns this run decided (see unread). */
	row: PoolRow;
	/** The number has no row yet: it is inserted, not updated (a first fill in bulk). */
	new_row: boolean;
	/** The row came from the table (it has its `id`); false for a new row and a row not read. */
	row_read: boolean;
}

/** What no rule decides about a row not read: the table keeps them as they are. */
const KEPT_BY_THE_TABLE: Record<Action, Array<keyof PoolRow>> = {
	save: ['status', 'since', 'reason', 'remediation_id', 'calls_today', 'calls_day'],
	rest: ['calls_today', 'calls_day'],
	// Only a high-risk number left in rotation at the cap: its reason says so.
	alert: ['status', 'since', 'remediation_id', 'calls_today', 'calls_day'],
	remove: [],
	stop_monitoring: [],
};

/** Remediation Submit's statuses for a number that is in a request. */
const IN_A_REQUEST = ['submitted', 'already_submitted', 'submitted_or_ineligible'];
const RESTING: PoolStatus[] = ['remediating', 'resting', 'cooldown'];
const isResting = (row: PoolRow | undefined) => row !== undefined && RESTING.includes(row.status);

/** What of a row a newer reading may change enough to be written. */
export type Material = Pick<PoolRow, 'spam_risk' | 'enterprise_id' | 'connection_score'>;

/**
 * Whether a newer reading is worth a write: its risk or enterprise changed, or its connection
 * score moved by 10 or more (the dialer's order). Each scheduled check gives every number a
 * newer reading, and a write costs far more than a read: a morning writes what changed. The row
 * keeps the time of its last change, so a late event older than it still changes nothing.
 */
export const movedMaterially = (before: Material, after: Material) =>
	before.spam_risk !== after.spam_risk ||
	before.enterprise_id !== after.enterprise_id ||
	Math.abs((before.connection_score ?? -100) - (after.connection_score ?? -100)) >= 10;

/** A number's reading: its reputation data as a trigger or a list gives it. */
export interface Reading {
	phoneNumber: string;
	enterpriseId?: string | null;
	reputation: IDataObject | null;
	/** List Pool Changes says the number changed: it listed it before, so its row exists. */
	changed?: boolean;
}

export class PoolRules {
	private readonly pool: Map<string, PoolRow>;
	private readonly decided = new Map<string, Decision>();
	private readonly given: Set<string>;
	/** Numbers in the pool whose rows were not given (see unread). */
	private readonly unread = new Set<string>();
	/** The pool's rows resting now, kept as rows change (a morning may rest thousands). */
	private resting = 0;

	constructor(
		rows: IDataObject[],
		private readonly settings: RuleSettings,
		private readonly now: string,
	) {
		const read = rows.filter((json) => json.phone_number).map((json) => readRow(json, now));
		this.pool = new Map(read.map((row) => [row.phone_number, row]));
		this.given = new Set(this.pool.keys());
		this.resting = [...this.pool.values()].filter(isResting).length;
	}

	decisions(): Decision[] {
		return [...this.decided.values()].map((decision) => {
			if (!this.unread.has(decision.row.phone_number)) return decision;
			const row = { ...decision.row };
			for (const column of KEPT_BY_THE_TABLE[decision.action]) delete row[column];
			return { ...decision, row };
		});
	}

	private cap(): number {
		const size = Math.max(this.pool.size, this.settings.poolSize);
		return Math.floor(size * this.settings.maxRestingShare);
	}

	private keep(row: PoolRow, action: Action, alert = ''): void {
		this.resting += Number(isResting(row)) - Number(isResting(this.pool.get(row.phone_number)));
		this.pool.set(row.phone_number, row);
		// A number rested in this run is submitted, whatever else happens to its row.
		const rested = this.decided.get(row.phone_number)?.action === 'rest';
		const row_read = this.given.has(row.phone_number);
		const new_row = !row_read && !this.unread.has(row.phone_number);
		this.decided.set(row.phone_number, {
			action: rested ? 'rest' : action,
			alert,
			row,
			new_row,
			row_read,
		});
	}

	private moved(row: PoolRow, status: PoolStatus, reason: string): PoolRow {
		return { ...row, status, since: this.now, reason };
	}

	private rest(row: PoolRow, why: string): void {
		const [resting, cap] = [this.resting, this.cap()];
		if (resting < cap) {
			const rested = this.moved(row, 'remediating', `${why}: rested and submitted for remediation`);
			this.keep({ ...rested, remediation_id: 'pending' }, 'rest');
			return;
		}
		const share = `${resting} of ${Math.max(this.pool.size, this.settings.poolSize)} numbers are resting, the most allowed (${this.settings.maxRestingShare * 100}%)`;
		this.keep(
			{ ...row, reason: `${why}: left in rotation, ${share}` },
			'alert',
			`Caller ID ${row.phone_number} is high risk but stays in rotation: ${share}. Rest it by hand, or raise Max Resting Share.`,
		);
	}

	/**
	 * A row the morning does not read: its number changed since the last morning (so it has a
	 * row) and is not among the rows given, which hold every row resting, high risk or idle. So
	 * it is active, and the rules decide it from its reading alone. Reading it would cost n8n two
	 * passes over the whole table (its rows, then their count: a data table has no index but
	 * the id), a tenth of a second a number at 100,000 rows.
	 */
	private unreadRow(phoneNumber: string): PoolRow {
		this.unread.add(phoneNumber);
		return { ...newRow(phoneNumber, this.now), status: 'active' };
	}

	/** A newer reading of a number: it joins the pool, rests, is restored or is only saved. */
	reading({ phoneNumber, enterpriseId, reputation, changed }: Reading): void {
		const held = this.pool.get(phoneNumber);
		const unread = !held && changed && this.settings.changedWithoutRows;
		const before = held ?? (unread ? this.unreadRow(phoneNumber) : undefined);
		const checkedAt = String(reputation?.last_refreshed_at ?? '');
		if (held && !(checkedAt > held.checked_at)) return;
		const spamRisk = String(reputation?.spam_risk ?? '');
		const connection = reputation?.connection_score;
		const connectionScore = typeof connection === 'number' ? connection : null;
		const row: PoolRow = {
			...(before ?? newRow(phoneNumber, this.now)),
			enterprise_id: enterpriseId ?? before?.enterprise_id ?? '',
			spam_risk: spamRisk,
			connection_score: connectionScore,
			checked_at: checkedAt,
			dial_rank: dialRank(spamRisk, connectionScore),
		};
		if (spamRisk === 'high' && row.status === 'active') return this.rest(row, 'high risk');
		if (spamRisk === 'low' && row.status === 'resting') {
			const reason = 'restored: reads low risk after remediation';
			return this.keep(this.moved(row, 'active', reason), 'save');
		}
		if (!held || movedMaterially(held, row)) this.keep(row, 'save');
	}

	/** A remediation request finished: each of its numbers by the result Telnyx gave it. */
	remediationFinished(remediation: IDataObject): void {
		const results = (remediation.results ?? {}) as Record<string, unknown>;
		const bucketOf = (number: string) =>
			Object.keys(results).find(
				(bucket) =>
					Array.isArray(results[bucket]) && (results[bucket] as string[]).includes(number),
			);
		for (const row of [...this.pool.values()]) {
			if (row.remediation_id !== remediation.id || row.status !== 'remediating') continue;
			this.finished(row, String(remediation.status), bucketOf(row.phone_number));
		}
	}

	private finished(row: PoolRow, status: string, bucket: string | undefined): void {
		const done = bucket === 'remediated' || bucket === 'not_flagged';
		if ((done || (status === 'completed' && !bucket)) && row.spam_risk === 'low') {
			const reason = 'restored: remediation completed, reads low risk';
			return this.keep(this.moved(row, 'active', reason), 'save');
		}
		if (bucket === 'ineligible') return this.cooldown(row);
		if (done || status === 'failed' || (status === 'completed' && !bucket)) {
			const reason = `remediation ${done ? 'completed' : status}: resting until it reads low risk`;
			return this.keep({ ...row, status: 'resting', reason }, 'save');
		}
		// Cancelled, refused or sent to review: no rule settles it.
		const why = bucket ? `Telnyx's result: ${bucket.replace(/_/g, ' ')}` : `remediation ${status}`;
		const resting = { ...row, status: 'resting' as const, reason: `${why}: resting` };
		this.keep(
			resting,
			'alert',
			`Caller ID ${row.phone_number} is resting (${why}): please look at it.`,
		);
	}

	private cooldown(row: PoolRow): void {
		const reason = `Telnyx would not remediate it yet (a remediation cooldown): not billed; submitted again after ${this.settings.retryAfterDays} days`;
		this.keep({ ...this.moved(row, 'cooldown', reason), remediation_id: '' }, 'save');
	}

	/**
	 * What Remediation Submit (1.3) answered for a number rested in this pool: the request it is
	 * in, a cooldown, or not sent at all (then a person decides: nothing was billed).
	 */
	submitted(outcome: IDataObject): void {
		const row = this.pool.get(String(outcome.phone_number));
		if (row?.status !== 'remediating' || row.remediation_id !== 'pending') return;
		const status = String(outcome.status);
		// In a request (for some numbers Telnyx names the ineligible ones only in its results,
		// which the finished remediation brings): the request to follow.
		if (outcome.remediation_id && IN_A_REQUEST.includes(status)) {
			return this.keep({ ...row, remediation_id: String(outcome.remediation_id) }, 'save');
		}
		if (status === 'ineligible') return this.cooldown(row);
		// The answer never came and free reads could not settle it: it may be billed and in a
		// request, so it stays remediating (never sent again by the rules) and a person looks.
		if (status === 'unknown') {
			return this.keep(
				{ ...row, reason: 'submitted, but the answer never came: it may be in a request' },
				'alert',
				`Caller ID ${row.phone_number} was submitted for remediation but the answer never came (it may have been billed): Remediation → Get Many shows whether a request holds it.`,
			);
		}
		const why = `not submitted (${status}${outcome.error ? `: ${String(outcome.error)}` : ''})`;
		const resting = {
			...row,
			status: 'resting' as const,
			remediation_id: '',
			reason: `${why}: resting`,
		};
		this.keep(
			resting,
			'alert',
			`Caller ID ${row.phone_number} was rested but ${why}: please look at it.`,
		);
	}

	/**
	 * The morning's rules, over every monitored number: the numbers no longer monitored leave,
	 * high-risk numbers left in rotation and cooldowns now due rest while there is room, and (with
	 * `alerts`: a morning's first part) long rests, and numbers the cap leaves in rotation, go to
	 * a person.
	 */
	morning(gone: string[], alerts: boolean): void {
		for (const number of gone) {
			const row = this.pool.get(number);
			if (!row) continue;
			this.keep({ ...row, reason: 'no longer monitored at Telnyx: left the pool' }, 'remove');
			this.resting -= Number(isResting(row));
			this.pool.delete(number);
		}
		const now = Date.parse(this.now);
		const due = now - this.settings.retryAfterDays * DAY_MS;
		// At the cap, a row left in rotation is alerted once a morning, not again in each part.
		const rest = (row: PoolRow, why: string) => {
			if (alerts || this.resting < this.cap()) this.rest(row, why);
		};
		for (const row of [...this.pool.values()]) {
			if (row.status === 'active' && row.spam_risk === 'high') rest(row, 'high risk');
			const cooled = row.status === 'cooldown' && Date.parse(row.since) <= due;
			if (cooled && row.spam_risk !== 'low') rest({ ...row, status: 'active' }, 'cooldown over');
			if (cooled && row.spam_risk === 'low')
				this.keep(this.moved(row, 'active', 'restored: reads low risk'), 'save');
		}
		if (!alerts) return;
		const before = now - this.settings.alertAfterDays * DAY_MS;
		for (const row of this.pool.values()) {
			if (row.status === 'cooldown' || !isResting(row) || Date.parse(row.since) >= before) continue;
			this.keep(
				row,
				'alert',
				`Caller ID ${row.phone_number} has been resting since ${row.since.slice(0, 10)} (${row.reason}): please look at it.`,
			);
		}
	}

	/**
	 * Active numbers that made no call for `days` days (counted from their last call, or from
	 * when they joined the pool when they never made one): each costs as much to monitor as a
	 * dialled one.
	 */
	idleRows(days: number): PoolRow[] {
		const before = new Date(Date.parse(this.now) - days * DAY_MS).toISOString();
		return [...this.pool.values()].filter(
			(row) => row.status === 'active' && row.calls_day < before,
		);
	}

	/** Says what each idle row costs a month; with `stop`, it leaves monitoring (free) and the pool. */
	idle(rows: PoolRow[], stop: boolean, monthlyUsdOf: (row: PoolRow) => number): void {
		for (const row of rows) {
			const last =
				row.calls_today > 0 ? `its last call was on ${row.calls_day}` : 'it never made a call';
			const usd = `about USD ${monthlyUsdOf(row).toFixed(2)} a month`;
			if (stop) {
				const reason = `idle (${last}): removed from monitoring, monitoring it cost ${usd}`;
				this.keep({ ...row, reason }, 'stop_monitoring');
				continue;
			}
			this.keep(
				row,
				'alert',
				`Caller ID ${row.phone_number} is idle: ${last}, and monitoring it costs ${usd}. Remove it from monitoring if it is no longer dialled.`,
			);
		}
	}

	/** The pool's numbers the listing given did not name. */
	unlisted(listed: Set<string>): string[] {
		return [...this.pool.keys()].filter((number) => !listed.has(number));
	}
}
