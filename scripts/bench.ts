// `npm run bench`: where the time goes, against the baselines a user would otherwise pick.
// Prints figures and exits 0; nothing here passes or fails on a wall-clock threshold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

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
		`\n## 1. Per-request overhead: ${REQUESTS} register calls of 100 numbers, one at a time`,
	);
	console.log(
		'| added latency | node ÷ fetch | SDK ÷ fetch | node ms/request | fetch ms/request | SDK ms/request |',
	);
	console.log('| --- | --- | --- | --- | --- | --- |');
	const fetchPerRequest: Record<number, number> = {};
	for (const latency of LATENCIES) {
		sandbox.latencyMs = 0;
		let setup = account(REQUESTS * 100);
		sandbox.latencyMs = latency;
		const fetchMs =
			(await timed(() => viaFetch(setup.enterpriseId, chunks(setup.numbers, 100)))) / REQUESTS;
		setup = account(REQUESTS * 100);
		sandbox.latencyMs = latency;
		const sdkMs =
			(await timed(() => viaSdk(setup.enterpriseId, chunks(setup.numbers, 100)))) / REQUESTS;
		setup = account(REQUESTS * 100);
		sandbox.latencyMs = latency;
		const nodeMs = (await timed(() => viaNode(setup.enterpriseId, setup.numbers, 1))) / REQUESTS;
		fetchPerRequest[latency] = fetchMs;
		console.log(
			`| ${latency} ms | ${ratio(nodeMs, fetchMs)} | ${ratio(sdkMs, fetchMs)} | ${fmt(nodeMs)} | ${fmt(fetchMs)} | ${fmt(sdkMs)} |`,
		);
	}

	console.log(
		`\n## 2. Batching: ${BATCH_NUMBERS.toLocaleString('en')} numbers arriving one per item`,
	);
	console.log(
		'| Phone Numbers from | added latency | node ÷ ideal | per-item ÷ node | before the first request | node | node requests | one request per item | ideal |',
	);
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const field of [false, true]) {
		for (const latency of LATENCIES) {
			let setup = account(BATCH_NUMBERS);
			sandbox.latencyMs = latency;
			const started = Date.now();
			const nodeMs = await timed(() =>
				viaNode(setup.enterpriseId, setup.numbers, CONCURRENCY, true, field),
			);
			const beforeFirstMs = (sandbox.requests[0]?.at ?? started) - started;
			const nodeRequests = sandbox.requests.length;
			setup = account(PER_ITEM_SAMPLE);
			sandbox.latencyMs = latency;
			const perItemMs =
				((await timed(() => viaFetch(setup.enterpriseId, chunks(setup.numbers, 1)))) *
					BATCH_NUMBERS) /
				PER_ITEM_SAMPLE;
			const idealMs = (Math.ceil(BATCH_NUMBERS / 100) * fetchPerRequest[latency]) / CONCURRENCY;
			console.log(
				`| ${field ? 'Input Field' : 'Expression'} | ${latency} ms | ${ratio(nodeMs, idealMs)} | ${ratio(perItemMs, nodeMs)} | ${fmt(beforeFirstMs)} ms | ${fmt(nodeMs)} ms | ${nodeRequests} | ${fmt(perItemMs)} ms (${BATCH_NUMBERS.toLocaleString('en')} requests; timed on ${PER_ITEM_SAMPLE}, scaled) | ${fmt(idealMs)} ms (${Math.ceil(BATCH_NUMBERS / 100)} requests × fetch ms/request ÷ ${CONCURRENCY}) |`,
			);
		}
	}

	console.log('\n## 2b. Memory: 10,000 and 100,000 items (Input Field), peak RSS above the start');
	for (const count of [10_000, 100_000]) {
		const setup = account(count);
		sandbox.latencyMs = 0;
		global.gc?.();
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
	await sandbox.close();

	console.log('\n## 3. Normalization (libphonenumber-js, the metadata the build ships)');
	const { normalizeNumber } = await import(
		join(root, 'dist/nodes/TelnyxReputation/helpers/phoneNumbers.js')
	);
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

void main();
