// n8n's data tables, through the REST API its editor uses (n8n 2.x: /rest/projects/:projectId/
// data-tables): `npm run dev` and the e2e create the tables the loop examples name, as a user
// does once under Overview → Data tables, and the e2e reads their rows to compare them with the
// sandbox.
import type { RunningN8n } from './n8n';
import { readExample } from './n8n';

type ColumnType = 'string' | 'number' | 'boolean' | 'date';

/** The example that creates the loop's tables: their names and columns are read from it. */
export const TABLES_EXAMPLE = 'caller-id-tables';

/**
 * The tables the loop examples (examples/caller-id-*.workflow.json) read and write, by name,
 * as examples/caller-id-tables.workflow.json creates them.
 */
export const LOOP_TABLES: Record<string, Array<[string, ColumnType]>> = Object.fromEntries(
	readExample(TABLES_EXAMPLE)
		.nodes.filter((node) => node.type === 'n8n-nodes-base.dataTable')
		.map((node) => {
			const { tableName, columns } = node.parameters as {
				tableName: string;
				columns: { column: Array<{ name: string; type: ColumnType }> };
			};
			return [tableName, columns.column.map(({ name, type }) => [name, type])];
		}),
);

export type Row = Record<string, string | number | null>;

/** One call to the REST API n8n's editor uses, as the signed-in owner: its `data`. */
export async function call(
	n8n: RunningN8n,
	path: string,
	init: RequestInit = {},
	timeoutMs = 30_000,
) {
	const response = await fetch(`${n8n.url}/rest${path}`, {
		...init,
		headers: { 'Content-Type': 'application/json', Cookie: n8n.cookie },
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
	return (JSON.parse(text) as { data: unknown }).data;
}

/** The owner's personal project, where the editor creates tables. */
export async function projectId(n8n: RunningN8n): Promise<string> {
	return ((await call(n8n, '/projects/personal')) as { id: string }).id;
}

/** Creates the loop's tables; answers their ids by name. */
export async function createLoopTables(n8n: RunningN8n): Promise<Record<string, string>> {
	const project = await projectId(n8n);
	const ids: Record<string, string> = {};
	for (const [name, columns] of Object.entries(LOOP_TABLES)) {
		const table = (await call(n8n, `/projects/${project}/data-tables`, {
			method: 'POST',
			body: JSON.stringify({
				name,
				columns: columns.map(([column, type]) => ({ name: column, type })),
			}),
		})) as { id: string };
		ids[name] = table.id;
	}
	return ids;
}

export interface FoundTable {
	id: string;
	/** Its columns in order, as n8n holds them: name and type. */
	columns: Array<[string, ColumnType]>;
}

/** The loop's tables that exist in the owner's project, by name. */
export async function loopTablesIn(n8n: RunningN8n): Promise<Record<string, FoundTable>> {
	const project = await projectId(n8n);
	const { data } = (await call(n8n, `/projects/${project}/data-tables`)) as {
		data: Array<{
			id: string;
			name: string;
			columns: Array<{ name: string; type: ColumnType; index: number }>;
		}>;
	};
	return Object.fromEntries(
		data
			.filter((table) => table.name in LOOP_TABLES)
			.map(({ id, name, columns }) => [
				name,
				{
					id,
					columns: columns
						.sort((a, b) => a.index - b.index)
						.map((column): [string, ColumnType] => [column.name, column.type]),
				},
			]),
	);
}

/** The most rows n8n's REST API answers at once (2.41: MAX_ITEMS_PER_PAGE; more is cut to it). */
const PAGE_ROWS = 250;

/** Pages no table here needs (100,000 rows are 400); past them, n8n's count is not to be believed. */
const MAX_PAGES = 1000;

/** Every row of a table, a page after another, each starting where the last one ended. */
export async function rowsOf(n8n: RunningN8n, tableId: string): Promise<Row[]> {
	const project = await projectId(n8n);
	const rows: Row[] = [];
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const page = (await call(
			n8n,
			`/projects/${project}/data-tables/${tableId}/rows?skip=${rows.length}&take=${PAGE_ROWS}`,
		)) as { count: number; data: Row[] };
		rows.push(...page.data);
		if (page.data.length === 0 || rows.length >= page.count) return rows;
	}
	throw new Error(
		`Table ${tableId}: more than ${MAX_PAGES} pages of rows, or a count never reached`,
	);
}

/** Writes `data` to the rows whose `column` holds `value`, as the editor's table view does. */
export async function updateRows(
	n8n: RunningN8n,
	tableId: string,
	[column, value]: [string, string],
	data: Row,
): Promise<void> {
	const project = await projectId(n8n);
	await call(n8n, `/projects/${project}/data-tables/${tableId}/rows`, {
		method: 'PATCH',
		body: JSON.stringify({
			filter: { type: 'and', filters: [{ columnName: column, condition: 'eq', value }] },
			data,
		}),
	});
}

/**
 * Points a workflow's Data table nodes at the tables by ID, saved as the editor saves it. n8n
 * 1.x's Data table node has no "By Name": a 1.x user picks each table from the list, which
 * stores its ID.
 */
export async function pickTablesById(
	n8n: RunningN8n,
	workflowId: string,
	tables: Record<string, string>,
): Promise<void> {
	const workflow = (await call(n8n, `/workflows/${workflowId}`)) as {
		nodes: Array<{ type: string; parameters: { dataTableId?: { value: string } } }>;
	};
	for (const node of workflow.nodes) {
		const table = node.parameters.dataTableId;
		if (node.type === 'n8n-nodes-base.dataTable' && table)
			node.parameters.dataTableId = { __rl: true, mode: 'id', value: tables[table.value] } as never;
	}
	await call(n8n, `/workflows/${workflowId}`, { method: 'PATCH', body: JSON.stringify(workflow) });
}
