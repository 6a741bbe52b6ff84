// `npm run test:queue`: the package in n8n's queue mode, as teams run it at scale: Redis and
// PostgreSQL (Debian's packages), the pinned n8n 2.x as a main instance and two workers, the
// package installed by n8n's own installer. Load: 20 executions of a webhook-started Register
// workflow at once, 500 numbers each, against the sandbox under a rate limit of 20 requests per
// second shared by all callers. Then the binary operation (Generate LOA), both triggers, and
// the environment-managed install with a manual execution on a worker (envInstall.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8n } from '../../support/n8n/n8n';
import {
	importExample,
	importWorkflow,
	installN8n,
	installThroughN8n,
	packPackage,
	setWorkflowActive,
	startN8n,
	startWorker,
} from '../../support/n8n/n8n';
import { OPENSSL } from '../../support/n8n/npmStandIn';
import { freePort } from '../../support/n8n/ports';
import { startRegistry } from '../../support/n8n/registry';
import { startPostgres, startRedis } from '../../support/n8n/services';
import { POSTGRESQL, REDIS, requirePrerequisites } from '../../support/prerequisites';
import type { Sandbox } from '../../support/sandbox/server';
import { startSandbox } from '../../support/sandbox/server';
import { DEMO_ENTERPRISE_ID, seedDemo } from '../../support/sandbox/seed';
import { removePool } from '../../support/sandbox/pool';
import { usNumbers } from '../../support/sandbox/state';
import { checkEnvManagedInstallInQueueMode } from './envInstall';
import { check, finish, step } from './report';
import { checkTriggers } from './triggers';
import { PUBLISHED_WITHIN_S } from './wait';

const EXECUTIONS = 20;
const NUMBERS_PER_EXECUTION = 500;
const RATE_LIMIT = 20;

const credentials = { telnyxReputationApi: { id: 'telnyxSandbox', name: 'Telnyx sandbox' } };

/** Webhook (answers with the last node's items) → Register the numbers of the request's body. */
function registerWorkflow(enterpriseId: string) {
	return {
		name: 'Register a batch (queue mode)',
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path: 'register-batch',
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
				id: 'c1d2e3f4-0a1b-4c2d-8e3f-4a5b6c7d8e90',
				name: 'Batch',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
			},
			{
				parameters: {
					resource: 'phoneNumber',
					operation: 'register',
					enterpriseId: { __rl: true, mode: 'id', value: enterpriseId },
					numbersFrom: 'field',
					numbersField: 'body.numbers',
					options: {},
				},
				id: 'd2e3f4a5-1b2c-4d3e-9f4a-5b6c7d8e9f01',
				name: 'Register',
				type: 'n8n-nodes-telnyx-reputation.telnyxReputation',
				typeVersion: 1,
				position: [260, 0],
				credentials,
			},
		],
		connections: { Batch: { main: [[{ node: 'Register', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook (answers with the first binary of the last node) → Generate LOA: binary data across processes. */
function loaWorkflow() {
	return {
		name: 'Generate the LOA (queue mode)',
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path: 'loa',
					responseMode: 'lastNode',
					responseData: 'firstEntryBinary',
					options: {},
				},
				id: 'e3f4a5b6-2c3d-4e4f-8a5b-6c7d8e9f0a12',
				name: 'Ask',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
			},
			{
				parameters: {
					resource: 'reputationSettings',
					operation: 'generateLoa',
					enterpriseId: { __rl: true, mode: 'id', value: DEMO_ENTERPRISE_ID },
					binaryPropertyName: 'data',
					additionalFields: {},
				},
				id: 'f4a5b6c7-3d4e-4f5a-9b6c-7d8e9f0a1b23',
				name: 'LOA',
				type: 'n8n-nodes-telnyx-reputation.telnyxReputation',
				typeVersion: 1,
				position: [260, 0],
				credentials,
			},
		],
		connections: { Ask: { main: [[{ node: 'LOA', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

interface BatchAnswer {
	status: number;
	items: Array<{ id?: string } | null>;
}

const batchOf = (numbers: string[], index: number) =>
	numbers.slice(index * NUMBERS_PER_EXECUTION, (index + 1) * NUMBERS_PER_EXECUTION);

/**
 * One webhook-started Register execution: its HTTP answer is the Register node's items. In queue
 * mode n8n registers a workflow's webhook asynchronously after activating it: a 404 (nothing
 * ran) is sent again, for at most PUBLISHED_WITHIN_S.
 */
async function sendBatch(url: string, batch: string[], timeoutMs = 300_000): Promise<BatchAnswer> {
	for (const end = Date.now() + PUBLISHED_WITHIN_S * 1000; ; ) {
		const answer = await sendOnce(url, batch, timeoutMs);
		if (answer.status !== 404 || Date.now() > end) return answer;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function sendOnce(url: string, batch: string[], timeoutMs: number): Promise<BatchAnswer> {
	try {
		const response = await fetch(`${url}/webhook/register-batch`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ numbers: batch }),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const body = (await response.json().catch(() => null)) as unknown;
		return {
			status: response.status,
			items: (Array.isArray(body) ? body : [body]) as BatchAnswer['items'],
		};
	} catch {
		return { status: 0, items: [] };
	}
}

/** EXECUTIONS executions at once, NUMBERS_PER_EXECUTION numbers each. */
async function sendBatches(url: string, numbers: string[], timeoutMs?: number) {
	const started = Date.now();
	const answers = await Promise.all(
		Array.from(
			{ length: EXECUTIONS },
			async (_, index) => await sendBatch(url, batchOf(numbers, index), timeoutMs),
		),
	);
	return { answers, wallMs: Date.now() - started };
}

const completeBatch = (answer: BatchAnswer) =>
	answer.status === 200 &&
	answer.items.length === NUMBERS_PER_EXECUTION &&
	answer.items.every((item) => typeof item?.id === 'string');

/** Waits, at most `seconds`, for `done` to hold. */
async function waitUntil(seconds: number, done: () => boolean): Promise<boolean> {
	for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
		if (done()) return true;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return done();
}

/**
 * Every batch answered with its numbers registered (or already monitored); the sandbox holds
 * exactly `expected`; no number of the requests since `from` was in two processed requests.
 */
function checkLoad(
	sandbox: Sandbox,
	enterpriseId: string,
	expected: string[],
	answers: BatchAnswer[],
	from: number,
) {
	check(
		`every execution ends with its ${NUMBERS_PER_EXECUTION} numbers registered`,
		answers.every(completeBatch),
		JSON.stringify(
			answers.map((answer) => [answer.status, answer.items.length, answer.items[0]]),
		).slice(0, 800),
	);
	const held = new Set(
		sandbox.state.registrationsOf(enterpriseId).map((registration) => registration.phone_number),
	);
	check(
		`the sandbox holds exactly the ${expected.length.toLocaleString('en')} numbers`,
		held.size === expected.length && expected.every((number) => held.has(number)),
		`${held.size} in the sandbox`,
	);
	const sent = sandbox.requests
		.slice(from)
		.filter((request) => request.method === 'POST' && request.status === 201)
		.flatMap((request) => (request.body as { phone_numbers: string[] }).phone_numbers);
	check(
		'no number was in two processed (billed) requests',
		new Set(sent).size === sent.length,
		`${sent.length} sent in processed requests, ${new Set(sent).size} distinct`,
	);
}

async function main() {
	requirePrerequisites('npm run test:queue', [REDIS, POSTGRESQL, OPENSSL]);
	const work = mkdtempSync(join(tmpdir(), 'telnyx-queue-'));
	const userFolder = join(work, 'user');
	step('Redis, PostgreSQL, and n8n 2.x in queue mode');
	const redis = await startRedis(join(work, 'redis'));
	const postgres = await startPostgres(join(work, 'pg'));
	// Every n8n process of this run (CLI included: they all open the database) shares these.
	Object.assign(process.env, {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...postgres.env,
	});
	const n8n: N8n = installN8n('v2');
	const tarball = packPackage(work);
	const registry = await startRegistry(tarball);
	const installed = await installThroughN8n(
		n8n,
		userFolder,
		await freePort(),
		registry.url,
		registry.name,
	).catch((error: Error) =>
		check("n8n's installer installs the package (queue mode)", false, error.message),
	);
	await registry.close();
	check(
		'the package is installed through n8n, in queue mode',
		typeof installed === 'object' && installed !== null,
	);

	const sandbox = await startSandbox();
	seedDemo(sandbox.state);
	const numbers = usNumbers(EXECUTIONS * NUMBERS_PER_EXECUTION);
	const enterpriseId = sandbox.state.enterpriseOwning(numbers);
	const imported = await importExample(n8n, userFolder, sandbox);
	check('the credential is imported', imported.credential.status === 0, imported.credential.stderr);
	for (const [id, workflow] of Object.entries({
		load: registerWorkflow(enterpriseId),
		loa: loaWorkflow(),
	})) {
		const result = await importWorkflow(n8n, userFolder, workflow, id);
		check(`"${workflow.name}" is imported`, result.status === 0, result.stderr);
	}

	const workers = [
		await startWorker(n8n, userFolder, 'a'),
		await startWorker(n8n, userFolder, 'b'),
	];
	let main = await startN8n(n8n, userFolder, await freePort());
	try {
		for (const id of ['load', 'loa']) {
			const problem = await setWorkflowActive(main, id, true);
			check(`"${id}" activates`, problem === '', problem);
		}

		step(
			`Load: ${EXECUTIONS} executions at once, ${NUMBERS_PER_EXECUTION} numbers each, under ${RATE_LIMIT} requests/s shared`,
		);
		sandbox.rateLimitPerSecond = RATE_LIMIT;
		const load = await sendBatches(main.url, numbers);
		sandbox.rateLimitPerSecond = 0;
		checkLoad(sandbox, enterpriseId, numbers, load.answers, 0);
		const shares = workers.map(
			(worker) => (worker.log().match(/started execution/gi) ?? []).length,
		);
		check(
			'both workers ran executions',
			shares.every((share) => share > 0),
			JSON.stringify(shares),
		);
		const limited = sandbox.requests.filter((request) => request.status === 429).length;
		const needed = sandbox.requests.length - limited;
		const allowedMs = (needed / RATE_LIMIT) * 1000;
		console.log(
			`figures: ${sandbox.requests.length} requests, ${limited} answered 429 (${((limited / sandbox.requests.length) * 100).toFixed(1)} %; target ≤ 10 %), wall time ${(load.wallMs / 1000).toFixed(1)} s for ${needed} requests needed, which ${RATE_LIMIT} requests/s allow in ${(allowedMs / 1000).toFixed(1)} s (${(load.wallMs / allowedMs).toFixed(2)}×; target ≤ 1.5×), executions per worker ${shares.join(' / ')}`,
		);

		step('A worker killed (SIGKILL) while it runs register executions; the batches run again');
		const more = usNumbers(EXECUTIONS * NUMBERS_PER_EXECUTION, numbers.length);
		sandbox.state.addInventory(more);
		const from = sandbox.requests.length;
		sandbox.rateLimitPerSecond = RATE_LIMIT;
		const killed = sendBatches(main.url, more, 180_000);
		const postsOfKilled = () =>
			sandbox.requests
				.slice(from)
				.filter((request) => request.method === 'POST' && request.status === 201).length;
		const running = await waitUntil(
			60,
			() => postsOfKilled() >= 10 && /started execution/i.test(workers[0].log()),
		);
		await workers[0].kill();
		const firstTry = await killed;
		const failed = firstTry.answers
			.map((answer, index) => ({ answer, index }))
			.filter(({ answer }) => !completeBatch(answer));
		console.log(
			`figures: worker a killed after ${postsOfKilled()} processed register requests (${running ? 'while it ran executions' : 'timing not reached'}); ${EXECUTIONS - failed.length} batches answered complete, ${failed.length} failed or never answered (${failed.map(({ answer }) => answer.status).join(', ')}), sent again`,
		);
		const again = await Promise.all(
			failed.map(async ({ index }) => await sendBatch(main.url, batchOf(more, index))),
		);
		sandbox.rateLimitPerSecond = 0;
		const final = firstTry.answers.map(
			(answer, index) => again[failed.findIndex((entry) => entry.index === index)] ?? answer,
		);
		checkLoad(sandbox, enterpriseId, [...numbers, ...more], final, from);
		step('Binary data across processes: Generate LOA run by a worker, answered by the main');
		const loa = await fetch(`${main.url}/webhook/loa`, {
			method: 'POST',
			signal: AbortSignal.timeout(60_000),
		});
		const pdf = Buffer.from(await loa.arrayBuffer());
		check(
			'the LOA comes back as the PDF',
			loa.status === 200 && pdf.subarray(0, 5).toString() === '%PDF-',
			`${loa.status} ${pdf.subarray(0, 60).toString()}`,
		);
	} finally {
		await main.stop();
	}

	// The triggers, with the same workers: polls run on the main, webhooks are received by the
	// main and executed by a worker.
	main = undefined as never;
	for (const number of ['+19493253498', '+12134445566', '+13125550147'])
		sandbox.state.register(DEMO_ENTERPRISE_ID, number);
	// The load's 20,000 numbers leave first: over more than 10,000 a trigger's pass takes several
	// polls (its read budget), and a change made before the pass reaches its page would be part of
	// the baseline. What is checked here is queue mode, on the account's own numbers; passes over
	// large pools are checked through n8n-core (test/triggers/readBudget.test.ts).
	removePool(sandbox.state, enterpriseId);
	const before = workers.map((worker) => (worker.log().match(/started execution/gi) ?? []).length);
	await checkTriggers(n8n, userFolder, sandbox);
	const after = workers.map((worker) => (worker.log().match(/started execution/gi) ?? []).length);
	check(
		'the trigger executions ran on the workers',
		after.reduce((a, b) => a + b, 0) > before.reduce((a, b) => a + b, 0),
		`${before} → ${after}`,
	);

	for (const worker of workers) await worker.stop();

	// The environment-managed install (n8n 3's way in), on a database and a queue of its own:
	// in this run's, n8n's installer has installed the package already.
	Object.assign(process.env, postgres.createDatabase('n8n_env_managed'), {
		QUEUE_BULL_PREFIX: 'env-managed',
	});
	await checkEnvManagedInstallInQueueMode(n8n, work, tarball, sandbox);

	await sandbox.close();
	await redis.stop();
	await postgres.stop();
	finish();
	if (!process.env.TELNYX_E2E_KEEP) rmSync(work, { recursive: true, force: true });
}

void main();
