// The list filters the package sends, checked again on what comes back: a server (a proxy, a
// test double, an API change) that ignores a filter would otherwise have its unfiltered list
// taken for the answer.
import type { IDataObject } from 'n8n-workflow';

import { canonical } from './phoneNumbers';

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
const epochMs = (value: unknown) => Date.parse(String(value ?? ''));

type Check = (recordValue: unknown, wanted: string) => boolean;

/** How each operator of `filter[field][operator]` (no operator: equality) reads. */
const CHECKS: Record<string, Check> = {
	eq: (value, wanted) => String(value) === wanted,
	contains: (value, wanted) =>
		String(value ?? '')
			.toLowerCase()
			.includes(wanted.toLowerCase()),
	gte: (value, wanted) => epochMs(value) >= epochMs(wanted),
	lte: (value, wanted) => epochMs(value) <= epochMs(wanted),
};

/** Phone numbers compare as numbers, however the API spells them. */
const PHONE_CHECKS: Record<string, Check> = {
	eq: (value, wanted) => canonical(String(value ?? '')) === canonical(wanted),
	contains: (value, wanted) => digits(value).includes(digits(wanted)),
};

const FILTER = /^filter\[(\w+)\](?:\[(\w+)\])?$/;

/**
 * Whether a record matches every `filter[…]` of a query (undefined when the query has none);
 * filters it cannot read are left to the server.
 */
export function matchesQuery(
	qs: IDataObject | undefined,
): ((record: IDataObject) => boolean) | undefined {
	const checks = Object.entries(qs ?? {}).flatMap(([key, wanted]) => {
		const [, field, operator = 'eq'] = FILTER.exec(key) ?? [];
		const check = (field === 'phone_number' ? PHONE_CHECKS : CHECKS)[operator];
		return field && check ? [(record: IDataObject) => check(record[field], String(wanted))] : [];
	});
	return checks.length ? (record) => checks.every((check) => check(record)) : undefined;
}
