// What a list read says about itself: to a person, a hint above the output; to a model (the
// node run as a tool: n8n hands the model the items' JSON and nothing else), a first item
// with the counts, so a list cut by Limit is never read as the whole answer.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

const count = (value: number) => value.toLocaleString('en-US');

export interface ListCounts {
	/** Numbers that match (undefined when the API did not say how many there are). */
	matched?: number;
	/** Numbers in the output. */
	listed: number;
	/** Numbers read to find them, when the whole list was read. */
	read?: number;
}

/** The node runs as a tool (an AI Agent's or an MCP Server Trigger's): its type is `…Tool`. */
export const runsAsTool = (context: IExecuteFunctions) => context.getNode().type.endsWith('Tool');

/** What a model reads of a list: complete, or cut by Limit and how to get the rest. */
function noteForModel({ matched, listed, read }: ListCounts): string {
	const among = read === undefined ? '' : ` among ${count(read)} monitored`;
	if (matched === listed) return `All ${count(matched)} matching numbers${among} are listed.`;
	const of = matched === undefined ? 'more' : count(matched);
	return `Only ${count(listed)} of ${of} matching numbers${among} are listed (cut by Limit). Ask again with a higher limit (or Return All) for the rest, or use the pool summary for counts.`;
}

/** What a person reads above a list cut by Limit, in the words of the node's own fields. */
function noteForPerson({ matched, listed }: ListCounts): string {
	const of = matched === undefined ? '' : ` of ${count(matched)}`;
	return `Showing ${count(listed)}${of} matching numbers: raise Limit, or turn on Return All, to see them all`;
}

/** The counts, as a model reads them: the first item. */
export function countsJson(counts: ListCounts): IDataObject {
	const json: IDataObject = {
		matched: counts.matched ?? null,
		listed: counts.listed,
		complete: counts.matched === counts.listed,
		note: noteForModel(counts),
	};
	if (counts.read !== undefined) json.monitored_numbers_read = counts.read;
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
