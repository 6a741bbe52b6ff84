// A real n8n editor on localhost with this node installed, a credential pointing at the
// sandbox and the example workflow loaded: shared by `npm run dev` and `npm run screenshots`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { demoModel } from '../support/model/demo';
import { startScriptedModel } from '../support/model/server';
import {
	importExample,
	importToolCredentials,
	importWorkflow,
	readExample,
	installN8n,
	installThroughN8n,
	OWNER,
	packPackage,
	startN8n,
	WORKFLOW_ID,
} from '../support/n8n/n8n';
import { startCollector, withCollector } from '../support/n8n/collector';
import { freePort, portFor } from '../support/n8n/ports';
import { startRegistry } from '../support/n8n/registry';
import type { Sandbox } from '../support/sandbox/server';
import { startSandbox } from '../support/sandbox/server';
import { seedPool } from '../support/sandbox/pool';
import { seedDemo } from '../support/sandbox/seed';

export { OWNER };

/** The examples besides Register, by the workflow id the dev environment gives them. */
export const EXAMPLES = {
	alert: 'alert-high-risk',
	remediate: 'remediate-flagged',
	onboard: 'onboard-enterprise',
	ownership: 'ownership-events-to-slack',
	agent: 'ask-about-a-caller-id',
	mcp: 'caller-id-mcp-server',
	pool: 'pool-health',
	callerIdPool: 'caller-id-pool',
	whichCallerId: 'which-caller-id',
	callerIdHistory: 'caller-id-history',
	weeklyReport: 'caller-id-weekly-report',
};

/** The MCP server example's bearer token in the dev environment. */
export const DEV_MCP_TOKEN = 'dev-mcp-token';

/** The examples that post to Slack, and the stand-in path each posts to in the dev environment. */
const POSTING = { alert: '/alert', ownership: '/ownership' } as const;

export interface DevEnvironment {
	url: string;
	workflowUrl: string;
	sandbox: Sandbox;
	stop(): Promise<void>;
}

/** A long step of the start, said before it runs. */
const progress = (text: string) => console.log(`… ${text}`);

/**
 * Ports: n8n on N8N_PORT (5678), the sandbox on SANDBOX_PORT (4010); a default that is taken
 * is replaced by a free port. The throwaway user folder is removed on stop.
 */
export async function startDevEnvironment(): Promise<DevEnvironment> {
	const port = await portFor('N8N_PORT', 5678);
	const sandboxPort = await portFor('SANDBOX_PORT', 4010);
	const work = mkdtempSync(join(tmpdir(), 'telnyx-dev-'));
	const userFolder = join(work, 'user');
	// install.sh says so itself when it installs (the first run only); a reused install is silent.
	const n8n = installN8n();
	progress('Building and packing this package');
	const registry = await startRegistry(packPackage(work));
	progress("Installing it with n8n's community-package installer (about a minute)");
	await installThroughN8n(n8n, userFolder, await freePort(), registry.url, registry.name);
	await registry.close();
	const sandbox = await startSandbox({ port: sandboxPort });
	seedDemo(sandbox.state);
	// An enterprise of 50,000 numbers for the pool questions ("how healthy is our pool?").
	seedPool(sandbox.state, 50_000);
	// The agent example's "OpenAI account" is a stand-in model on this machine (support/model/demo.ts).
	const model = await startScriptedModel();
	model.script(demoModel);
	// The examples' Slack posts go to a stand-in that prints them, so a trigger is seen firing.
	const slack = await startCollector((_path, body) =>
		console.log(`[Slack stand-in] ${(body as { text?: string }).text ?? JSON.stringify(body)}`),
	);
	progress('Importing the credentials and the example workflows');
	await importExample(n8n, userFolder, sandbox);
	await importToolCredentials(n8n, userFolder, model.url, DEV_MCP_TOKEN);
	// The other examples too, inactive: publishing them is the user's call.
	for (const [id, name] of Object.entries(EXAMPLES)) {
		const path = POSTING[id as keyof typeof POSTING];
		const workflow = path ? withCollector(name, `${slack.url}${path}`) : readExample(name);
		await importWorkflow(n8n, userFolder, workflow, id);
	}
	progress('Starting n8n');
	const server = await startN8n(n8n, userFolder, port);

	return {
		url: server.url,
		workflowUrl: `${server.url}/workflow/${WORKFLOW_ID}`,
		sandbox,
		stop: async () => {
			await server.stop();
			await sandbox.close();
			await model.close();
			await slack.close();
			rmSync(work, { recursive: true, force: true });
		},
	};
}
