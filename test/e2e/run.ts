// `npm run test:e2e`: the packed package installed into a real, pinned n8n (on Node 24) the way
// users install community nodes, the example workflow imported and executed by n8n's CLI
// against the sandbox, and the result checked: the items n8n produced and the requests the
// sandbox received.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { seedDemo } from '../sandbox/seed';
import { importExample, installCommunityPackage, installN8n, n8nCli, packPackage, WORKFLOW_ID } from './n8n';

const checks: Array<[string, boolean, string?]> = [];
function check(name: string, ok: boolean, detail?: string) {
	checks.push([name, ok, detail]);
	console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `\n    ${detail}`}`);
}

function step(title: string) {
	console.log(`\n== ${title}`);
}

type Item = { json: Record<string, unknown> };

/** The Register node's items, from the JSON document n8n's --rawOutput prints after its logs. */
function outputItems(stdout: string): Item[] {
	try {
		const run = JSON.parse(stdout.slice(stdout.search(/^\{/m)));
		return run.data.resultData.runData['Register numbers'][0].data.main[0];
	} catch (error) {
		check('the output can be read', false, `${String(error)}\n${stdout.slice(0, 3000)}`);
		return [];
	}
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'telnyx-e2e-'));
	const userFolder = join(work, 'user');

	step('Pack and install');
	const n8n = installN8n();
	installCommunityPackage(userFolder, packPackage(work));
	console.log(`n8n ${(await n8nCli(n8n, userFolder, ['--version'])).stdout.trim()} on Node ${execFileSync(n8n.node24, ['--version'], { encoding: 'utf8' }).trim()}`);

	step('Sandbox, credential and workflow');
	const sandbox = await startSandbox();
	seedDemo(sandbox.state);
	const imported = await importExample(n8n, userFolder, sandbox);
	check('n8n imports the credential', imported.credential.status === 0, imported.credential.stderr);
	check('n8n imports the example workflow', imported.workflow.status === 0, imported.workflow.stderr);

	step('Execute');
	const run = await n8nCli(n8n, userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
	check('n8n executes the workflow', run.status === 0, `${run.stderr}\n${run.stdout}`.slice(0, 2000));
	const items = outputItems(run.stdout);
	const registered = items.filter((item) => typeof item.json.id === 'string').map((item) => item.json.phone_number);
	const invalid = items.filter((item) => item.json.error);
	check(
		'the node registers the three valid numbers',
		JSON.stringify(registered) === JSON.stringify(['+19493253498', '+12134445566', '+13125550147']),
		JSON.stringify(items),
	);
	check('the invalid number comes back with its reason', invalid.length === 1 && invalid[0].json.error === 'too short for United States', JSON.stringify(invalid));
	const posts = sandbox.requests.filter((request) => request.method === 'POST');
	check(
		'the sandbox received one authorized request with the numbers in E.164',
		posts.length === 1 &&
			posts[0].authorized &&
			JSON.stringify(posts[0].body) === JSON.stringify({ phone_numbers: ['+19493253498', '+12134445566', '+13125550147'] }),
		JSON.stringify(sandbox.requests),
	);

	step('Execute again: the API refuses numbers that are already registered');
	const again = await n8nCli(n8n, userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
	await sandbox.close();
	const refused = outputItems(again.stdout).filter((item) => (item.json.details as { status?: string })?.status === 'refused');
	check(
		"n8n shows the API's own error for each refused number",
		refused.length === 3 && refused.every((item) => String(item.json.error).includes('is already registered on this enterprise')),
		JSON.stringify(outputItems(again.stdout)),
	);
	const output = [run.stdout, run.stderr, again.stdout, again.stderr].join('\n');
	check('the API key is in no output or log', !output.includes(sandbox.state.apiKey));

	const failed = checks.filter(([, ok]) => !ok).length;
	console.log(`\ne2e: ${checks.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

void main();
