// The order of the columns in n8n's Table view: the number and what happened to it first, before
// the ids. The outputs of numbers that come from Telnyx go through here: the declarative
// operations' records, Get Many's and the summary's (unless simplified), and the batched
// operations' reports (sameColumns when they mix kinds).
import type { IDataObject } from 'n8n-workflow';

/** In this order, ahead of every other column. */
const FIRST_COLUMNS = ['phone_number', 'input', 'status'];

/**
 * A number's item with the number (and its status) first, as the Table view shows columns.
 * An API record has only the number among them: an object literal, which V8 builds 15 times
 * faster than a spread from `Object.fromEntries` (a run outputs an item per number). Spread,
 * not `Object.assign`, which would take a record's own `__proto__` field as its prototype.
 */
export function tableOrder(json: IDataObject): IDataObject {
	if (!('phone_number' in json)) return json;
	const first = FIRST_COLUMNS.filter((key) => key in json);
	if (first.length === 1) return { phone_number: json.phone_number, ...json };
	return { ...Object.fromEntries(first.map((key) => [key, json[key]])), ...json };
}

/** The columns every row of a mixed output starts with: what the number is, and what happened. */
const MIXED_FIRST_COLUMNS = ['phone_number', 'status', 'error'];

/**
 * Rows of several shapes in one output (successes beside failures, samples or numbers not
 * sent) as n8n's Table view reads them best: every row starts with the number, its status and
 * its error, and has every column of the others, null where it has no value (n8n shows a
 * missing field as a red "undefined"). A row without a status gets its kind's `status`.
 */
export function sameColumns(rows: Array<{ json: IDataObject; status: string }>): IDataObject[] {
	const columns = new Set(MIXED_FIRST_COLUMNS);
	for (const { json } of rows) for (const key of Object.keys(json)) columns.add(key);
	const keys = [...columns];
	const valueOf = (json: IDataObject, key: string, status: string) =>
		Object.prototype.hasOwnProperty.call(json, key) ? json[key] : key === 'status' ? status : null;
	// Assigning would take a record's own `__proto__` field as the prototype: then fromEntries,
	// which makes it an own field (assigning is several times faster, for a row per number).
	if (columns.has('__proto__'))
		return rows.map(({ json, status }) =>
			Object.fromEntries(keys.map((key) => [key, valueOf(json, key, status)])),
		);
	return rows.map(({ json, status }) => {
		const row: IDataObject = {};
		for (const key of keys) row[key] = valueOf(json, key, status);
		return row;
	});
}
