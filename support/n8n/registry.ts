// A one-package npm registry on 127.0.0.1, serving the packed package, so that n8n's own
// community-package installer (Settings → Community Nodes → Install) can install it as it
// installs any package from npm.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface Registry {
	url: string;
	name: string;
	version: string;
	/** The paths n8n's installer asked for. */
	requests: string[];
	close(): Promise<void>;
}

export async function startRegistry(tarball: string): Promise<Registry> {
	const bytes = readFileSync(tarball);
	const manifest = JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	);
	const { name, version } = manifest as { name: string; version: string };
	const file = basename(tarball);
	const requests: string[] = [];
	const server = createServer((request, response) => {
		const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
		requests.push(path);
		const host = `http://${request.headers.host}`;
		const release = {
			...manifest,
			_id: `${name}@${version}`,
			dist: {
				tarball: `${host}/${name}/-/${file}`,
				shasum: createHash('sha1').update(bytes).digest('hex'),
				integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
			},
		};
		const json = (body: unknown, status = 200) =>
			response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		if (path === `/${name}`)
			json({ name, 'dist-tags': { latest: version }, versions: { [version]: release } });
		else if (path === `/${name}/${version}` || path === `/${name}/latest`) json(release);
		else if (path === `/${name}/-/${file}`)
			response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
		else json({ error: 'Not found' }, 404);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		name,
		version,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
