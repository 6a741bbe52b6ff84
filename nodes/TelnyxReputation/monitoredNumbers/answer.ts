// What a list read says about itself: to a person, a hint above the output; to a model (the
// node run as a tool: n8n hands the model the items' JSON and nothing else), a first item
// with the counts, so a list cut by Limit is never read as the whole answer.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListMove } from '../../shared/transport/pages';
import { describeMove } from '../../shared/transport/pages';
import { formatCount } from '../../shared/text';

export interface ListCounts {
	/** Numbers that match (undefined when the API did not say how many there are). */
	matched?: number;
	/** Numbers in the output. */
	listed: number;
	/** Numbers read to find them, when the whole list was read. */
	read?: number;
	/** What `listChanged` says, when the list moved while it was read (every time it was read). */
	changed?: string;
}

/**
 * What an answer read while its list moved says of itself. A list changing during the read
 * can shift pages: a number is then listed once (the read keeps the first), but one may be
 * missed; `reads` 2 when it was read again and moved again.
 */
export function listChanged(move: ListMove, reads: number): string {
	const again = reads > 1 ? ', and again when read a second time' : '';
	return `The list of numbers changed while it was read (${describeMove(move, 'numbers')}${again}): a number registered or removed meanwhile may be missing from this answer; none is listed twice. Run it again once the registering or removing has ended.`;
}

/** One hint above the output for each list that changed while it was read. */
export function hintIfChanged(context: IExecuteFunctions, notes: Array<string | undefined>): void {
	for (const message of new Set(notes.filter((note): note is string => note !== undefined)))
		context.addExecutionHints({ message, location: 'outputPane' });
}

/** The node runs as a tool (an AI Agent's or an MCP Server Trigger's): its type is `…Tool`. */
export const runsAsTool = (context: IExecuteFunctions) => context.getNode().type.endsWith('Tool');

/** What a model reads of a list: complete, or cut by Limit and how to get the rest. */
function noteForModel({ matched, listed, read, changed }: ListCounts): string {
	const among = read === undefined ? '' : ` among ${formatCount(read)} monitored`;
	const moved = changed === undefined ? '' : ` ${changed}`;
	if (matched === listed)
		return `All ${formatCount(matched)} matching numbers${among} are listed.${moved}`;
	const of = matched === undefined ? 'more' : formatCount(matched);
	return `Only ${formatCount(listed)} of ${of} matching numbers${among} are listed (cut by Limit). Ask again with a higher limit (or Return All) for the rest, or use the pool summary for counts.${moved}`;
}

/** What a person reads above a list cut by Limit, in the words of the node's own fields. */
function noteForPerson({ matched, listed }: ListCounts): string {
	const of = matched === undefined ? '' : ` of ${formatCount(matched)}`;
	return `Showing ${formatCount(listed)}${of} matching numbers: raise Limit, or turn on Return All, to see them all`;
}

/** The counts, as a model reads them: the first item. */
export function countsJson(counts: ListCounts): IDataObject {
	const json: IDataObject = {
		matched: counts.matched ?? null,
		listed: counts.listed,
		complete: counts.matched === counts.listed && counts.changed === undefined,
		note: noteForModel(counts),
	};
	if (counts.read !== undefined) json.monitored_numbers_read = counts.read;
	if (counts.changed !== undefined) json.list_changed_while_read = true;
	return json;
}

/** One hint above the output when lists were cut by Limit (the counts of every input item's). */
export function hintIfCut(context: IExecuteFunctions, lists: ListCounts[]): void {
	const cut = lists.filter((counts) => counts.matched !== counts.listed);
	if (cut.length === 0) return;
	const total = (field: 'matched' | 'listed') =>
		cut.some((counts) => counts[field] === undefined)
			? undefined
			: cut.reduce((sum, counts) => sum + (counts[field] ?? 0), 0);
	const message = noteForPerson({ matched: total('matched'), listed: total('listed') ?? 0 });
	context.addExecutionHints({ message, location: 'outputPane' });
}
