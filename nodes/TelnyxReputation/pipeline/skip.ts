// The step before sending: which numbers need no request, found with free reads of what each
// enterprise monitors (Register: those monitored already; Submit: those not flagged; Sync: kept).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Monitored } from '../../shared/api/numbers';
import { monitoredAmong, monitoredNumbers } from '../../shared/api/numbers';
import { successItem } from './outputItems';
import type { NumberGroup, OrderedItem } from './types';

/**
 * Each group's monitored numbers (free reads, one enterprise after another): among its own
 * numbers, or with `wholeList` every number the enterprise monitors. With `sendIfUnreadable`,
 * a group whose enterprise cannot be read has none: its numbers are sent, and the API's answer
 * to them says why; else the read's error stops the run.
 */
export async function monitoredOfGroups(
	context: IExecuteFunctions,
	groups: NumberGroup[],
	scope: { wholeList?: boolean; sendIfUnreadable?: boolean } = {},
): Promise<Array<Monitored | undefined>> {
	const monitored: Array<Monitored | undefined> = [];
	for (const { enterpriseId, numbers } of groups) {
		const read = scope.wholeList
			? monitoredNumbers(context, enterpriseId)
			: monitoredAmong(context, enterpriseId, [...numbers.keys()]);
		monitored.push(await (scope.sendIfUnreadable ? read.catch(() => undefined) : read));
	}
	return monitored;
}

/** The numbers still to send, and the items of those answered without a request. */
export interface Skipped {
	toSend: NumberGroup[];
	skipped: OrderedItem[];
}

/**
 * The items of the numbers that need no request, by E.164: one map per group, aligned with the
 * groups. The operation makes them from the records `monitoredOfGroups` found.
 */
export type Answered = Array<Map<string, IDataObject>>;

/** Each group's monitored records as the items of numbers that need no request, `fields` first. */
export const answeredWith = (
	monitored: Array<Monitored | undefined>,
	fields: IDataObject,
): Answered =>
	monitored.map(
		(records) =>
			new Map([...(records ?? [])].map(([e164, record]) => [e164, { ...fields, ...record }])),
	);

/** Splits each group: a number `answered` has an item for is skipped, with that item; the others stay to be sent. */
export function skipNumbers(groups: NumberGroup[], answered: Answered): Skipped {
	const skipped: OrderedItem[] = [];
	const toSend = groups.map((group, index) => {
		const numbers = new Map(group.numbers);
		for (const [e164, entry] of group.numbers) {
			const json = answered[index]?.get(e164);
			if (!json) continue;
			skipped.push(successItem([entry], json));
			numbers.delete(e164);
		}
		return { ...group, numbers };
	});
	return { toSend, skipped };
}
