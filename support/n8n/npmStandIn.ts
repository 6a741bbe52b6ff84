// npm's registry as n8n's environment-managed install reaches it, stood in for on 127.0.0.1.
//
// n8n (2.41) installs the packages N8N_COMMUNITY_PACKAGES names from https://registry.npmjs.org
// only: another registry (N8N_COMMUNITY_PACKAGES_REGISTRY) needs n8n's enterprise license, on
// the main and on every worker, and the package is not on npm while it is being tested. So the
// n8n processes given `env` reach the outside through a proxy on 127.0.0.1 (HTTPS_PROXY, which
// n8n's outbound proxy honours, and npm's own https-proxy), and that proxy answers for
// registry.npmjs.org with this package alone, over TLS with a certificate of a throwaway
// authority those processes are told to trust (NODE_EXTRA_CA_CERTS, npm's cafile). Any other
// host is refused, so nothing leaves the machine; 127.0.0.1 and localhost are reached directly.
// n8n and npm run unchanged: n8n checks the version and its checksum, `npm pack`s and loads the
// package as it would from npm.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { delimiter, join } from 'node:path';

import type { Prerequisite } from '../prerequisites';
import { registryHandler } from './registry';

/** What makes the stand-in's certificates. */
export const OPENSSL: Prerequisite = {
	what: 'OpenSSL (openssl)',
	debianPackage: 'openssl',
	present: () =>
		(process.env.PATH ?? '').split(delimiter).some((dir) => {
			try {
				accessSync(join(dir, 'openssl'), constants.X_OK);
				return dir !== '';
			} catch {
				return false;
			}
		}),
};

const NPM_HOST = 'registry.npmjs.org';

export interface NpmStandIn {
	name: string;
	version: string;
	/** npm's dist.integrity of the package: what N8N_COMMUNITY_PACKAGES' checksum names. */
	integrity: string;
	/** The paths asked of registry.npmjs.org. */
	requests: string[];
	/** Hosts refused (asked for, never reached). */
	refused: string[];
	/** What an n8n process is given to reach npm's registry through the stand-in. */
	env: Record<string, string>;
	close(): Promise<void>;
}

/** A throwaway certificate authority and, signed by it, a certificate for registry.npmjs.org. */
function certificates(dir: string) {
	mkdirSync(dir, { recursive: true });
	const file = (name: string) => join(dir, name);
	const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
	openssl([
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-days',
		'2',
		'-subj',
		'/CN=n8n-nodes-telnyx-reputation e2e npm stand-in',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
		'-keyout',
		file('ca.key'),
		'-out',
		file('ca.pem'),
	]);
	openssl([
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-subj',
		`/CN=${NPM_HOST}`,
		'-keyout',
		file('host.key'),
		'-out',
		file('host.csr'),
	]);
	writeFileSync(
		file('host.ext'),
		[
			`subjectAltName=DNS:${NPM_HOST}`,
			'basicConstraints=CA:FALSE',
			'keyUsage=critical,digitalSignature,keyEncipherment',
			'extendedKeyUsage=serverAuth',
		].join('\n'),
	);
	openssl([
		'x509',
		'-req',
		'-in',
		file('host.csr'),
		'-CA',
		file('ca.pem'),
		'-CAkey',
		file('ca.key'),
		'-CAcreateserial',
		'-days',
		'2',
		'-extfile',
		file('host.ext'),
		'-out',
		file('host.pem'),
	]);
	return {
		ca: file('ca.pem'),
		key: readFileSync(file('host.key')),
		cert: readFileSync(file('host.pem')),
	};
}

export async function startNpmStandIn(tarball: string, dir: string): Promise<NpmStandIn> {
	const registry = registryHandler(tarball);
	const { ca, key, cert } = certificates(dir);
	const refused: string[] = [];
	// registry.npmjs.org over TLS, never listening: the proxy hands it its tunnels.
	const npm = createTlsServer({ key, cert }, registry.handle);
	const sockets = new Set<Socket>();
	const proxy = createServer((request, response) => {
		// A plain-HTTP request through the proxy names its absolute URL.
		const host = new URL(request.url ?? '/', 'http://unknown').hostname;
		if (host === NPM_HOST) return registry.handle(request, response);
		refused.push(host);
		response.writeHead(403).end(`the e2e reaches no host but ${NPM_HOST}`);
	});
	proxy.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	proxy.on('connect', (request, socket: Socket, head: Buffer) => {
		const [host, port] = (request.url ?? '').split(':');
		if (host !== NPM_HOST || (port ?? '443') !== '443') {
			refused.push(request.url ?? '');
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) socket.unshift(head);
		npm.emit('connection', socket);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	return {
		name: registry.name,
		version: registry.version,
		integrity: registry.integrity,
		requests: registry.requests,
		refused,
		env: {
			HTTPS_PROXY: url,
			HTTP_PROXY: url,
			NO_PROXY: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: ca,
			npm_config_https_proxy: url,
			npm_config_proxy: url,
			npm_config_noproxy: '127.0.0.1,localhost',
			npm_config_cafile: ca,
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
		},
	};
}
