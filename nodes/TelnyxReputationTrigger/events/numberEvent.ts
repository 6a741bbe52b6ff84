import type {
	IDataObject,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

import { listPages, MAX_PAGE_SIZE, MAX_PAGES } from '../../shared/transport/pages';
import type { KeptNumbers as Kept } from '../../shared/packedNumbers';
import { numberKey, packNumbers, unpackNumbers } from '../../shared/packedNumbers';
import type { MonitoredNumber, ReputationData } from '../../shared/api/numbers';
import { firstNumber, numberList } from '../../shared/api/numbers';
import { fictionalNumber, sampleFields } from '../../shared/samples';
import type { PollResult, TriggerEvent } from './event';

/**
 * A trigger parameter by name, with its fallback: all that a rule (`isReported`, `example`) sees
 * of the poll's context.
 */
export type Settings = (name: string, fallback: unknown) => unknown;

/**
 * What makes an event about a monitored number: what is kept of each number between polls
 * (a few characters, so 100,000 numbers stay under 2.5 MB of static data) and when a change
 * is reported.
 */
export interface NumberRule {
	option: INodePropertyOptions;
	fields: INodeProperties[];
	/** What is kept of a number for the next poll. */
	keep(data: ReputationData | null): string;
	previous(kept: string): IDataObject;
	/** Whether the change from what was kept to what the API lists now is reported. */
	isReported(kept: string, now: string, settings: Settings): boolean;
	/** A change these settings report, built on `data`: the data before it, and after. */
	example(
		data: ReputationData,
		settings: Settings,
	): { before: ReputationData; after: ReputationData };
}

/** A sample's reputation data where the account has no number monitored yet. */
const EXAMPLE_DATA: ReputationData = {
	spam_risk: 'low',
	spam_category: null,
	maturity_score: 72,
	connection_score: 80,
	engagement_score: 64,
	sentiment_score: 75,
	last_refreshed_at: '2026-11-30T07:00:00Z',
};

/**
 * What a number event keeps between polls. Each number's entry ends with the pass (0, 1 or 2)
 * that last listed it; `next` is the page a pass cut short (by the poll's read budget or n8n's
 * poll budget) goes on from.
 */
interface PassState {
	/** Packed (see shared/packedNumbers.ts); an object of entries by key in earlier versions. */
	numbers: string | Record<string, string>;
	pass: number;
	next?: number;
	/** The last number the previous poll of this pass read (its key). */
	last?: number;
	/** 1 once this pass has seen the list move: a number it did not list may have been skipped. */
	moved?: 1;
	/** When the last poll ran (ms since the epoch). */
	polled?: number;
}

/**
 * The read budget: list reads (pages of 250) a poll may make for each minute since the last
 * poll, so every minute of polling costs at most this many reads whatever the Poll Times. At
 * 100,000 numbers (400 pages) a pass takes 11 polls a minute apart; see the README (Triggers).
 */
export const PAGES_PER_MINUTE = 40;

/** The pages this poll may read: PAGES_PER_MINUTE for each whole minute since the last (at least one). */
function readBudget(state: PassState, now: number): number {
	const minutes = state.polled === undefined ? 1 : Math.floor((now - state.polled) / 60_000);
	return Math.min(MAX_PAGES, PAGES_PER_MINUTE * Math.max(1, minutes));
}

/**
 * When the poll stops starting reads: n8n (2.38 and later) gives each poll a budget, past which
 * it abandons the poll and keeps nothing. A fifth is left for the reads under way and the rest.
 */
function pollDeadline(context: IPollFunctions): number {
	const budget = 'getPollBudgetMs' in context ? context.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? Date.now() + budget * 0.8 : Infinity;
}

/** The item a number event gives: the number, what was kept of it, and its data now. */
function numberItem(
	rule: NumberRule,
	number: MonitoredNumber,
	kept: string,
	current: ReputationData | null,
): IDataObject {
	return {
		event: rule.option.value,
		phone_number: number.phone_number,
		enterprise_id: number.enterprise_id,
		previous: rule.previous(kept),
		current: current as IDataObject | null,
		checked_at: current?.last_refreshed_at ?? null,
	};
}

const settingsOf =
	(context: IPollFunctions): Settings =>
	(name, fallback) =>
		context.getNodeParameter(name, fallback);

/**
 * Keeps each listed number's entry, marked with this pass, and returns the reported changes.
 * A number seen for the first time starts from here: no event for it yet.
 */
function compareListed(
	rule: NumberRule,
	listed: MonitoredNumber[],
	numbers: Kept,
	pass: number,
	settings: Settings,
): IDataObject[] {
	const items: IDataObject[] = [];
	for (const number of listed) {
		const key = numberKey(number.phone_number);
		const keptNow = rule.keep(number.reputation_data);
		const keptBefore = numbers.get(key)?.slice(0, -1);
		numbers.set(key, keptNow + String(pass));
		if (keptBefore === undefined || !rule.isReported(keptBefore, keptNow, settings)) continue;
		items.push(numberItem(rule, number, keptBefore, number.reputation_data));
	}
	return items;
}

/**
 * Drops the numbers this complete pass did not list: only then is a number known to be gone.
 * A pass that saw the list move may have skipped a number (its page shifted under the read),
 * so it drops only those the pass before did not list either.
 */
function dropUnlisted(numbers: Kept, pass: number, moved: boolean): void {
	const listed = moved ? [String(pass), String((pass + 2) % 3)] : [String(pass)];
	for (const [key, kept] of numbers) {
		if (!listed.includes(kept.slice(-1))) numbers.delete(key);
	}
}

/**
 * Reads this poll's share of the pass. A pass that goes on reads again the page the last poll
 * ended on: when the number that ended it is no longer in its place, numbers before it were
 * added or removed since, and the list moved under the pass.
 */
async function readShare(context: IPollFunctions, enterpriseId: string, state: PassState) {
	const overlap = state.next !== undefined && state.last !== undefined;
	const from = overlap ? state.next! - 1 : (state.next ?? 1);
	const listing = await listPages(
		context,
		numberList(enterpriseId),
		{},
		{ from, until: pollDeadline(context), pages: readBudget(state, Date.now()) },
	);
	const listed = listing.records as unknown as MonitoredNumber[];
	const ended = listed[MAX_PAGE_SIZE - 1]?.phone_number;
	const boundaryHeld = !overlap || (ended !== undefined && numberKey(ended) === state.last);
	return { listing, listed, moved: Boolean(listing.moved) || !boundaryHeld };
}

/** One poll of a number event: the pages its budgets allow, compared with what was kept. */
async function pollNumbers(
	rule: NumberRule,
	context: IPollFunctions,
	enterpriseId: string,
	kept?: IDataObject,
): Promise<PollResult> {
	const state = (kept ?? { numbers: '', pass: 0 }) as unknown as PassState;
	// A pass over every page may take several polls; a new one starts where the last ended.
	const pass = state.next === undefined ? (state.pass + 1) % 3 : state.pass;
	const polled = Date.now();
	const share = await readShare(context, enterpriseId, state);
	// A copy: Fetch Test Event polls too, and must leave the kept state as it was.
	const numbers = unpackNumbers(state.numbers);
	const items = compareListed(rule, share.listed, numbers, pass, settingsOf(context));
	const moved = (state.next !== undefined && state.moved === 1) || share.moved;
	const { next } = share.listing;
	if (next === undefined) dropUnlisted(numbers, pass, moved);
	if (moved)
		context.logger.debug('Telnyx trigger: the list moved during this pass', { pass, next });
	items.sort((a, b) => String(a.checked_at).localeCompare(String(b.checked_at)));
	const last = share.listed.at(-1)?.phone_number;
	const goesOn = next === undefined ? {} : { next, ...(last ? { last: numberKey(last) } : {}) };
	const nextState: PassState = {
		numbers: packNumbers(numbers),
		pass,
		...goesOn,
		...(moved && next ? { moved: 1 } : {}),
		polled,
	};
	return { items, next: nextState as unknown as IDataObject };
}

/**
 * A change the settings report, on a fictional number of the area code of the first monitored
 * number and that number's data (or example data when none is monitored yet).
 */
async function sampleNumberItem(
	rule: NumberRule,
	context: IPollFunctions,
	enterpriseId: string,
): Promise<IDataObject> {
	const monitored = await firstNumber(context, enterpriseId);
	const number: MonitoredNumber = {
		phone_number: fictionalNumber(monitored?.phone_number),
		enterprise_id: monitored?.enterprise_id ?? (enterpriseId || null),
		reputation_data: null,
	};
	const { before, after } = rule.example(
		{ ...EXAMPLE_DATA, ...monitored?.reputation_data },
		settingsOf(context),
	);
	const why = monitored
		? `the scores are those of ${monitored.phone_number}, the change is made up.`
		: 'no number is monitored yet; register numbers with Telnyx Number Reputation → Phone Number → Register.';
	return { ...sampleFields(why), ...numberItem(rule, number, rule.keep(before), after) };
}

/** A trigger event about monitored numbers, compared number by number between polls. */
export function numberEvent(rule: NumberRule): TriggerEvent {
	return {
		option: rule.option,
		fields: rule.fields,
		poll: async (context, enterpriseId, kept) =>
			await pollNumbers(rule, context, enterpriseId, kept),
		sample: async (context, enterpriseId) => await sampleNumberItem(rule, context, enterpriseId),
	};
}
