// An HTTP forward proxy on 127.0.0.1 that records what passes through it: what a team behind
// a mandatory proxy has between n8n and Telnyx. It forwards absolute-form requests
// (`GET http://host/path`) and tunnels CONNECT, so a test sees every request that went its way.
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

export interface ForwardProxy {
	url: string;
	/** Each request as the proxy saw it: `POST http://127.0.0.1:…/v2/…`, or `CONNECT host:port`. */
	requests: string[];
	/** The Proxy-Authorization header of each request, as sent. */
	authorizations: Array<string | undefined>;
	/** Answers 407 to a request without a Proxy-Authorization header, as a proxy with users does. */
	requireAuthorization: boolean;
	close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
	const requests: string[] = [];
	const authorizations: Array<string | undefined> = [];
	const sockets = new Set<Socket>();
	const proxy: ForwardProxy = {
		url: '',
		requests,
		authorizations,
		requireAuthorization: false,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = createServer((incoming, outgoing) => {
		requests.push(`${incoming.method} ${incoming.url}`);
		authorizations.push(incoming.headers['proxy-authorization']);
		if (proxy.requireAuthorization && !incoming.headers['proxy-authorization']) {
			outgoing.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"' }).end();
			return;
		}
		const target = new URL(incoming.url ?? '/');
		const headers = { ...incoming.headers };
		delete headers['proxy-authorization'];
		const forwarded = httpRequest(target, { method: incoming.method, headers }, (answer) => {
			outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(outgoing);
		});
		forwarded.on('error', () => outgoing.destroy());
		incoming.pipe(forwarded);
	});
	server.on('connect', (incoming, client: Socket) => {
		requests.push(`CONNECT ${incoming.url}`);
		authorizations.push(incoming.headers['proxy-authorization']);
		const [host, port] = String(incoming.url).split(':');
		const upstream = connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
	return proxy;
}
