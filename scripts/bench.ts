// `npm run bench`: where the time goes, against the baselines a user would otherwise pick.
// Prints figures and exits 0; nothing here passes or fails on a wall-clock threshold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { poolQuestions } from './benchPool';
import { collectGarbage } from './gc';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-telnyx-bench-'));
process.env.N8N_LOG_OUTPUT = 'file';
process.env.N8N_LOG_FILE_LOCATION = join(process.env.N8N_USER_FOLDER, 'n8n.log');

const root = join(__dirname, '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const BATCH_NUMBERS = 10_000;
const PER_ITEM_SAMPLE = 500;
const LATENCIES = [0, 50];
const CONCURRENCY = 3;

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

/** Runs of the per-request and batching rows: each figure is their median, so one disturbed run on a shared machine does not decide a ratio. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 5);

/** The median of SAMPLES runs of `measure`, each after its own `setUp`. */
async function sampled<T>(setUp: () => T, measure: (setup: T) => Promise<number>): Promise<number> {
	const values: number[] = [];
	for (let run = 0; run < SAMPLES; run++) values.push(await measure(setUp()));
	return median(values);
}

async function main() {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const { startSandbox } = await import('../support/sandbox/server');
	const { usNumbers } = await import('../support/sandbox/state');
	const { runNode } = await import('../support/engine/runNode');
	const { registerParameters } = await import('../test/phoneNumber/params');
	const TelnyxModule = await import('telnyx');
	const Telnyx = (TelnyxModule as unknown as { default: typeof TelnyxModule.default }).default;

	const sandbox = await startSandbox();
	const credential = { apiKey: sandbox.state.apiKey, baseUrl: sandbox.url };
	/** A fresh account that owns `count` numbers, on an approved enterprise. */
	const account = (count: number) => {
		sandbox.reset();
		const numbers = usNumbers(count);
		sandbox.state.addInventory(numbers);
		return { enterpriseId: sandbox.state.addEnterprise('Bench').id, numbers };
	};
	/** `account(count)`, then every answer `latency` ms late. */
	const accountAt = (count: number, latency: number) => {
		const setup = account(count);
		sandbox.latencyMs = latency;
		return setup;
	};
	const chunks = (numbers: string[], size: number) =>
		Array.from({ length: Math.ceil(numbers.length / size) }, (_, i) =>
			numbers.slice(i * size, (i + 1) * size),
		);

	const viaFetch = async (enterpriseId: string, batches: string[][]) => {
		for (const phone_numbers of batches) {
			const response = await fetch(
				`${sandbox.url}/enterprises/${enterpriseId}/reputation/numbers`,
				{
					method: 'POST',
					headers: {
						Authorization: `Bearer ${sandbox.state.apiKey}`,
						'Content-Type': 'application/json',
					},
					body: JSON.stringify({ phone_numbers }),
				},
			);
			await response.json();
		}
	};
	/** The same requests as `viaFetch`, `lanes` at a time: a client as concurrent as the node, against the same server. */
	const viaFetchInLanes = async (enterpriseId: string, batches: string[][], lanes: number) => {
		let next = 0;
		await Promise.all(
			Array.from({ length: lanes }, async () => {
				while (next < batches.length) await viaFetch(enterpriseId, [batches[next++]]);
			}),
		);
	};
	const sdk = new Telnyx({ apiKey: sandbox.state.apiKey, baseURL: sandbox.url, maxRetries: 0 });
	const viaSdk = async (enterpriseId: string, batches: string[][]) => {
		for (const phone_numbers of batches)
			await sdk.enterprises.reputation.numbers.associate(enterpriseId, { phone_numbers });
	};
	/** `field`: Phone Numbers From Input Field (read straight from each item), else the expression. */
	const viaNode = async (
		enterpriseId: string,
		numbers: string[],
		concurrency: number,
		onePerItem = false,
		field = false,
	) => {
		const parameters = registerParameters(enterpriseId, '={{ $json.phone }}', { concurrency });
		if (field) Object.assign(parameters, { numbersFrom: 'field', numbersField: 'phone' });
		const result = await runNode({
			credential,
			items: onePerItem ? numbers.map((phone) => ({ phone })) : [{ phone: numbers.join(',') }],
			parameters,
		});
		if (result.error) throw new Error(result.error.message);
	};

	// Warm-up: JIT, sockets, n8n-core's first execution.
	for (const run of [
		async () => viaFetch(account(100).enterpriseId, [usNumbers(100)]),
		async () => viaSdk(account(100).enterpriseId, [usNumbers(100)]),
		async () => {
			const { enterpriseId, numbers } = account(100);
			await viaNode(enterpriseId, numbers, 1);
		},
	])
		await run();

	console.log(`# n8n-nodes-telnyx-reputation benchmark`);
	console.log(
		`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; sandbox on 127.0.0.1`,
	);

	console.log(
		`\n## 1. Per-request overhead: ${REQUESTS} register calls of 100 numbers, one at a time (median of ${SAMPLES} runs)`,
	);
	console.log(
		'| added latency | node ÷ fetch | SDK ÷ fetch | node ms/request | fetch ms/request | SDK ms/request |',
	);
	console.log('| --- | --- | --- | --- | --- | --- |');
	const fetchPerRequest: Record<number, number> = {};
	for (const latency of LATENCIES) {
		const fresh = () => accountAt(REQUESTS * 100, latency);
		const perRequest = (send: (setup: ReturnType<typeof account>) => Promise<unknown>) =>
			sampled(fresh, async (setup) => (await timed(() => send(setup))) / REQUESTS);
		const fetchMs = await perRequest((setup) =>
			viaFetch(setup.enterpriseId, chunks(setup.numbers, 100)),
		);
		const sdkMs = await perRequest((setup) =>
			viaSdk(setup.enterpriseId, chunks(setup.numbers, 100)),
		);
		const nodeMs = await perRequest((setup) => viaNode(setup.enterpriseId, setup.numbers, 1));
		fetchPerRequest[latency] = fetchMs;
		console.log(
			`| ${latency} ms | ${ratio(nodeMs, fetchMs)} | ${ratio(sdkMs, fetchMs)} | ${fmt(nodeMs)} | ${fmt(fetchMs)} | ${fmt(sdkMs)} |`,
		);
	}

	// Warm-up of the per-item path, so that the first row of the table is not the JIT's.
	for (const field of [false, true]) {
		const setup = account(BATCH_NUMBERS);
		await viaNode(setup.enterpriseId, setup.numbers, CONCURRENCY, true, field);
	}
	console.log(
		`\n## 2. Batching: ${BATCH_NUMBERS.toLocaleString('en')} numbers arriving one per item (node and fetch in lanes: median of ${SAMPLES} runs)`,
	);
	console.log(
		'| Phone Numbers from | added latency | node ÷ ideal | node ÷ fetch in lanes | per-item ÷ node | before the first request | node | node requests | one request per item | ideal | fetch in lanes |',
	);
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const field of [false, true]) {
		for (const latency of LATENCIES) {
			const beforeFirst: number[] = [];
			let nodeRequests = 0;
			const nodeMs = await sampled(
				() => accountAt(BATCH_NUMBERS, latency),
				async (setup) => {
					const started = Date.now();
					const ms = await timed(() =>
						viaNode(setup.enterpriseId, setup.numbers, CONCURRENCY, true, field),
					);
					beforeFirst.push((sandbox.requests[0]?.at ?? started) - started);
					nodeRequests = sandbox.requests.length;
					return ms;
				},
			);
			const beforeFirstMs = median(beforeFirst);
			// The sandbox answers in this thread: requests in flight at once wait for each other's
			// answers to be made, which fetch one at a time never does.
			const inLanesMs = await sampled(
				() => accountAt(BATCH_NUMBERS, latency),
				(setup) =>
					timed(() => viaFetchInLanes(setup.enterpriseId, chunks(setup.numbers, 100), CONCURRENCY)),
			);
			const setup = accountAt(PER_ITEM_SAMPLE, latency);
			const perItemMs =
				((await timed(() => viaFetch(setup.enterpriseId, chunks(setup.numbers, 1)))) *
					BATCH_NUMBERS) /
				PER_ITEM_SAMPLE;
			const idealMs = (Math.ceil(BATCH_NUMBERS / 100) * fetchPerRequest[latency]) / CONCURRENCY;
			console.log(
				`| ${field ? 'Input Field' : 'Expression'} | ${latency} ms | ${ratio(nodeMs, idealMs)} | ${ratio(nodeMs, inLanesMs)} | ${ratio(perItemMs, nodeMs)} | ${fmt(beforeFirstMs)} ms | ${fmt(nodeMs)} ms | ${nodeRequests} | ${fmt(perItemMs)} ms (${BATCH_NUMBERS.toLocaleString('en')} requests; timed on ${PER_ITEM_SAMPLE}, scaled) | ${fmt(idealMs)} ms (${Math.ceil(BATCH_NUMBERS / 100)} requests × fetch ms/request ÷ ${CONCURRENCY}) | ${fmt(inLanesMs)} ms (the same ${Math.ceil(BATCH_NUMBERS / 100)} requests, ${CONCURRENCY} at a time) |`,
			);
		}
	}

	console.log('\n## 2b. Memory: 10,000 and 100,000 items (Input Field), peak RSS above the start');
	for (const count of [10_000, 100_000]) {
		const setup = account(count);
		sandbox.latencyMs = 0;
		collectGarbage();
		const before = process.memoryUsage().rss;
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
		const ms = await timed(() =>
			viaNode(setup.enterpriseId, setup.numbers, CONCURRENCY, true, true),
		);
		clearInterval(sampler);
		console.log(
			`${count.toLocaleString('en')} items: ${fmt(ms)} ms, peak RSS +${((peak - before) / 2 ** 20).toFixed(0)} MiB (${((((peak - before) / count) * 1000) / 2 ** 10).toFixed(1)} KiB per 1,000 items)`,
		);
	}
	await bigEnterprise(sandbox, credential, runNode);
	await poolQuestions(sandbox, credential, runNode);
	await sandbox.close();

	console.log('\n## 3. Normalization (libphonenumber-js, the metadata the build ships)');
	const { normalizeNumber } = await import(join(root, 'dist/nodes/shared/phoneNumbers.js'));
	const formats = [
		(d: string) => `+1${d}`,
		(d: string) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
		(d: string) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
		(d: string) => `1${d}`,
		(d: string) => d.slice(0, 7),
	];
	const inputs = usNumbers(100_000).map((number, index) =>
		formats[index % formats.length](number.slice(2)),
	);
	const normalizeMs = await timed(async () => {
		for (const input of inputs) normalizeNumber(input, 'US');
	});
	console.log(
		`${inputs.length.toLocaleString('en')} numbers (5 formats, 1 in 5 too short): ${fmt(normalizeMs)} ms, ${Math.round(inputs.length / (normalizeMs / 1000)).toLocaleString('en')} numbers/s`,
	);

	console.log('\n## 4. Footprint');
	// In each fresh process: n8n-workflow first (n8n has it loaded already), then the node and credential.
	const script = `const a=process.hrtime.bigint();require('n8n-workflow');const b=process.hrtime.bigint();require('./dist/nodes/TelnyxReputation/TelnyxReputation.node.js');require('./dist/credentials/TelnyxReputationApi.credentials.js');const c=process.hrtime.bigint();console.log(Number(b-a)/1e6, Number(c-b)/1e6)`;
	const samples = Array.from({ length: 7 }, () =>
		execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })
			.trim()
			.split(' ')
			.map(Number),
	);
	const base = median(samples.map(([workflow]) => workflow));
	const own = median(samples.map(([, node]) => node));
	console.log(
		`cold require, median of 7 fresh processes: node + credential ${fmt(own)} ms, after n8n-workflow (${fmt(base)} ms); ${ratio(own, base)} of n8n-workflow's own load time`,
	);
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }),
	);
	console.log(
		`package: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked`,
	);
	const { bundlePhoneNumbers } = await import(join(root, 'gulpfile.js'));
	const sizes: string[] = [];
	for (const metadata of ['min', 'mobile', 'max']) {
		const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'phoneNumbers.js');
		await bundlePhoneNumbers(metadata, out);
		sizes.push(`${metadata} ${(statSync(out).size / 1024).toFixed(1)} KiB`);
	}
	console.log(
		`phone module with libphonenumber-js bundled, per metadata set: ${sizes.join(', ')} (the build ships min)`,
	);
}

/**
 * Section 5: the biggest customers. Each figure against what the requests it needs would take
 * read directly with fetch at the same latency (100 ms a request), in this run.
 */
async function bigEnterprise(
	sandbox: import('../support/sandbox/server').Sandbox,
	credential: { apiKey: string; baseUrl: string },
	runNode: typeof import('../support/engine/runNode').runNode,
) {
	const { usNumbers } = await import('../support/sandbox/state');
	const { PollingTrigger } = await import('../support/engine/triggers');
	const { registerParameters } = await import('../test/phoneNumber/params');
	const LATENCY = 100;
	const monitoring = (count: number) => {
		sandbox.reset();
		const enterpriseId = sandbox.state.enterpriseMonitoring(usNumbers(count));
		for (const number of usNumbers(count))
			sandbox.state.setReputation(number, { spam_risk: 'low' });
		sandbox.latencyMs = LATENCY;
		return enterpriseId;
	};
	sandbox.latencyMs = LATENCY;
	const readMs =
		(await timed(async () => {
			for (let read = 0; read < 10; read++)
				await (
					await fetch(`${sandbox.url}/reputation/numbers?page[size]=250`, {
						headers: { Authorization: `Bearer ${sandbox.state.apiKey}` },
					})
				).json();
		})) / 10;

	console.log(
		`\n## 5. Big enterprises, every request ${LATENCY} ms (a fetch read: ${fmt(readMs)} ms)`,
	);
	console.log('| run | requests | target | time | ÷ ideal | ideal |');
	console.log('| --- | --- | --- | --- | --- | --- |');
	for (const [fresh, monitored] of [
		[1, 50_000],
		[2_000, 50_000],
	]) {
		const enterpriseId = monitoring(monitored);
		const numbers = usNumbers(fresh, monitored);
		sandbox.state.addInventory(numbers);
		const ms = await timed(async () => {
			const result = await runNode({
				credential,
				items: numbers.map((phone) => ({ phone })),
				parameters: registerParameters(enterpriseId, '={{ $json.phone }}', {
					skipMonitored: true,
				}),
			});
			if (result.error) throw new Error(result.error.message);
		});
		const requests = sandbox.requests.length;
		const target =
			Math.min(monitored / 250, fresh) + Math.ceil(fresh / 100) + (fresh === 1 ? 1 : 0);
		// Ideal: one at a time for a single number; else the requests needed, 3 at a time.
		const ideal = fresh === 1 ? requests * readMs : (target * readMs) / 3;
		console.log(
			`| Register ${fresh.toLocaleString('en')} new into ${monitored.toLocaleString('en')} | ${requests} | ≤ ${fresh === 1 ? 3 : target} | ${fmt(ms)} ms | ${ratio(ms, ideal)} | ${fmt(ideal)} ms (${fresh === 1 ? `${requests} one after another` : `${target} requests 3 at a time`}) |`,
		);
	}

	const enterpriseId = monitoring(100_000);
	const byId = { __rl: true, mode: 'id', value: enterpriseId };
	const poll = new PollingTrigger(credential, { event: 'spamRiskChanged', enterpriseId: byId });
	// The read budget spreads a pass over several polls: their times added up.
	let pollMs = 0;
	let polls = 0;
	do {
		pollMs += await timed(async () => await poll.poll());
		polls++;
	} while ((poll.staticData.state as { next?: number }).next !== undefined && polls < 20);
	console.log(
		`| a pass over 100,000 numbers (no poll budget), ${polls} polls | ${sandbox.requests.length} | ≤ 15 s | ${fmt(pollMs)} ms | ${ratio(pollMs, 400 * readMs)} | ${fmt(400 * readMs)} ms (400 pages one after another) |`,
	);

	const budgeted = new PollingTrigger(credential, { event: 'spamRiskChanged', enterpriseId: byId });
	const budgetMs = 5_000;
	const durations: number[] = [];
	const pass = () => (budgeted.staticData.state as { next?: number } | undefined)?.next;
	do durations.push(await timed(async () => await budgeted.poll('trigger', budgetMs)));
	while (pass() !== undefined);
	const baselinePolls = durations.length;
	const changed = usNumbers(1, 99_999)[0];
	sandbox.state.setReputation(changed, { spam_risk: 'high' });
	let reportedAt = 0;
	let reports = 0;
	for (let count = 1; count <= 12; count++) {
		const started = performance.now();
		const result = await budgeted.poll('trigger', budgetMs);
		durations.push(performance.now() - started);
		const items = result?.[0] ?? [];
		reports += items.filter((item) => item.json.phone_number === changed).length;
		if (items.length && !reportedAt) reportedAt = count;
	}
	console.log(
		`| polls with a ${budgetMs / 1000} s budget (100,000 numbers) | baseline in ${baselinePolls} polls | each ≤ 6 s; the change once within 12 | slowest ${fmt(Math.max(...durations))} ms | — | the change on the last page, reported ${reports} time(s), at poll ${reportedAt} of 12 |`,
	);
	sandbox.latencyMs = 0;
}

void main();
