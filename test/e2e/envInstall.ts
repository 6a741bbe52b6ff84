// n8n's environment-managed install (2.21+; n8n 3 keeps it and turns unverified packages off by
// default): N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true and N8N_COMMUNITY_PACKAGES naming this
// package. Read from n8n 2.41's source: the list takes npm package names with a semver version or
// a dist-tag only (no file path or tarball URL), and the download comes from npm's registry or from
// N8N_COMMUNITY_PACKAGES_REGISTRY, which n8n allows only under an enterprise license, checked
// before any REST call could turn it on. So the download is the installer's (run.ts installs
// through it from a registry on 127.0.0.1); this checks what n8n does at start with the declared
// package installed: kept and loaded, refused without a checksum when unverified packages are off.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8n, RunningN8n } from '../../support/n8n/n8n';
import { startN8n } from '../../support/n8n/n8n';
import { freePort } from '../../support/n8n/ports';
import { check, step } from './report';

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
