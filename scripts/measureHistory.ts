// `npx ts-node --transpile-only --prefer-ts-exts scripts/measureHistory.ts`: how many bytes
// a row of the loop's tables takes in n8n's own database, as n8n counts it against its data-table
// limit (N8N_DATA_TABLES_MAX_SIZE_BYTES, 50 MB by default; n8n sums SQLite's dbstat pages per
// table): rows shaped as the examples write them are inserted into a fresh n8n, its size answer
// read before and after, and the sizes at 10,000 and 100,000 numbers printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunningN8n } from '../support/n8n/n8n';
import { installN8n, startN8n } from '../support/n8n/n8n';
import { call, createLoopTables, projectId } from '../support/n8n/dataTables';
import { freePort } from '../support/n8n/ports';
import { POOL_FIGURES_100K } from './historyRows';

const ROWS = 5000;
const LIMIT_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;

/** n8n's REST API, with time for inserts of 1,000 rows on a busy machine. */
const rest = async (n8n: RunningN8n, path: string, init: RequestInit = {}) =>
	await call(n8n, path, init, 120_000);

/** n8n's own count of each table's bytes, by table id. */
async function sizes(n8n: RunningN8n): Promise<Record<string, number>> {
	const limits = (await rest(n8n, '/data-tables-global/limits')) as {
		dataTables: Record<string, { sizeBytes: number }>;
	};
	return Object.fromEntries(
		Object.entries(limits.dataTables).map(([id, table]) => [id, table.sizeBytes]),
	);
}

const number = (i: number) => `+1${['212', '312', '415', '949'][i % 4]}${String(5_000_000 + i)}`;
const at = (i: number) => new Date(Date.UTC(2026, 11, 3, 6, 0, i % 60, i % 1000)).toISOString();

/** A row of each kind, as the examples write it. */
const ROW_KINDS = {
	'pool (one per number, caller_id_pool)': [
		'caller_id_pool',
		(i: number) => ({
			phone_number: number(i),
			area_code: number(i).slice(2, 5),
			enterprise_id: '2f6b8d0a-4c1e-4a3b-9d5f-7e9a1b3c5d70',
			status: 'remediating',
			since: at(i),
			reason: 'high risk: rested and submitted for remediation',
			remediation_id: 'b7c1f1c0-7a9d-4f0a-9d3e-2f6a1c4b8e21',
			spam_risk: 'high',
			connection_score: i % 101,
			checked_at: at(i),
		}),
	],
	'change (one per risk change, caller_id_history)': [
		'caller_id_history',
		(i: number) => ({
			day: '2026-12-03',
			kind: 'change',
			phone_number: number(i),
			area_code: number(i).slice(2, 5),
			previous: 'low',
			current: 'high',
			checked_at: at(i),
		}),
	],
} as const;

/** A day's row of pool figures, measured on its own: its worst area codes make it the widest. */
const dayRow = (i: number) => ({
	day: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
	...POOL_FIGURES_100K,
});

async function bytesPerRow(
	n8n: RunningN8n,
	tableId: string,
	row: (i: number) => Record<string, unknown>,
	rows: number,
) {
	const before = (await sizes(n8n))[tableId] ?? 0;
	for (let from = 0; from < rows; from += 1000) {
		const data = Array.from({ length: Math.min(1000, rows - from) }, (_, i) => row(from + i));
		const project = await projectId(n8n);
		await rest(n8n, `/projects/${project}/data-tables/${tableId}/insert`, {
			method: 'POST',
			body: JSON.stringify({ data, returnType: 'count' }),
		});
	}
	return ((await sizes(n8n))[tableId] - before) / rows;
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'telnyx-measure-'));
	const n8n = await startN8n(installN8n('v2'), join(work, 'user'), await freePort());
	try {
		const tables = await createLoopTables(n8n);
		const per: Record<string, number> = {};
		for (const [kind, [table, row]] of Object.entries(ROW_KINDS))
			per[kind] = await bytesPerRow(n8n, tables[table], row, ROWS);
		const day = await bytesPerRow(n8n, tables.caller_id_history, dayRow, 1000);
		per['day (one a day of pool figures, caller_id_history)'] = day;
		const pool = per['pool (one per number, caller_id_pool)'];
		const change = per['change (one per risk change, caller_id_history)'];
		console.log('Bytes per row, as n8n counts them (SQLite, n8n 2.x):');
		for (const [kind, bytes] of Object.entries(per)) console.log(`  ${kind}: ${bytes.toFixed(0)}`);
		for (const numbers of [10_000, 100_000]) {
			const poolBytes = numbers * pool;
			const perCheck = numbers * change;
			console.log(
				`${numbers} numbers: pool table ${(poolBytes / MB).toFixed(1)} MB; ` +
					`a row per number per daily check would take ${(perCheck / MB).toFixed(1)} MB a day, 50 MB in ${(LIMIT_BYTES / perCheck).toFixed(1)} days`,
			);
			// How many numbers change risk a day is the pool's own: two churns, printed as such.
			for (const share of [0.01, 0.001]) {
				const perDay = numbers * share * change + day;
				console.log(
					`  ${share * 100}% changing a day: history ${((perDay * 365) / MB).toFixed(1)} MB a year; ` +
						`with the pool table, 50 MB lasts ${((LIMIT_BYTES - poolBytes) / perDay / 365).toFixed(1)} years`,
				);
			}
		}
	} finally {
		await n8n.stop();
		rmSync(work, { recursive: true, force: true });
	}
}

void main();
