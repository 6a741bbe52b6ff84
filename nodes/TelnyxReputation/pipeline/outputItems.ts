import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { listed } from '../../shared/text';
import { shown } from '../../shared/parameters/validators';
import type { Failure, FailureStatus, NumberEntry, NumberSource, OrderedItem } from './types';

/** How n8n 1.x and 2.x both name the setting that turns failures into items. */
export const CONTINUE_ADVICE =
	'set the node\'s Settings → On Error to "Continue (using error output)"';

// successItem and what it calls run once per number of a run (10,000 and more): they allocate
// no more than they give back.
const pairedTo = (sources: NumberSource[]) =>
	sources.length === 1
		? [{ item: sources[0].item }]
		: [...new Set(sources.map((source) => source.item))]
				.sort((a, b) => a - b)
				.map((item) => ({ item }));

/** The extensions the number was written with, which were not sent. */
export function droppedExtensions(entry: NumberEntry): string[] {
	const extensions = new Set<string>();
	for (const source of entry.sources) if (source.extension) extensions.add(source.extension);
	return extensions.size ? [...extensions] : [];
}

/** An API answer for a number (or for a request of many), paired with every input item that gave them. */
export function successItem(entries: NumberEntry[], json: IDataObject): OrderedItem {
	const sources =
		entries.length === 1 ? entries[0].sources : entries.flatMap((entry) => entry.sources);
	const extensions = entries.length === 1 ? droppedExtensions(entries[0]) : [];
	const notice = extensions.length
		? `${extensions.length === 1 ? 'Extension' : 'Extensions'} ${listed(extensions)} dropped: Telnyx monitors the line ${entries[0].e164}, not its extensions`
		: undefined;
	return {
		order: sources.reduce((first, source) => Math.min(first, source.order), Infinity),
		item: { json: notice ? { ...json, notice } : json, pairedItem: pairedTo(sources) },
	};
}

/** A number's failure, from the error of the request that carried it: successItem's counterpart. */
export function entryFailure(
	entry: NumberEntry,
	status: FailureStatus,
	error: NodeApiError,
	extra: Partial<Pick<Failure, 'entries' | 'message' | 'description'>> = {},
): Failure {
	return {
		status,
		phoneNumber: entry.e164,
		sources: entry.sources,
		error,
		message: error.message,
		description: error.description ?? undefined,
		...extra,
	};
}

/** Lines of a description as one line, for a field shown in a table cell. */
const oneLine = (text: string) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
		.join(' ');

/** The values given for a number: one, or each distinct one when items wrote it differently. */
function givenValues(sources: NumberSource[]): unknown {
	const values = [...new Set(sources.map((source) => JSON.stringify(source.input)))].map((text) =>
		text === undefined ? undefined : JSON.parse(text),
	);
	return values.length === 1 ? values[0] : values;
}

/** A failure as one item, for the input items of `sources`. */
function failureJson(failure: Failure, sources: NumberSource[], toErrorOutput: boolean) {
	const { error } = failure;
	const input = givenValues(sources);
	if (toErrorOutput) {
		// `error` says why; `message` which value, its status and where, without repeating it.
		const subject =
			failure.phoneNumber ??
			(input === undefined || input === null ? 'No value' : `The value ${shown(input, 60)}`);
		const where = failure.description ? `: ${oneLine(failure.description)}` : '';
		return { error: failure.message, message: `${subject} (${failure.status})${where}` };
	}
	const details: IDataObject = {};
	if (failure.description) details.description = oneLine(failure.description);
	if ('httpCode' in error && error.httpCode) details.httpCode = error.httpCode;
	if (failure.entries?.length) details.errors = failure.entries as unknown as IDataObject[];
	return {
		...(failure.phoneNumber ? { phone_number: failure.phoneNumber } : {}),
		...(input === undefined ? {} : { input: input as IDataObject }),
		status: failure.status,
		error: failure.message,
		...(Object.keys(details).length ? { details } : {}),
	};
}

/**
 * A failure as output items, each naming its own value, never another row's.
 *
 * n8n routes an item to the error output only when its JSON holds nothing but `error` and
 * `message` (n8n 2.36 and later also allow `details`); an item that carries the error object
 * itself is routed too, but n8n then replaces its JSON with the bare message. n8n merges an
 * error item with the input row it is paired with (its first). So with the error output on, a
 * failure is `{ error, message }` (the reason, then which value, its status and where, on one
 * line for the Table view). A value from the rows' own data fails once per row that gave it,
 * paired with (and merged with) that row; a value of the node's own list (the same on every
 * item) fails once, paired with every item in the regular output and merged with no row in the
 * error output. Everywhere else a failure's own fields come first in the Table view: the
 * number read (when one was), the value given, the status and the reason, then the details;
 * no empty fields.
 */
export function failureItems(failure: Failure, toErrorOutput: boolean): OrderedItem[] {
	if (failure.sources.every((source) => source.ofNoRow)) {
		const json = failureJson(failure, failure.sources, toErrorOutput);
		const order = Math.min(...failure.sources.map((source) => source.order));
		const pairedItem = pairedTo(failure.sources);
		return [{ order, item: toErrorOutput ? { json } : { json, pairedItem } }];
	}
	const byItem = new Map<number, NumberSource[]>();
	for (const source of failure.sources)
		byItem.set(source.item, [...(byItem.get(source.item) ?? []), source]);
	return [...byItem.entries()].map(([item, sources]) => ({
		order: sources[0].order,
		item: { json: failureJson(failure, sources, toErrorOutput), pairedItem: [{ item }] },
	}));
}
