// The README's manual install: `npm install n8n-nodes-telnyx-reputation --omit=peer` in n8n's
// nodes folder (~/.n8n/nodes), which installs the package alone (not the peer n8n-workflow and
// its dependencies, a second copy beside n8n's own), then n8n loads it from there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { N8n } from '../../support/n8n/n8n';
import { importExample, n8nCli, WORKFLOW_ID } from '../../support/n8n/n8n';
import type { Sandbox } from '../../support/sandbox/server';
import { check, step } from './report';

export async function checkManualInstall(
	n8n: N8n,
	work: string,
	tarball: string,
	sandbox: Sandbox,
): Promise<void> {
	step("Manual install, as the README says: npm install --omit=peer in n8n's nodes folder");
	const userFolder = join(work, 'manual', 'user');
	const nodes = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodes, { recursive: true });
	// The published package is the packed tarball here; peers resolve against npm's registry.
	execFileSync('npm', ['install', tarball, '--omit=peer', '--no-audit', '--no-fund'], {
		cwd: nodes,
		stdio: 'ignore',
	});
	const modules = join(nodes, 'node_modules');
	check(
		'the package is installed alone: no n8n-workflow beside n8n’s own',
		existsSync(join(modules, 'n8n-nodes-telnyx-reputation', 'dist')) &&
			!existsSync(join(modules, 'n8n-workflow')),
	);
	const imported = await importExample(n8n, userFolder, sandbox);
	check(
		'n8n imports the credential and the example workflow',
		imported.credential.status === 0 && imported.workflow.status === 0,
		`${imported.credential.stderr}${imported.workflow.stderr}`,
	);
	const run = await n8nCli(n8n, userFolder, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']);
	check(
		'n8n loads the node from its nodes folder and runs the example workflow',
		run.status === 0 && run.stdout.includes('+19493253498'),
		`${run.stderr}\n${run.stdout}`.slice(0, 1500),
	);
}
