// `npx ts-node --transpile-only --prefer-ts-exts scripts/measureReport.ts`: how much the weekly
// report's execution saves at 100,000 numbers. A fresh n8n 2.x gets the loop's tables filled as
// a large pool fills them (100,000 pool rows, 1% of them changing a day for a week, 250 resting
// and 250 restored this week, a daily row for 9 days), the report example runs once as the
// editor runs it (its email to a local sink), and the execution's size is printed as n8n's REST
// API returns it, its data included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunningN8n } from '../support/n8n/n8n';
import {
	importCredentials,
	importWorkflow,
	installN8n,
	readExample,
	startN8n,
} from '../support/n8n/n8n';
import { call, createLoopTables, projectId } from '../support/n8n/dataTables';
import { freePort } from '../support/n8n/ports';
import { smtpCredential, startSmtpSink } from '../support/n8n/smtpSink';
import { executeWorkflow } from '../test/e2e/executeWorkflow';
import { POOL_FIGURES_100K } from './historyRows';

const NUMBERS = POOL_FIGURES_100K.numbers;
const DAY_MS = 86_400_000;
const MB = 1024 * 1024;

const number = (i: number) => `+1${['212', '312', '415', '949'][i % 4]}${String(5_000_000 + i)}`;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** Inserts `count` rows made by `row`, 1,000 a request, as the editor's API does. */
async function insert(
	n8n: RunningN8n,
	tableId: string,
	count: number,
	row: (i: number) => Record<string, unknown>,
) {
	const project = await projectId(n8n);
	for (let from = 0; from < count; from += 1000) {
		const data = Array.from({ length: Math.min(1000, count - from) }, (_, i) => row(from + i));
		await call(
			n8n,
			`/projects/${project}/data-tables/${tableId}/insert`,
			{ method: 'POST', body: JSON.stringify({ data, returnType: 'count' }) },
			120_000,
		);
	}
}

/** A pool row: resting (the first 250), restored this week (the next 250), or active since long ago. */
const poolRow = (i: number) => ({
	phone_number: number(i),
	area_code: number(i).slice(2, 5),
	enterprise_id: '2f6b8d0a-4c1e-4a3b-9d5f-7e9a1b3c5d70',
	status: i < 250 ? 'remediating' : 'active',
	since: i < 500 ? daysAgo(2) : daysAgo(200),
	reason:
		i < 250
			? 'high risk: rested and submitted for remediation'
			: i < 500
				? 'restored: remediation completed, reads low risk'
				: 'joined the pool',
	remediation_id: i < 500 ? 'b7c1f1c0-7a9d-4f0a-9d3e-2f6a1c4b8e21' : '',
	spam_risk: i < 250 ? 'high' : 'low',
	connection_score: i % 101,
	checked_at: daysAgo(1),
});

const changeRow = (i: number) => ({
	day: daysAgo(i % 7).slice(0, 10),
	kind: 'change',
	phone_number: number(i),
	area_code: number(i).slice(2, 5),
	previous: 'low',
	current: 'high',
	checked_at: daysAgo(i % 7),
});

const dayRow = (i: number) => ({
	day: daysAgo(i).slice(0, 10),
	...POOL_FIGURES_100K,
	spent_usd: 60_000 + i,
	forecast_usd: 217_600,
	budget_usd: 200_000,
	remediated: 500,
});

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'telnyx-measure-'));
	const userFolder = join(work, 'user');
	const install = installN8n('v2');
	const mail = await startSmtpSink();
	await importCredentials(install, userFolder, [smtpCredential(mail, 'reportMail', 'Report mail')]);
	await importWorkflow(install, userFolder, readExample('caller-id-weekly-report'), 'report');
	const n8n = await startN8n(install, userFolder, await freePort());
	try {
		const tables = await createLoopTables(n8n);
		await insert(n8n, tables.caller_id_pool, NUMBERS, poolRow);
		await insert(n8n, tables.caller_id_history, NUMBERS * 0.01 * 7, changeRow);
		await insert(n8n, tables.caller_id_history, 9, dayRow);
		const run = await executeWorkflow(n8n, 'report', 'Every Monday', 600);
		console.log(
			`The weekly report at ${NUMBERS.toLocaleString('en-US')} numbers (${(NUMBERS * 0.07).toLocaleString('en-US')} changes this week, 250 resting, 250 restored): ` +
				`${run.status}, the execution ${(Buffer.byteLength(run.text) / MB).toFixed(2)} MB; ${mail.messages.length} email sent`,
		);
	} finally {
		await n8n.stop();
		await mail.close();
		rmSync(work, { recursive: true, force: true });
	}
}

void main();
