// A real n8n editor on localhost with this node installed, a credential pointing at the
// sandbox, the example workflows and the caller-ID loop's data tables: shared by `npm run dev`
// and `npm run screenshots`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { demoModel } from '../support/model/demo';
import { startScriptedModel } from '../support/model/server';
import {
	importCredentials,
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
import { createLoopTables, LOOP_TABLES, TABLES_EXAMPLE } from '../support/n8n/dataTables';
import { linksOf, smtpCredential, startSmtpSink } from '../support/n8n/smtpSink';
import { dialerCredential } from '../support/n8n/dialerSecret';
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
	tables: TABLES_EXAMPLE,
};

/** The MCP server example's bearer token in the dev environment. */
export const DEV_MCP_TOKEN = 'dev-mcp-token';

/** The examples that post to Slack, and the stand-in path each posts to in the dev environment. */
const POSTING = { alert: '/alert', ownership: '/ownership' } as const;

/** The credential of the mail stand-in, which the onboarding example's email goes through. */
const MAIL = { id: 'devMail', name: 'Mail stand-in' };

/**
 * An example as the dev environment loads it: Slack posts and the onboarding email go to
 * stand-ins, and the onboarding example checks Telnyx's review every minute, not every hour.
 */
function asLoaded(id: string, name: string, slackUrl: string) {
	const path = POSTING[id as keyof typeof POSTING];
	const workflow = path ? withCollector(name, `${slackUrl}${path}`) : readExample(name);
	if (id !== 'onboard') return workflow;
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.emailSend') node.credentials = { smtp: MAIL };
		if (node.name === 'Wait, then check again')
			Object.assign(node.parameters as object, { amount: 1, unit: 'minutes' });
	}
	return workflow;
}

/** A message the mail stand-in received, in a line: to whom, about what, and its links. */
function printMail(message: string) {
	const header = (name: string) => message.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1];
	// n8n's "Sent automatically with n8n" link says nothing here.
	const links = linksOf(message)
		.filter((link) => !link.startsWith('https://n8n.io'))
		.join(' ');
	console.log(`[Mail stand-in] to ${header('To')}: "${header('Subject')}"; links: ${links}`);
}

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
	// Telnyx's review of an Enable, played by the sandbox: approved two minutes later.
	sandbox.state.reviewDelayMs = 120_000;
	// An enterprise of 50,000 numbers for the pool questions ("how healthy is our pool?").
	seedPool(sandbox.state, 50_000);
	// The agent example's "OpenAI account" is a stand-in model on this machine (support/model/demo.ts).
	const model = await startScriptedModel();
	model.script(demoModel);
	// The examples' Slack posts go to a stand-in that prints them, so a trigger is seen firing.
	const slack = await startCollector((_path, body) =>
		console.log(`[Slack stand-in] ${(body as { text?: string }).text ?? JSON.stringify(body)}`),
	);
	const mail = await startSmtpSink(printMail);
	progress('Importing the credentials and the example workflows');
	await importExample(n8n, userFolder, sandbox);
	await importToolCredentials(n8n, userFolder, model.url, DEV_MCP_TOKEN);
	await importCredentials(n8n, userFolder, [
		smtpCredential(mail, MAIL.id, MAIL.name),
		dialerCredential,
	]);
	// The other examples too, inactive: publishing them is the user's call.
	for (const [id, name] of Object.entries(EXAMPLES))
		await importWorkflow(n8n, userFolder, asLoaded(id, name, slack.url), id);
	progress('Starting n8n');
	const server = await startN8n(n8n, userFolder, port);
	// Before anyone opens a loop example: its Data table nodes look their tables up by name.
	progress(`Creating the data tables ${Object.keys(LOOP_TABLES).join(', ')}`);
	await createLoopTables(server).catch(async (error: unknown) => {
		await server.stop();
		throw error;
	});

	return {
		url: server.url,
		workflowUrl: `${server.url}/workflow/${WORKFLOW_ID}`,
		sandbox,
		stop: async () => {
			await server.stop();
			await sandbox.close();
			await model.close();
			await slack.close();
			await mail.close();
			rmSync(work, { recursive: true, force: true });
		},
	};
}
