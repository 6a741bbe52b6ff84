import type { IDataObject } from 'n8n-workflow';

import { shown } from '../../../shared/validators';
import type { Failure, NumberEntry, NumberSource, OrderedItem } from './types';

/** How n8n 1.x and 2.x both name the setting that turns failures into items. */
export const CONTINUE_ADVICE =
	'set the node\'s Settings → On Error to "Continue (using error output)"';

const pairedTo = (sources: NumberSource[]) =>
	[...new Set(sources.map((source) => source.item))]
		.sort((a, b) => a - b)
		.map((item) => ({ item }));

const listed = (values: string[]) =>
	values.length === 1
		? values[0]
		: `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;

/** The extensions the number was written with, which were not sent. */
export function droppedExtensions(entry: NumberEntry): string[] {
	return [
		...new Set(entry.sources.flatMap((source) => (source.extension ? [source.extension] : []))),
	];
}

/** An API answer for a number (or for a request of many), paired with every input item that gave them. */
export function successItem(entries: NumberEntry[], json: IDataObject): OrderedItem {
	const sources = entries.flatMap((entry) => entry.sources);
	const extensions = entries.length === 1 ? droppedExtensions(entries[0]) : [];
	const notice = extensions.length
		? `${extensions.length === 1 ? 'Extension' : 'Extensions'} ${listed(extensions)} dropped: Telnyx monitors the line ${entries[0].e164}, not its extensions`
		: undefined;
	return {
		order: Math.min(...sources.map((source) => source.order)),
		item: { json: notice ? { ...json, notice } : json, pairedItem: pairedTo(sources) },
	};
}

/** The fields a user looks for first, before the ids, in n8n's Table view. */
const FIRST_COLUMNS = ['phone_number', 'input', 'status', 'already_monitored'];

/** A number's item with the number (and its status) first, as the Table view shows columns. */
export function tableOrder(json: IDataObject): IDataObject {
	if (!('phone_number' in json)) return json;
	const first = FIRST_COLUMNS.filter((key) => key in json).map((key) => [key, json[key]]);
	return { ...Object.fromEntries(first), ...json };
}

/** Lines of a description as one line, for a field shown in a table cell. */
const oneLine = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
		.join(' ');

/**
 * One output item per input item that gave the number, paired with that item only, so n8n's
 * error output merges each failure with its own row.
 *
 * n8n routes an item to the error output only when its JSON holds nothing but `error` and
 * `message` (n8n 2.36 and later also allow `details`); an item that carries the error object
 * itself is routed too, but n8n then replaces its JSON with the bare message, row and all. So
 * with the error output on, a failure is `{ error, message }` (the reason, then which number,
 * its status and where, on one line for the Table view), merged by n8n with its row. Everywhere else it lines up with
 * the successes in the Table view: the number, the value given, the status and the reason
 * first, then the details.
 */
export function failureItems(failure: Failure, toErrorOutput: boolean): OrderedItem[] {
	const { error } = failure;
	const byItem = new Map<number, NumberSource>();
	for (const source of failure.sources)
		if (!byItem.has(source.item)) byItem.set(source.item, source);
	return [...byItem.values()].map((source) => {
		let json: IDataObject;
		if (toErrorOutput) {
			// `error` says why; `message` which value, its status and where, without repeating it.
			const subject = failure.phoneNumber ?? `The value ${shown(source.input, 60)}`;
			const where = failure.description ? `: ${oneLine(failure.description)}` : '';
			json = { error: failure.message, message: `${subject} (${failure.status})${where}` };
		} else {
			const details: IDataObject = {
				description: failure.description ? oneLine(failure.description) : null,
			};
			if ('httpCode' in error && error.httpCode) details.httpCode = error.httpCode;
			if (failure.entries?.length) details.errors = failure.entries as unknown as IDataObject[];
			json = {
				phone_number: failure.phoneNumber,
				input: source.input as IDataObject,
				status: failure.status,
				error: failure.message,
				details,
			};
		}
		return { order: source.order, item: { json, pairedItem: [{ item: source.item }] } };
	});
}
