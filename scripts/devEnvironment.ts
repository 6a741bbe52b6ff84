// A real n8n editor on localhost with this node installed, a credential pointing at the
// sandbox and the example workflow loaded: shared by `npm run dev` and `npm run screenshots`.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { importExample, installCommunityPackage, installN8n, n8nEnv, packPackage, WORKFLOW_ID } from '../test/e2e/n8n';
import type { Sandbox } from '../test/sandbox/server';
import { startSandbox } from '../test/sandbox/server';
import { seedDemo } from '../test/sandbox/seed';

export const OWNER = { email: 'demo@example.com', password: 'Demo-password-1', firstName: 'Demo', lastName: 'User' };

export interface DevEnvironment {
	url: string;
	workflowUrl: string;
	sandbox: Sandbox;
	stop(): Promise<void>;
}

async function waitForHealth(url: string, n8n: ChildProcess): Promise<void> {
	for (let attempt = 0; attempt < 240; attempt++) {
		if (n8n.exitCode !== null) throw new Error(`n8n exited with code ${n8n.exitCode}`);
		try {
			if ((await fetch(`${url}/healthz/readiness`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('n8n did not become ready in 2 minutes');
}

export async function startDevEnvironment(port = Number(process.env.N8N_PORT ?? 5678)): Promise<DevEnvironment> {
	const work = mkdtempSync(join(tmpdir(), 'telnyx-dev-'));
	const userFolder = join(work, 'user');
	const n8n = installN8n();
	installCommunityPackage(userFolder, packPackage(work));
	const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4010) });
	seedDemo(sandbox.state);
	await importExample(n8n, userFolder, sandbox);

	const server = spawn(n8n.node24, [n8n.bin, 'start'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: n8nEnv(userFolder, { N8N_PORT: String(port), N8N_HOST: 'localhost', N8N_SECURE_COOKIE: 'false' }),
	});
	const url = `http://localhost:${port}`;
	await waitForHealth(url, server);
	const owner = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!owner.ok) throw new Error(`owner set-up failed: ${owner.status} ${await owner.text()}`);

	return {
		url,
		workflowUrl: `${url}/workflow/${WORKFLOW_ID}`,
		sandbox,
		stop: async () => {
			server.kill('SIGTERM');
			await new Promise((resolve) => server.once('exit', resolve));
			await sandbox.close();
		},
	};
}
