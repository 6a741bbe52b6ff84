// The pool as the dialer trigger answers from it: held in this n8n process, so an answer reads
// no table and starts no execution. The dialer's workflow loads it (Load Dialer) when the
// trigger asks; Apply Pool Rules keeps it current as it decides rows in the same process.
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { areaCodeOf, regionOf } from '../../shared/areaCodes';
import { callCounts } from './callCounts';
import type { DayCounts } from './dayCounts';
import { countsIn, dayCountsOf } from './dayCounts';
import type { Callee } from './pick';
import { pickCallerId, storedCalls } from './pick';

/** The most numbers the last step (any state) weighs for one call, the healthiest first. */
const ANY_STATE_CANDIDATES = 500;

const RETRY_FAILED_LOAD_MS = 5_000;

const LOAD_CHECK_MS = 50;

/**
 * The most pool rows a save writes `calls_day` to. Each write into a big pool table is slow
 * (matched without an index), and the morning's idle rule counts in days: 60 every 30 s is
 * 7,200 an hour of dialling, so a pool of 100,000 dialled 8 hours a day may lag a day or two.
 */
const MARKS_PER_SAVE = 60;

/** A pool row's count to write: its calls on `calls_day`. */
export interface CallCount {
	phone_number: string;
	calls_today: number;
	calls_day: string;
}

/** What a save hands on: the day's counts as one row, and the pool rows to mark as called. */
export interface Saves {
	dayCounts?: DayCounts;
	marks: CallCount[];
}

type Loaded = { state: 'loaded'; at: number } | { state: 'failed'; reason: string };

const phoneOf = (row: IDataObject) => String(row.phone_number ?? '');

/** Adds `key → phoneNumber` to a map of sets. */
function addTo(map: Map<string, Set<string>>, key: string | undefined, phoneNumber: string): void {
	if (!key) return;
	const set = map.get(key) ?? new Set<string>();
	set.add(phoneNumber);
	map.set(key, set);
}

/** The number's area code and state, read off the number as the pick reads them (not the columns). */
function placeOf(phoneNumber: string) {
	const areaCode = areaCodeOf(phoneNumber);
	return { areaCode, region: regionOf(areaCode) };
}

export class DialerIndex {
	/** `pool`: the name of the pool's data table. */
	constructor(private readonly pool: string) {}

	private readonly rows = new Map<string, IDataObject>();

	private readonly byAreaCode = new Map<string, Set<string>>();

	private readonly byState = new Map<string, Set<string>>();

	/** Every row by the dialer's order (dial_rank), rebuilt when a row changes. */
	private ranked: IDataObject[] | undefined;

	private loaded: Loaded | undefined;

	/** Before this time no new load is asked for: one is running, or one just failed. */
	private nextAskAt = 0;

	private waiting: Array<() => unknown> = [];

	/** Counts given since the last save, the newest per number. */
	private unsaved = new Map<string, CallCount>();

	/** Numbers dialled on a day their pool row does not say yet: number → that day. */
	private unmarked = new Map<string, string>();

	/** The day each number was last dialled from this pool: what its row of the day's counts holds. */
	private dialled = new Map<string, string>();

	/** The day of the latest call. */
	private lastDay = '';

	private savedAt = Date.now();

	get size(): number {
		return this.rows.size;
	}

	/** Whether answers can come from here: loaded, and not older than `maxAgeMs` (0: any age). */
	isFresh(now: number, maxAgeMs: number): boolean {
		return this.loaded?.state === 'loaded' && (!maxAgeMs || now - this.loaded.at < maxAgeMs);
	}

	get isLoaded(): boolean {
		return this.loaded?.state === 'loaded';
	}

	/** Why the last load failed, if it did. */
	get failure(): string | undefined {
		return this.loaded?.state === 'failed' ? this.loaded.reason : undefined;
	}

	/** Claims the one load to ask for now: false while one runs (for up to `timeoutMs`). */
	claimLoad(now: number, timeoutMs: number): boolean {
		if (now < this.nextAskAt) return false;
		this.nextAskAt = now + timeoutMs;
		return true;
	}

	/** Resolves once a load ends (loaded or failed); false when `timeoutMs` passes first. */
	async whenLoaded(timeoutMs: number): Promise<boolean> {
		let ended = false;
		this.waiting.push(() => (ended = true));
		// Short waits, so that no timer outlives the load by more than one of them.
		const deadline = Date.now() + timeoutMs;
		while (!ended && Date.now() < deadline) {
			await sleep(Math.min(LOAD_CHECK_MS, deadline - Date.now()));
		}
		return ended;
	}

	private settle(loaded: Loaded, nextAskAt: number): void {
		this.loaded = loaded;
		this.nextAskAt = nextAskAt;
		const waiting = this.waiting;
		this.waiting = [];
		for (const resolve of waiting) resolve();
	}

	/**
	 * Replaces the pool with `rows` (the table's rows, as the Data table node reads them); the
	 * counts saved today (`days`, rows of the calls table) start this process's day again.
	 */
	load(rows: IDataObject[], days: IDataObject[], now: number): void {
		this.rows.clear();
		this.byAreaCode.clear();
		this.byState.clear();
		for (const row of rows) this.put(row);
		for (const saved of days) {
			const day = String(saved.day);
			for (const [phoneNumber, calls] of countsIn(saved)) {
				callCounts.callsOn(day, phoneNumber, calls);
				if (this.isUnmarked(phoneNumber, day)) this.unmarked.set(phoneNumber, day);
			}
		}
		this.settle({ state: 'loaded', at: now }, 0);
	}

	/** Whether the number is in the pool and its row says no call on `day` (an older day, or none yet). */
	private isUnmarked(phoneNumber: string, day: string): boolean {
		const row = this.rows.get(phoneNumber);
		if (row === undefined) return false;
		return String(row.calls_day ?? '') < day || !(Number(row.calls_today) > 0);
	}

	/** Makes the next call read the pool again; answers meanwhile come from what is held. */
	expire(): void {
		if (this.loaded?.state === 'loaded') this.loaded = { state: 'loaded', at: 0 };
	}

	/**
	 * A load that could not read the pool (its table is missing): answers say why, and the
	 * next load is asked for a few seconds later, not by every call.
	 */
	fail(reason: string, now: number): void {
		this.settle({ state: 'failed', reason }, now + RETRY_FAILED_LOAD_MS);
	}

	/**
	 * Keeps `row` as the pool's newest word on its number (its status decides if it is dialled).
	 * A row the rules did not read brings only its decided columns: it is laid over the row
	 * held, and one with no status, for a number not held, waits for the next load.
	 */
	put(row: IDataObject): void {
		const phoneNumber = phoneOf(row);
		if (!phoneNumber) return;
		const held = this.rows.get(phoneNumber);
		if (!held && !('status' in row)) return;
		const { areaCode, region } = placeOf(phoneNumber);
		this.rows.set(phoneNumber, held ? { ...held, ...row } : row);
		addTo(this.byAreaCode, areaCode, phoneNumber);
		addTo(this.byState, region, phoneNumber);
		this.ranked = undefined;
	}

	remove(phoneNumber: string): void {
		if (!this.rows.delete(phoneNumber)) return;
		const { areaCode, region } = placeOf(phoneNumber);
		if (areaCode) this.byAreaCode.get(areaCode)?.delete(phoneNumber);
		if (region) this.byState.get(region)?.delete(phoneNumber);
		this.ranked = undefined;
	}

	private rowsOf(phoneNumbers: Set<string> | undefined): IDataObject[] {
		return [...(phoneNumbers ?? [])].map((phoneNumber) => this.rows.get(phoneNumber)!);
	}

	/** The healthiest numbers under the cap (or, when none is, the healthiest), for the last step. */
	private anyState(cap: number, day: string): IDataObject[] {
		this.ranked ??= [...this.rows.values()]
			.filter((row) => String(row.status ?? 'active') === 'active')
			.sort((a, b) => Number(a.dial_rank ?? 0) - Number(b.dial_rank ?? 0));
		const underCap: IDataObject[] = [];
		for (const row of this.ranked) {
			if (callCounts.callsOn(day, phoneOf(row), storedCalls(row, day)) < cap) underCap.push(row);
			if (underCap.length === ANY_STATE_CANDIDATES) break;
		}
		return underCap.length ? underCap : this.ranked.slice(0, ANY_STATE_CANDIDATES);
	}

	/**
	 * The dialer's answer, as the example workflow's reads give it: the callee's area code, then
	 * its state, then the pool's healthiest; the call counted, and kept to be saved.
	 */
	pick(callee: Callee, cap: number, day: string, timeZone: string): IDataObject {
		const steps = [
			() => this.rowsOf(this.byAreaCode.get(callee.areaCode)),
			() => this.rowsOf(callee.region ? this.byState.get(callee.region) : undefined),
			() => this.anyState(cap, day),
		];
		let answer: IDataObject = {};
		for (const rowsOfStep of steps) {
			answer = pickCallerId(rowsOfStep(), callee, cap, day, timeZone).answer;
			if (answer.caller_id) break;
		}
		if (answer.caller_id) {
			const phoneNumber = String(answer.caller_id);
			const calls = Number(answer.calls_today);
			this.unsaved.set(phoneNumber, {
				phone_number: phoneNumber,
				calls_today: calls,
				calls_day: day,
			});
			if (this.isUnmarked(phoneNumber, day)) this.unmarked.set(phoneNumber, day);
			this.dialled.set(phoneNumber, day);
			this.lastDay = day;
		}
		return answer;
	}

	/**
	 * What to save now, once `everyMs` has passed since the last save. `byDay`: the day's counts
	 * as one row, and at most MARKS_PER_SAVE pool rows marked with their day; otherwise (the
	 * trigger's version 1) every number dialled meanwhile, to write to its pool row.
	 */
	takeSaves(now: number, everyMs: number, byDay: boolean): Saves {
		if ((!this.unsaved.size && !this.unmarked.size) || now - this.savedAt < everyMs) {
			return { marks: [] };
		}
		const unsaved = [...this.unsaved.values()];
		this.unsaved = new Map();
		this.savedAt = now;
		if (!byDay) {
			this.unmarked.clear();
			return { marks: unsaved };
		}
		return {
			dayCounts: unsaved.length ? this.dayCountsOn(this.lastDay) : undefined,
			marks: this.takeMarks(),
		};
	}

	/**
	 * The numbers dialled from this pool on `day`, with their calls: also those no longer in it
	 * (rested since), so that a restart does not give them a fresh cap if they come back today.
	 */
	private dayCountsOn(day: string): DayCounts {
		const counts = callCounts.countedOn(day);
		const counted: Array<[string, number]> = [];
		for (const [phoneNumber, dialledOn] of this.dialled) {
			if (dialledOn !== day) this.dialled.delete(phoneNumber);
			else counted.push([phoneNumber, counts.get(phoneNumber) ?? 0]);
		}
		return dayCountsOf(day, this.pool, counted);
	}

	/** The next pool rows to mark as called, each once; the index's rows say their day at once. */
	private takeMarks(): CallCount[] {
		const marks: CallCount[] = [];
		for (const [phoneNumber, day] of this.unmarked) {
			if (marks.length === MARKS_PER_SAVE) break;
			this.unmarked.delete(phoneNumber);
			// Gone from the pool, or its row (read again since) says the day already.
			if (!this.isUnmarked(phoneNumber, day)) continue;
			const row = this.rows.get(phoneNumber)!;
			// Counts older than yesterday are forgotten: it had a call that day, at least.
			const calls = callCounts.countedOn(day).get(phoneNumber) ?? 1;
			marks.push({ phone_number: phoneNumber, calls_today: calls, calls_day: day });
			// A new object (the ranked list keeps the old one: only the counts differ, not the rank).
			this.rows.set(phoneNumber, { ...row, calls_today: calls, calls_day: day });
		}
		return marks;
	}
}

const indexes = new Map<string, DialerIndex>();

/** The dialer index of the pool named `pool` (its data table's name) in this process. */
export function dialerIndexOf(pool: string): DialerIndex {
	let index = indexes.get(pool);
	if (!index) {
		index = new DialerIndex(pool);
		indexes.set(pool, index);
	}
	return index;
}

/** The pool's index when this process loaded one: Apply Pool Rules keeps only that current. */
export const loadedDialerIndex = (pool: string): DialerIndex | undefined =>
	indexes.get(pool)?.isLoaded ? indexes.get(pool) : undefined;
