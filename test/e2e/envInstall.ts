// n8n's environment-managed install (2.21+; n8n 3 keeps it and turns unverified packages off by
// default): N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true and N8N_COMMUNITY_PACKAGES naming this
// package. Read from n8n 2.41's source: the list takes npm package names with a semver version or
// a dist-tag only (no file path or tarball URL), and the download comes from npm's registry or from
// N8N_COMMUNITY_PACKAGES_REGISTRY, which n8n allows only under an enterprise license, checked
// before any REST call could turn it on. So the download is the installer's (run.ts installs
// through it from a registry on 127.0.0.1); this checks what n8n does at start with the declared
// package installed: kept and loaded, refused without a checksum when unverified packages are off.
//
// In queue mode (`npm run test:queue`, checkEnvManagedInstallInQueueMode) the download itself is
// measured too, from npm's registry as n8n reaches it, stood in for on 127.0.0.1
// (support/n8n/npmStandIn.ts): the main installs what the list names, a worker running then
// installs it when the main announces it, and runs the editor's manual execution with it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8n, RunningN8n, Worker } from '../../support/n8n/n8n';
import { importExample, startN8n, startWorker, WORKFLOW_ID } from '../../support/n8n/n8n';
import { startNpmStandIn } from '../../support/n8n/npmStandIn';
import { freePort } from '../../support/n8n/ports';
import type { Sandbox } from '../../support/sandbox/server';
import { executeWorkflow } from './executeWorkflow';
import { check, step } from './report';
import { eventually } from './wait';

const NODE = 'n8n-nodes-telnyx-reputation.telnyxReputation';

/** Whether the running n8n has this package's action node loaded (what the editor asks for). */
async function nodeLoaded(n8n: RunningN8n): Promise<string> {
	const response = await fetch(`${n8n.url}/rest/node-types`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Cookie: n8n.cookie },
		body: JSON.stringify({ nodeInfos: [{ name: NODE, version: 1 }] }),
	});
	const text = await response.text();
	const loaded = response.ok && text.includes('"displayName":"Telnyx Number Reputation"');
	return loaded ? '' : `${response.status} ${text.slice(0, 300)}`;
}

/** Starts n8n with `env`; answers what went wrong ('' when it started and loaded the node). */
async function startWith(n8nInstall: N8n, userFolder: string, env: Record<string, string>) {
	const port = await freePort();
	let n8n: RunningN8n | undefined;
	try {
		n8n = await startN8n(n8nInstall, userFolder, port, env);
		return { problem: await nodeLoaded(n8n), log: n8n.log() };
	} catch (error) {
		const log = readFileSync(join(userFolder, '..', `n8n-${port}.log`), 'utf8');
		return { problem: String(error), log };
	} finally {
		await n8n?.stop();
	}
}

export async function checkEnvManagedInstall(
	n8nInstall: N8n,
	userFolder: string,
	tarball: string,
	version: string,
): Promise<void> {
	step("n8n's environment-managed install (N8N_COMMUNITY_PACKAGES, n8n 2.21+ and 3)");
	// A copy of the user folder the installer filled: a package left out of the list is removed.
	const copy = join(userFolder, '..', 'env-managed', 'user');
	cpSync(userFolder, copy, { recursive: true });
	const declared = (extra: object = {}) => ({
		N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
		N8N_COMMUNITY_PACKAGES: JSON.stringify([
			{ name: 'n8n-nodes-telnyx-reputation', version, ...extra },
		]),
	});
	const kept = await startWith(n8nInstall, copy, declared());
	check(
		'declared with its version, the installed package is kept at start and its nodes load',
		kept.problem === '' && kept.log.includes('reconciling installed community packages'),
		`${kept.problem}\n${kept.log.slice(-2000)}`,
	);
	const refused = await startWith(n8nInstall, copy, {
		...declared(),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	});
	check(
		"with unverified packages off (n8n 3's default) and no checksum, n8n refuses to start and says why",
		refused.problem !== '' && refused.log.includes('no checksum available'),
		`${refused.problem}\n${refused.log.slice(-2000)}`,
	);
	// The checksum n8n compares with the registry's dist.integrity when it downloads.
	const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
	const pinned = await startWith(n8nInstall, copy, {
		...declared({ checksum: integrity }),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	});
	check(
		'with unverified packages off, the version and its checksum declared, n8n starts with the nodes loaded',
		pinned.problem === '',
		`${pinned.problem}\n${pinned.log.slice(-2000)}`,
	);
}

const PACKAGE = 'n8n-nodes-telnyx-reputation';
const EXAMPLE_TRIGGER = "When clicking 'Execute workflow'";

/**
 * Queue mode, as n8n 3 runs it (manual executions on the workers) and with n8n 3's default
 * (unverified packages off): a main whose N8N_COMMUNITY_PACKAGES names the package with its
 * version and checksum, and workers with user folders of their own (other machines, other
 * images), all given the same environment. Runs against a database and a queue where the package
 * is not installed yet (the caller's), with no other n8n process running.
 */
export async function checkEnvManagedInstallInQueueMode(
	n8nInstall: N8n,
	work: string,
	tarball: string,
	sandbox: Sandbox,
): Promise<void> {
	step(
		"The environment-managed install in queue mode: the main installs the listed package from npm's registry, a worker running then installs it too and runs the editor's manual execution",
	);
	const npm = await startNpmStandIn(tarball, join(work, 'npm-stand-in'));
	const env = {
		...npm.env,
		N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
		N8N_COMMUNITY_PACKAGES: JSON.stringify([
			{ name: npm.name, version: npm.version, checksum: npm.integrity },
		]),
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	const folder = (name: string) => join(work, `env-${name}`, 'user');
	for (const name of ['main', 'worker', 'late']) mkdirSync(folder(name), { recursive: true });
	const installedIn = (userFolder: string) =>
		existsSync(join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json'));
	const tarballs = () => npm.requests.filter((path) => path.endsWith('.tgz')).length;
	let worker: Worker | undefined;
	let main: RunningN8n | undefined;
	try {
		worker = await startWorker(n8nInstall, folder('worker'), 'env', 10, env);
		main = await startN8n(n8nInstall, folder('main'), await freePort(), env);
		check(
			'the main installs the listed package at start, from the registry, with the checksum the list gives',
			/Installed community package .*n8n-nodes-telnyx-reputation.* from env/.test(main.log()) &&
				installedIn(folder('main')) &&
				tarballs() >= 1,
			`${JSON.stringify(npm.requests)}\n${main.log().slice(-2500)}`,
		);
		const workerInstalled = await eventually(120, () => installedIn(folder('worker')));
		check(
			'a worker running then installs it itself when the main announces it, from the registry (its own user folder)',
			workerInstalled &&
				/Community package installed: n8n-nodes-telnyx-reputation/.test(worker.log()) &&
				tarballs() >= 2,
			`${JSON.stringify(npm.requests)}\n${worker.log().slice(-2500)}`,
		);

		// A worker started later gets nothing announced: it installs what the database lists only
		// with N8N_REINSTALL_MISSING_PACKAGES, and then without the list's checksum.
		const late = await startWorker(n8nInstall, folder('late'), 'late', 10, {
			...env,
			N8N_REINSTALL_MISSING_PACKAGES: 'true',
		});
		const refused = await eventually(60, () =>
			late.log().includes('Installation of unverified community packages is forbidden'),
		);
		await late.stop();
		check(
			'a worker started later, even with N8N_REINSTALL_MISSING_PACKAGES, cannot install it with unverified packages off',
			refused && !installedIn(folder('late')),
			late.log().slice(-2500),
		);

		const imported = await importExample(n8nInstall, folder('main'), sandbox);
		check(
			'n8n imports the credential and the example workflow',
			imported.credential.status === 0 && imported.workflow.status === 0,
			`${imported.credential.stderr}${imported.workflow.stderr}`,
		);
		const run = await executeWorkflow(main, WORKFLOW_ID, EXAMPLE_TRIGGER, 120);
		check(
			"the editor's Execute workflow runs on the worker, with the node the environment-managed install put there",
			run.status === 'success' &&
				run.text.includes('+19493253498') &&
				/started execution/i.test(worker.log()),
			`${run.status} ${run.text.slice(0, 1500)}\n${worker.log().slice(-1500)}`,
		);
		console.log(
			`figures: registry.npmjs.org (stand-in) asked ${npm.requests.length} times, ${tarballs()} tarball downloads; hosts refused: ${[...new Set(npm.refused)].join(', ') || 'none'}`,
		);
	} finally {
		await main?.stop();
		await worker?.stop();
		await npm.close();
	}
}
