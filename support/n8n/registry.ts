// A one-package npm registry on 127.0.0.1, serving the packed package, so that n8n's own
// community-package installer (Settings → Community Nodes → Install) can install it as it
// installs any package from npm.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
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

/**
 * What a registry answers for the one package in `tarball`: its document, its version's
 * document (the tarball's URL on the host asked, over TLS when asked over TLS) and the tarball;
 * 404 for anything else. Every path asked is kept in `requests`.
 */
export function registryHandler(tarball: string) {
	const bytes = readFileSync(tarball);
	const manifest = JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	);
	const { name, version } = manifest as { name: string; version: string };
	const file = basename(tarball);
	const requests: string[] = [];
	const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
	const handle = (request: IncomingMessage, response: ServerResponse) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://registry').pathname);
		requests.push(path);
		const tls = (request.socket as TLSSocket).encrypted === true;
		const host = `${tls ? 'https' : 'http'}://${request.headers.host}`;
		const release = {
			...manifest,
			_id: `${name}@${version}`,
			dist: {
				tarball: `${host}/${name}/-/${file}`,
				shasum: createHash('sha1').update(bytes).digest('hex'),
				integrity,
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
	};
	return { name, version, integrity, requests, handle };
}

export async function startRegistry(tarball: string): Promise<Registry> {
	const { name, version, requests, handle } = registryHandler(tarball);
	const server = createServer(handle);
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
