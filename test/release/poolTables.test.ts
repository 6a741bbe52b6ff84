// The caller-ID loop's data tables, set up in one step: the example that creates them
// (examples/caller-id-tables.workflow.json), the header-only CSVs for n8n's Import CSV
// (examples/tables/) and the README's list agree with every column the loop examples use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DATA_TABLE_SYSTEM_COLUMNS } from 'n8n-workflow';

import { LOOP_TABLES, TABLES_EXAMPLE } from '../../support/n8n/dataTables';
import { readExample } from '../../support/n8n/n8n';

const root = join(__dirname, '../..');
const LOOP_EXAMPLES = [
	'caller-id-pool',
	'which-caller-id',
	'caller-id-history',
	'caller-id-weekly-report',
];

interface DataTableParameters {
	dataTableId?: { value: string };
	columns?: { schema?: Array<{ id: string; type: string }> };
	filters?: { conditions?: Array<{ keyName: string }> };
}

/**
 * What the loop examples' Data table nodes use, once per table and column: the type they write
 * ('any' for a column they only filter on).
 */
function usedColumns(): Array<[table: string, column: string, type: string]> {
	const used = new Map<string, [string, string, string]>();
	for (const name of LOOP_EXAMPLES) {
		for (const node of readExample(name).nodes) {
			if (node.type !== 'n8n-nodes-base.dataTable') continue;
			const parameters = node.parameters as DataTableParameters;
			const table = String(parameters.dataTableId?.value);
			// n8n's own columns (id, createdAt, updatedAt) are in every data table.
			for (const { keyName } of parameters.filters?.conditions ?? [])
				if (!DATA_TABLE_SYSTEM_COLUMNS.includes(keyName) && !used.has(`${table}.${keyName}`))
					used.set(`${table}.${keyName}`, [table, keyName, 'any']);
			for (const { id, type } of parameters.columns?.schema ?? [])
				used.set(`${table}.${id}`, [table, id, type]);
		}
	}
	return [...used.values()];
}

describe("the loop examples' data tables", () => {
	it('are all created by "Create the caller ID pool tables", with n8n\'s own nodes only, reusing a table that exists', () => {
		const example = readExample(TABLES_EXAMPLE);
		expect(Object.keys(LOOP_TABLES).sort()).toEqual([
			'caller_id_calls',
			'caller_id_history',
			'caller_id_pool',
		]);
		expect(example.nodes.every((node) => String(node.type).startsWith('n8n-nodes-base.'))).toBe(
			true,
		);
		for (const node of example.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable'))
			expect(node.parameters).toMatchObject({ options: { createIfNotExists: true } });
	});

	it.each(usedColumns())(
		'%s has the column %s, of the type the examples write: %s',
		(table, column, type) => {
			const columns = Object.fromEntries(LOOP_TABLES[table] ?? []);
			expect(columns).toHaveProperty([column]);
			if (type !== 'any') expect(columns[column]).toBe(type);
		},
	);

	it.each(Object.entries(LOOP_TABLES))(
		'examples/tables/%s.csv is the header of its columns, nothing else',
		(table, columns) => {
			const csv = readFileSync(join(root, `examples/tables/${table}.csv`), 'utf8');
			expect(csv).toBe(`${columns.map(([name]) => name).join(',')}\n`);
		},
	);

	it.each(Object.entries(LOOP_TABLES))(
		"the README lists %s's columns and says which are numbers",
		(table, columns) => {
			const readme = readFileSync(join(root, 'README.md'), 'utf8');
			const row = readme.split('\n').find((line) => line.startsWith(`| \`${table}\` |`));
			const cells = String(row)
				.split('|')
				.map((cell) => cell.trim());
			const names = (cell: string) => [...cell.matchAll(/`(\w+)`/g)].map((match) => match[1]);
			expect(names(cells[2])).toEqual(columns.map(([name]) => name));
			expect(names(cells[3])).toEqual(
				columns.filter(([, type]) => type === 'number').map(([name]) => name),
			);
		},
	);
});
