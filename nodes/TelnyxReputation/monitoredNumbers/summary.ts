// The pool summary: one pass over every number, keeping counts only (a tally per score value,
// per area code, per category) and the worst few, so 100,000 numbers take the memory of 10.
import type { IDataObject } from 'n8n-workflow';

import { OWNERSHIP_STATUSES } from './filters';
import type { Score } from './record';
import {
	areaCodeOf,
	categoryOf,
	isHealthy,
	lastCheckedOf,
	reputationOf,
	riskOf,
	RISKS,
	SCORES,
	scoreOf,
} from './record';
import { Selection } from './selection';
import { DAY_MS } from '../../shared/days';
import { formatCount } from '../../shared/text';

interface Tally {
	numbers: number;
	healthy: number;
	high: number;
	medium: number;
	low: number;
	never_checked: number;
}

const emptyTally = (): Tally => ({
	numbers: 0,
	healthy: 0,
	high: 0,
	medium: 0,
	low: 0,
	never_checked: 0,
});

function addToTally(tally: Tally, record: IDataObject): void {
	tally.numbers++;
	if (isHealthy(record)) tally.healthy++;
	const risk = riskOf(record);
	if (risk) tally[risk]++;
	if (reputationOf(record) === undefined) tally.never_checked++;
}

const increment = (counts: Map<string | number, number>, key: string | number) =>
	counts.set(key, (counts.get(key) ?? 0) + 1);

/** Lowest, median (the mean of the middle two for an even count) and highest, from a tally. */
function spread(values: Map<string | number, number>) {
	const sorted = [...values.entries()].sort(([a], [b]) => Number(a) - Number(b));
	const total = sorted.reduce((sum, [, times]) => sum + times, 0);
	if (total === 0) return { with_data: 0, low: null, median: null, high: null };
	const at = (rank: number) => {
		let seen = 0;
		for (const [value, times] of sorted) {
			seen += times;
			if (seen > rank) return Number(value);
		}
		return Number(sorted[sorted.length - 1][0]);
	};
	const median = total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
	return {
		with_data: total,
		low: Number(sorted[0][0]),
		median,
		high: Number(sorted[sorted.length - 1][0]),
	};
}

/** Entries by count, the largest first, then by name. */
const byCount = (counts: Map<string | number, number>) =>
	Object.fromEntries(
		[...counts.entries()].sort(
			([nameA, a], [nameB, b]) => b - a || String(nameA).localeCompare(String(nameB)),
		),
	);

export class PoolSummary {
	private readonly all = emptyTally();
	private readonly ownership = new Map<string | number, number>();
	private readonly categories = new Map<string | number, number>();
	private readonly scores = new Map<Score, Map<string | number, number>>(
		SCORES.map((score) => [score, new Map()]),
	);
	private readonly areaCodes = new Map<string, Tally>();
	private readonly enterprises = new Map<string, Tally>();
	private readonly worst: Selection;
	private readonly staleBefore: number;
	private stale = 0;

	constructor(
		private readonly options: {
			staleAfterDays: number;
			worst: number;
			now: number;
			/** What spam_risk calls the numbers never checked (`none` before node version 1.3). */
			neverCheckedKey: string;
		},
	) {
		this.worst = new Selection(options.worst, true);
		this.staleBefore = options.now - options.staleAfterDays * DAY_MS;
	}

	add(record: IDataObject, position: number): void {
		addToTally(this.all, record);
		increment(this.ownership, String(record.ownership_status ?? 'unknown'));
		const category = categoryOf(record);
		if (category !== undefined) increment(this.categories, category);
		for (const score of SCORES) {
			const value = scoreOf(record, score);
			if (value !== undefined) increment(this.scores.get(score)!, value);
		}
		const checkedAt = lastCheckedOf(record);
		if (checkedAt !== undefined && checkedAt < this.staleBefore) this.stale++;
		const areaCode = areaCodeOf(record) ?? 'other';
		if (!this.areaCodes.has(areaCode)) this.areaCodes.set(areaCode, emptyTally());
		addToTally(this.areaCodes.get(areaCode)!, record);
		const enterpriseId = String(record.enterprise_id ?? '');
		if (!this.enterprises.has(enterpriseId)) this.enterprises.set(enterpriseId, emptyTally());
		addToTally(this.enterprises.get(enterpriseId)!, record);
		if (this.options.worst > 0) this.worst.add(record, position);
	}

	/**
	 * The summary item. `names`: the account's enterprises by ID, for a summary of the whole
	 * account (each one listed, with no numbers if it has none); undefined for one enterprise.
	 */
	result(shown: (record: IDataObject) => IDataObject, names?: Map<string, string>): IDataObject {
		const { numbers, healthy, never_checked: neverChecked } = this.all;
		const ownership = new Map(OWNERSHIP_STATUSES.map((status) => [status, 0]));
		for (const [status, times] of this.ownership) ownership.set(String(status), times);
		const areaCodes = [...this.areaCodes.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([areaCode, tally]) => ({ area_code: areaCode, ...tally }));
		const summary: IDataObject = {
			numbers,
			healthy,
			needing_attention: numbers - healthy - neverChecked,
			never_checked: neverChecked,
			stale: this.stale,
			stale_after_days: this.options.staleAfterDays,
			spam_risk: {
				...Object.fromEntries(RISKS.map((risk) => [risk, this.all[risk]])),
				[this.options.neverCheckedKey]:
					numbers - RISKS.reduce((sum, risk) => sum + this.all[risk], 0),
			},
			ownership_status: Object.fromEntries(ownership),
			spam_categories: byCount(this.categories),
			scores: Object.fromEntries(SCORES.map((score) => [score, spread(this.scores.get(score)!)])),
			area_codes_without_healthy: areaCodes
				.filter((areaCode) => areaCode.healthy === 0)
				.map((areaCode) => areaCode.area_code),
			area_codes: areaCodes,
			worst: this.worst.records().map(shown),
		};
		if (names) summary.enterprises = this.enterpriseTallies(names);
		return summary;
	}

	/**
	 * The summary in one sentence, as a person reads it first: "1,000 numbers: 900 healthy, 52
	 * needing attention (12 high risk, 40 medium risk), 48 never checked; 30 not checked in 14 days."
	 */
	sentence(): string {
		const { numbers, healthy, high, medium, never_checked: neverChecked } = this.all;
		if (numbers === 0) return 'No number is monitored here yet.';
		const attention = numbers - healthy - neverChecked;
		const risks = [
			high && `${formatCount(high)} high risk`,
			medium && `${formatCount(medium)} medium risk`,
		]
			.filter(Boolean)
			.join(', ');
		const parts = [
			`${formatCount(healthy)} healthy`,
			`${formatCount(attention)} needing attention${risks ? ` (${risks})` : ''}`,
			`${formatCount(neverChecked)} never checked`,
		];
		const stale = `${formatCount(this.stale)} not checked in ${this.options.staleAfterDays} days`;
		return `${formatCount(numbers)} ${numbers === 1 ? 'number' : 'numbers'}: ${parts.join(', ')}; ${stale}.`;
	}

	private enterpriseTallies(names: Map<string, string>) {
		const ids = [...new Set([...names.keys(), ...this.enterprises.keys()])];
		return ids
			.map((id) => ({
				enterprise_id: id,
				name: names.get(id) ?? null,
				...(this.enterprises.get(id) ?? emptyTally()),
			}))
			.sort((a, b) => b.numbers - a.numbers || String(a.name).localeCompare(String(b.name)));
	}
}
