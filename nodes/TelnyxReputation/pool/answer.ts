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

/** "Showing 50 of 537 matching numbers (Limit): …", or undefined when the list is complete. */
export function cutNote({ matched, listed, read }: ListCounts): string {
	const among = read === undefined ? '' : ` among ${count(read)} monitored`;
	if (matched === listed) return `All ${count(matched)} matching numbers${among} are listed.`;
	const of = matched === undefined ? 'more' : count(matched);
	return `Only ${count(listed)} of ${of} matching numbers${among} are listed (cut by Limit). Ask again with a higher limit (or Return All) for the rest, or use the pool summary for counts.`;
}

/** The counts, as a model reads them: the first item. */
export function countsJson(counts: ListCounts): IDataObject {
	const json: IDataObject = {
		matched: counts.matched ?? null,
		listed: counts.listed,
		complete: counts.matched === counts.listed,
		note: cutNote(counts),
	};
	if (counts.read !== undefined) json.monitored_numbers_read = counts.read;
	return json;
}

/** A hint above the output when a list is cut by Limit. */
export function hintIfCut(context: IExecuteFunctions, counts: ListCounts): void {
	if (counts.matched === counts.listed) return;
	context.addExecutionHints({ message: cutNote(counts), location: 'outputPane' });
}
