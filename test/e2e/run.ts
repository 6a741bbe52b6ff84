// `npm run test:e2e [v2|v1]`: the packed package installed into a real, pinned n8n (2.x on
// Node 24, or the newest 1.x on Node 22) by n8n's own community-package installer, the example
// workflow imported and executed by n8n's CLI against the sandbox, and the result checked: the
// items n8n routed to each output and the requests the sandbox received.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../../support/sandbox/server';
import { seedDemo } from '../../support/sandbox/seed';
import type { N8nLine } from '../../support/n8n/n8n';
import {
	importExample,
	installN8n,
	installThroughN8n,
	n8nCli,
	packPackage,
	WORKFLOW_ID,
} from '../../support/n8n/n8n';
import { freePort } from '../../support/n8n/ports';
import { CHROMIUM, requirePrerequisites } from '../../support/prerequisites';
import { startRegistry } from '../../support/n8n/registry';
import { check, finish, step } from './report';
import { checkManualInstall } from './manualInstall';
import { checkOnboarding } from './onboarding';
import { checkLoop } from './loop';
import { checkDurableScheduler } from './scheduler';
import { checkTools } from './tools';
import { checkTriggers } from './triggers';

type Item = { json: Record<string, unknown> };

/**
 * The Register node's success and error outputs, from the JSON document n8n's --rawOutput prints
 * among its logs: n8n may log before it and after it (a CI run saw a line after it), so the
 * document is read from its opening line to its closing one, both unindented.
 */
function outputs(stdout: string): { registered: Item[]; failed: Item[] } {
	try {
		const run = JSON.parse(stdout.match(/^\{$[\s\S]*?^\}$/m)?.[0] ?? '');
		const [registered = [], failed = []] =
			run.data.resultData.runData['Register numbers'][0].data.main;
		return { registered, failed };
	} catch (error) {
		check('the output can be read', false, `${String(error)}\n${stdout.slice(-3000)}`);
		return { registered: [], failed: [] };
	}
}

async function main() {
	// The weekly report's email is rendered in Chromium (loopReport.ts), after minutes of setup.
	requirePrerequisites('npm run test:e2e', [CHROMIUM]);
	// n8n's default task broker port, held as a running `npm run dev` or another n8n holds it:
	// every n8n process here must run on ports of its own.
	const held = createServer()
		.listen(5679, '127.0.0.1')
		.on('error', () => {});
	const work = mkdtempSync(join(tmpdir(), 'telnyx-e2e-'));
	const userFolder = join(work, 'user');

	const line = (process.argv[2] ?? 'v2') as N8nLine;
	step(
		`Install n8n (${line}), pack the package, install it with n8n's community-package installer`,
	);
	const n8n = installN8n(line);
	console.log(
		`n8n ${(await n8nCli(n8n, userFolder, ['--version'])).stdout.trim()} on Node ${execFileSync(n8n.node, ['--version'], { encoding: 'utf8' }).trim()}`,
	);
	const tarball = packPackage(work);
	const registry = await startRegistry(tarball);
	let installed;
	try {
		installed = await installThroughN8n(
			n8n,
			userFolder,
			await freePort(),
			registry.url,
			registry.name,
		);
	} catch (error) {
		check("n8n's installer installs the package", false, String(error));
	}
	await registry.close();
	check(
		'n8n lists the package as installed, with its node',
		installed?.installedVersion === registry.version &&
			installed.installedNodes.some(
				(node) => node.type === 'n8n-nodes-telnyx-reputation.telnyxReputation',
			),
		JSON.stringify(installed),
	);
	check(
		'n8n fetched the package from the registry',
		registry.requests.some((path) => path.endsWith('.tgz')),
		JSON.stringify(registry.requests),
	);

	step('Sandbox, credential and workflow');
	const sandbox = await startSandbox();
	seedDemo(sandbox.state);
	const imported = await importExample(n8n, userFolder, sandbox);
	check('n8n imports the credential', imported.credential.status === 0, imported.credential.stderr);
	check(
		'n8n imports the example workflow',
		imported.workflow.status === 0,
		imported.workflow.stderr,
	);

	step('Execute');
	const run = await n8nCli(n8n, userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
	// Its exit status and the end of what it printed: an error after the run's document is there.
	check(
		'n8n executes the workflow',
		run.status === 0,
		`exit status ${run.status}${run.signal ? ` (${run.signal})` : ''}\n${run.stderr.slice(-1500)}\n…${run.stdout.slice(-1500)}`,
	);
	const first = outputs(run.stdout);
	check(
		'the success output holds the three registered numbers',
		JSON.stringify(first.registered.map((item) => item.json.phone_number)) ===
			JSON.stringify(['+19493253498', '+12134445566', '+13125550147']),
		JSON.stringify(first),
	);
	check(
		'the error output holds the invalid value with its reason',
		first.failed.length === 1 && first.failed[0].json.error === 'too short for United States',
		JSON.stringify(first.failed),
	);
	const posts = sandbox.requests.filter((request) => request.method === 'POST');
	check(
		'the sandbox received one authorized request with the numbers in E.164',
		posts.length === 1 &&
			posts[0].authorized &&
			JSON.stringify(posts[0].body) ===
				JSON.stringify({ phone_numbers: ['+19493253498', '+12134445566', '+13125550147'] }),
		JSON.stringify(sandbox.requests),
	);

	step('Execute again, as a nightly run would: the same items, and nothing billable sent');
	const postsBefore = sandbox.requests.filter((request) => request.method === 'POST').length;
	const again = await n8nCli(n8n, userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
	const second = outputs(again.stdout);
	check(
		'the success output holds the same three numbers, each marked already monitored',
		JSON.stringify(
			second.registered.map((item) => [item.json.phone_number, item.json.already_monitored]),
		) === JSON.stringify(first.registered.map((item) => [item.json.phone_number, true])),
		JSON.stringify(second),
	);
	check(
		'the error output holds the invalid value again',
		JSON.stringify(second.failed.map((item) => item.json.error)) ===
			JSON.stringify(['too short for United States']),
		JSON.stringify(second.failed),
	);
	check(
		'no billable request was sent (only the free list read)',
		sandbox.requests.filter((request) => request.method === 'POST').length === postsBefore,
		JSON.stringify(sandbox.requests.slice(-3)),
	);
	const output = [run.stdout, run.stderr, again.stdout, again.stderr].join('\n');
	check('the API key is in no output or log', !output.includes(sandbox.state.apiKey));

	// TELNYX_E2E_ONLY=loop,tools runs only those parts after the install (while working on one).
	const only = process.env.TELNYX_E2E_ONLY?.split(',');
	const wanted = (part: string) => !only || only.includes(part);
	if (wanted('manualInstall')) await checkManualInstall(n8n, work, tarball, sandbox);
	if (wanted('onboarding')) await checkOnboarding(n8n, userFolder, sandbox);
	if (wanted('triggers')) await checkTriggers(n8n, userFolder, sandbox);
	if (wanted('tools')) await checkTools(n8n, line, userFolder, sandbox);
	if (wanted('loop')) await checkLoop(n8n, line, userFolder, sandbox);
	if (line === 'v2' && wanted('scheduler')) await checkDurableScheduler(n8n, userFolder, sandbox);
	await sandbox.close();
	finish();
	if (!process.env.TELNYX_E2E_KEEP) rmSync(work, { recursive: true, force: true });
	held.close();
}

void main();
