// `npm run bench:pool [-- 1000,10000,100000 sqlite,postgres 20]`: the pool examples in a real n8n
// (the pinned 2.x, the package installed by n8n's installer), in an n8n started for each size,
// over a Telnyx-compatible sandbox holding that many monitored numbers (100 ms a read). The pool
// example's first morning fills an empty caller_id_pool and a later one follows 1% of changes
// (timed, n8n's memory, the rows checked; scripts/benchMorning.ts). Then the dialer: its first
// answer loads the pool into the dialer trigger (timed); for a minute it is asked 20 times a
// second, on a clock (a slow answer does not slow the next question), callees spread over the US
// area codes; the answers are checked (every call counted once, none over the cap) and timed, and
// n8n's memory, the executions started and the database's growth per answer are read. Then the
// same questions go to n8n's own Webhook node answering at once (the floor, no execution kept):
// the dialer's times are printed as ratios to it, which carry from one machine to another.
// A fourth argument `dialer` measures the dialer alone: the pool filled through n8n's REST API
// (seconds at 100,000 rows), no morning. `morning` measures the mornings alone, their
// executions kept (so n8n's memory is higher) and each one's time printed node by node.
// n8n inherits the bench's environment (NODE_OPTIONS and N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE, which
// the tables' title names, apply to the bench's own process too) and runs with N8N_METRICS=true.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sleep } from 'n8n-workflow';

import { AREA_CODE_REGIONS } from '../nodes/shared/areaCodes.data';
import { regionOf } from '../nodes/shared/areaCodes';
import type { RunningN8n } from '../support/n8n/n8n';
import {
	importCredentials,
	importWorkflow,
	installN8n,
	installThroughN8n,
	packPackage,
	readExample,
	setWorkflowActive,
	startN8n,
} from '../support/n8n/n8n';
import { call, createLoopTables, projectId } from '../support/n8n/dataTables';
import { freePort } from '../support/n8n/ports';
import { startRegistry } from '../support/n8n/registry';
import { startPostgres } from '../support/n8n/services';
import { dialerCredential } from '../support/n8n/dialerSecret';
import type { Sandbox } from '../support/sandbox/server';
import { startSandbox } from '../support/sandbox/server';
import { askDialer } from '../test/e2e/loopDialer';
import { servedAfterPublishing } from '../test/e2e/wait';
import type { Mornings } from './benchMorning';
import {
	benchMornings,
	morningCells,
	MORNINGS,
	morningWorkflow,
	seedNumbers,
} from './benchMorning';
import { nodeTimes } from './nodeTimes';

/** Questions a second (the third argument; 20 by default, the target) and for how long. */
const RATE = Number(process.argv[4] ?? 20);
const DIALER_ONLY = process.argv[5] === 'dialer';
const MORNINGS_ONLY = process.argv[5] === 'morning';
const SECONDS = 60;
/** The settings n8n inherits from the bench's environment that change these figures. */
const N8N_SETTINGS =
	['NODE_OPTIONS', 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE']
		.filter((name) => process.env[name])
		.map((name) => `${name}=${process.env[name]}`)
		.join(', ') || "n8n's defaults";
const CAP = 100;
const US_REGIONS = new Set(
	'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
		' ',
	),
);
const US_AREA_CODES = (AREA_CODE_REGIONS.match(/.{5}/g) ?? [])
	.filter((entry) => US_REGIONS.has(entry.slice(3)))
	.map((entry) => entry.slice(0, 3));

/**
 * The baseline measured in the same n8n and the same minute: n8n's own Webhook node answering
 * at once with a fixed body, no credential, no execution kept. No dialer in n8n answers faster.
 */
const FLOOR_WORKFLOW = {
	name: 'n8n floor: a webhook answering at once',
	nodes: [
		{
			parameters: { path: 'floor', responseMode: 'onReceived', options: {} },
			id: 'a1b2c3d4-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a1b2c3d4-0000-4000-8000-000000000002',
		},
	],
	connections: {},
	settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' },
};

/**
 * A webhook whose executions are kept. Execution ids come from one sequence, so the executions
 * the dialer started in a minute are the difference of two markers' ids, while the dialer keeps
 * none, as the example does (keeping them saves its load of the whole pool and slows n8n).
 */
const MARKER_WORKFLOW = {
	name: 'bench marker',
	nodes: [
		{
			...FLOOR_WORKFLOW.nodes[0],
			parameters: { path: 'marker', responseMode: 'onReceived', options: {} },
			id: 'a1b2c3d4-0000-4000-8000-000000000003',
			webhookId: 'a1b2c3d4-0000-4000-8000-000000000004',
		},
	],
	connections: {},
	settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
};

/** A small deterministic random source, so that each run asks the same questions. */
function random(seed: number) {
	let state = seed;
	return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Empty loop tables, made anew: their ids by name. */
async function freshTables(n8n: RunningN8n): Promise<Record<string, string>> {
	const project = await projectId(n8n);
	const { data } = (await call(n8n, `/projects/${project}/data-tables`)) as {
		data: Array<{ id: string; name: string }>;
	};
	for (const table of data)
		await call(n8n, `/projects/${project}/data-tables/${table.id}`, { method: 'DELETE' });
	return await createLoopTables(n8n);
}

interface Answered {
	ms: number;
	text?: string;
	status: number;
	callerId: string | null | undefined;
	calls: number | null | undefined;
	rule: string | undefined;
}

/** Rows for every monitored number, as the first morning writes them, in chunks through n8n's REST API. */
async function fillPool(n8n: RunningN8n, tableId: string, sandbox: Sandbox): Promise<void> {
	const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
	const rows = [...sandbox.state.registrations.values()].map((registration) => {
		const areaCode = registration.phone_number.slice(2, 5);
		const score = Number(registration.reputation_data?.connection_score ?? 50);
		return {
			phone_number: registration.phone_number,
			area_code: areaCode,
			state: regionOf(areaCode) ?? '',
			enterprise_id: registration.enterprise_id,
			status: 'active',
			since: new Date().toISOString(),
			spam_risk: String(registration.reputation_data?.spam_risk ?? ''),
			connection_score: score,
			dial_rank: 100 - score,
			calls_today: 0,
			calls_day: yesterday,
		};
	});
	const project = await projectId(n8n);
	for (let start = 0; start < rows.length; start += 5000) {
		await call(n8n, `/projects/${project}/data-tables/${tableId}/insert`, {
			method: 'POST',
			body: JSON.stringify({ data: rows.slice(start, start + 5000), returnType: 'count' }),
		});
	}
}

/** RATE questions a second for SECONDS, each sent on the clock: every answer, timed. */
async function load(url: string): Promise<Answered[]> {
	const next = random(7);
	const start = performance.now();
	const asked: Array<Promise<Answered>> = [];
	for (let index = 0; index < RATE * SECONDS; index++) {
		const due = start + (index * 1000) / RATE;
		await new Promise((done) => setTimeout(done, Math.max(0, due - performance.now())));
		const areaCode = US_AREA_CODES[Math.floor(next() * US_AREA_CODES.length)];
		const sent = performance.now();
		asked.push(
			askDialer(url, `+1${areaCode}5550${String(index % 1000).padStart(3, '0')}`).then(
				(answer) => ({
					ms: performance.now() - sent,
					status: answer.status,
					callerId: answer.caller_id,
					calls: answer.calls_today,
					rule: answer.rule,
					text: answer.status === 200 ? undefined : JSON.stringify(answer).slice(0, 300),
				}),
				() => ({ ms: 30_000, status: 0, callerId: undefined, calls: undefined, rule: 'timeout' }),
			),
		);
	}
	return await Promise.all(asked);
}

const percentile = (sorted: number[], share: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];

/** Every call counted once and none over the cap: the problems found, or none. */
function countProblems(answers: Answered[]): string[] {
	const seen = new Set<string>();
	const problems: string[] = [];
	for (const answer of answers.filter((a) => a.callerId)) {
		const key = `${answer.callerId} ${answer.calls}`;
		if (seen.has(key)) problems.push(`count given twice: ${key}`);
		if (Number(answer.calls) > CAP) problems.push(`over the cap: ${key}`);
		seen.add(key);
	}
	const perNumber = new Map<string, number>();
	for (const answer of answers.filter((a) => a.callerId))
		perNumber.set(String(answer.callerId), (perNumber.get(String(answer.callerId)) ?? 0) + 1);
	for (const [number, calls] of perNumber) {
		const highest = Math.max(
			...answers.filter((a) => a.callerId === number).map((a) => Number(a.calls)),
		);
		if (highest !== calls) problems.push(`${number}: ${calls} answers, counted to ${highest}`);
	}
	return problems;
}

/** The id of a new marker execution, once n8n has kept it (within a minute). */
async function markerId(n8n: RunningN8n): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: 'benchMarker' }));
	const latest = async () =>
		(await call(n8n, `/executions?filter=${filter}&limit=1`)) as {
			count: number;
			results: Array<{ id: string }>;
		};
	const before = (await latest()).count;
	await fetch(`${n8n.url}/webhook/marker`, { signal: AbortSignal.timeout(30_000) });
	for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500)) {
		const kept = await latest();
		if (kept.count > before) return Number(kept.results[0].id);
	}
	throw new Error('the marker execution was not kept within a minute');
}

/** The CPU time n8n's process has used, in ms (/proc's clock ticks are 10 ms): what an answer costs it. */
const cpuMs = (pid: number) =>
	readFileSync(`/proc/${pid}/stat`, 'utf8')
		.split(') ')[1]
		.split(' ')
		.slice(11, 13)
		.reduce((sum, ticks) => sum + Number(ticks) * 10, 0);

const rssMb = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function benchDatabase(kind: string, sizes: number[], work: string) {
	const userFolder = join(work, kind, 'user');
	mkdirSync(join(work, kind), { recursive: true });
	const env: Record<string, string> = {};
	let stopPostgres = async () => {};
	let databaseBytes = () => statSync(join(userFolder, '.n8n', 'database.sqlite')).size;
	if (kind === 'postgres') {
		const postgres = await startPostgres(join(work, 'pg'));
		stopPostgres = postgres.stop;
		Object.assign(env, postgres.env);
		databaseBytes = () =>
			Number(
				execFileSync(
					'psql',
					[
						'-h',
						'127.0.0.1',
						'-p',
						String(postgres.port),
						'-U',
						'postgres',
						'-tAc',
						"SELECT pg_database_size('n8n')",
					],
					{ encoding: 'utf8' },
				).trim(),
			);
	}
	Object.assign(process.env, env);
	const n8n = installN8n('v2');
	const registry = await startRegistry(packPackage(join(work, kind)));
	await installThroughN8n(n8n, userFolder, await freePort(), registry.url, registry.name);
	await registry.close();
	// Telnyx at 100 ms a read, as far as the real API may be.
	const sandbox = await startSandbox({ latencyMs: 100 });
	await importCredentials(n8n, userFolder, [
		dialerCredential,
		{
			id: 'telnyxSandbox',
			name: 'Telnyx sandbox',
			type: 'telnyxReputationApi',
			data: { apiKey: sandbox.state.apiKey, baseUrl: sandbox.url },
		},
	]);
	await importWorkflow(n8n, userFolder, readExample('which-caller-id'), 'benchDialer');
	await importWorkflow(n8n, userFolder, FLOOR_WORKFLOW, 'benchFloor');
	await importWorkflow(n8n, userFolder, MARKER_WORKFLOW, 'benchMarker');
	for (const id of Object.keys(MORNINGS) as Array<keyof typeof MORNINGS>)
		await importWorkflow(n8n, userFolder, morningWorkflow(id, MORNINGS_ONLY), id);
	const rows: string[] = [];
	try {
		for (const size of sizes)
			rows.push(await benchSize(n8n, userFolder, env, { kind, size, sandbox }, databaseBytes));
	} finally {
		await sandbox.close();
		await stopPostgres();
		for (const name of Object.keys(env)) delete process.env[name];
	}
	return rows;
}

/** The mornings (in `dialer` mode none: the pool filled through n8n's REST API). */
async function poolFilled(
	n8n: ReturnType<typeof installN8n>,
	running: RunningN8n,
	sandbox: Sandbox,
	tables: Record<string, string>,
): Promise<Mornings> {
	if (DIALER_ONLY) {
		await fillPool(running, tables.caller_id_pool, sandbox);
		return {
			first: 0,
			later: 0,
			historyDay: 0,
			restMb: 0,
			peakMb: 0,
			heapMb: undefined,
			problems: [],
		};
	}
	return await benchMornings(
		running,
		sandbox,
		tables,
		() => rssMb(running.pid),
		async (id, since) => {
			if (MORNINGS_ONLY) console.log(`  ${id}: ${await nodeTimes(n8n, running, id, since)}`);
		},
	);
}

/**
 * One pool size in an n8n started for it (the dialer holds the pool in memory: a new process
 * reads the new table): the pool filled by the first morning and changed by a later one, the
 * first answer (which loads it) awaited, then the dialer's minute.
 */
async function benchSize(
	n8n: ReturnType<typeof installN8n>,
	userFolder: string,
	env: Record<string, string>,
	{ kind, size, sandbox }: { kind: string; size: number; sandbox: Sandbox },
	databaseBytes: () => number,
): Promise<string> {
	// Its /metrics gives the JavaScript heap in use (support/n8n/heapInUse.ts).
	const running = await startN8n(n8n, userFolder, await freePort(), {
		...env,
		N8N_METRICS: 'true',
	});
	try {
		const tables = await freshTables(running);
		seedNumbers(sandbox, size, US_AREA_CODES);
		for (const id of ['benchDialer', 'benchFloor', 'benchMarker', ...Object.keys(MORNINGS)]) {
			const problem = await setWorkflowActive(running, id, true);
			if (problem) throw new Error(problem);
		}
		const mornings = await poolFilled(n8n, running, sandbox, tables);
		console.log(`  ${size} numbers: ${JSON.stringify(mornings)}`);
		if (MORNINGS_ONLY)
			return `| ${morningCells(kind, size, mornings)} | ${mornings.problems.join('; ') || 'none'} |`;
		const url = `${running.url}/webhook/which-caller-id`;
		await servedAfterPublishing(url);
		const loading = performance.now();
		let first = await askDialer(url, '+19495550100');
		// A call after a Load Timeout (30 s) asks again: a big pool may take longer to read.
		for (let tries = 1; first.status !== 200 && tries < 20; tries++) {
			first = await askDialer(url, '+19495550100');
		}
		if (first.status !== 200) {
			throw new Error(
				`the dialer does not answer: ${JSON.stringify(first)}\n${running.log().slice(-3000)}`,
			);
		}
		const loaded = (performance.now() - loading) / 1000;
		const bytesBefore = databaseBytes();
		const markerBefore = await markerId(running);
		let peak = rssMb(running.pid);
		const sampler = setInterval(() => (peak = Math.max(peak, rssMb(running.pid))), 1000);
		const cpuBefore = cpuMs(running.pid);
		const answers = await load(url);
		const cpuPerAnswer = (cpuMs(running.pid) - cpuBefore) / answers.length;
		clearInterval(sampler);
		// The marker's own execution is the one id between the two not the dialer's.
		const executions = (await markerId(running)) - markerBefore - 1;
		const floorUrl = `${running.url}/webhook/floor`;
		await servedAfterPublishing(floorUrl);
		const floorCpuBefore = cpuMs(running.pid);
		const floorAnswers = await load(floorUrl);
		const floorCpu = (cpuMs(running.pid) - floorCpuBefore) / floorAnswers.length;
		const floor = floorAnswers.map((a) => a.ms).sort((a, b) => a - b);
		const times = answers.map((a) => a.ms).sort((a, b) => a - b);
		const ratio = (share: number) =>
			`${(percentile(times, share) / percentile(floor, share)).toFixed(2)}×`;
		// The first answer, which loaded the pool, counted a call too.
		const warmUp = {
			ms: 0,
			status: 200,
			callerId: first.caller_id,
			calls: first.calls_today,
			rule: first.rule,
		};
		const problems = [...mornings.problems, ...countProblems([warmUp, ...answers])];
		const perAnswer = (databaseBytes() - bytesBefore) / answers.length / 1024;
		const failed = answers.filter((a) => a.status !== 200).length;
		const row = `| ${morningCells(kind, size, mornings)} | ${loaded.toFixed(1)} s | ${Math.round(percentile(times, 0.5))} ms (${ratio(0.5)}) | ${Math.round(percentile(times, 0.95))} ms (${ratio(0.95)}) | ${Math.round(percentile(floor, 0.5))} / ${Math.round(percentile(floor, 0.95))} ms | ${answers.length - failed} of ${answers.length} | ${problems.length ? problems.slice(0, 3).join('; ') : 'none'} | ${executions} | ${Math.round(peak)} MB | ${perAnswer.toFixed(1)} KB | ${cpuPerAnswer.toFixed(1)} / ${floorCpu.toFixed(1)} ms |`;
		console.log(row);
		const refused = answers.find((a) => a.status !== 200);
		if (refused) console.log(`  not answered, e.g.: ${JSON.stringify(refused)}`);
		return row;
	} finally {
		await running.stop();
	}
}

async function main() {
	const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
	const databases = (process.argv[3] ?? 'sqlite,postgres').split(',');
	const work = mkdtempSync(join(tmpdir(), 'telnyx-bench-pool-'));
	const rows: string[] = [];
	try {
		for (const kind of databases) rows.push(...(await benchDatabase(kind, sizes, work)));
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	if (MORNINGS_ONLY) {
		console.log(
			`\nThe pool's mornings (n8n 2.41.1, one main process, ${N8N_SETTINGS}, Telnyx at 100 ms a read), their executions kept:\n`,
		);
		console.log(
			'| database | pool rows | first morning (fills the pool) | later morning (1% changed) | history day | n8n memory: at rest → peak RSS (JS heap in use, highest sample) | rows, day figures |',
		);
		console.log('| --- | --- | --- | --- | --- | --- | --- |');
	} else {
		console.log(
			`\nThe pool's mornings, then the dialer at ${RATE} answers a second for ${SECONDS} s (n8n 2.41.1, one main process, ${N8N_SETTINGS}, Telnyx at 100 ms a read, cap ${CAP}):\n`,
		);
		console.log(
			'| database | pool rows | first morning (fills the pool) | later morning (1% changed) | history day | n8n memory over the mornings: at rest → peak RSS (JS heap in use, highest sample) | first answer (loads the pool) | median (× floor) | 95th percentile (× floor) | n8n floor: median / 95th | answered | counts | executions | n8n memory (peak RSS) | database growth per answer | n8n CPU per answer: dialer / floor |',
		);
		console.log(
			'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		);
	}
	for (const row of rows) console.log(row);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
