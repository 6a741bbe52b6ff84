// Where n8n listens: 127.0.0.1 only (support/n8n/n8n.ts's startN8n), so that the published
// sign-in of `npm run dev` opens nothing to the network. A connection to the machine's other
// addresses must be refused.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

import type { RunningN8n } from '../../support/n8n/n8n';

/** This machine's addresses other than loopback (and IPv6 link-local, unreachable without a scope). */
function otherAddresses(): string[] {
	return Object.values(networkInterfaces())
		.flat()
		.filter((address) => address && !address.internal && !address.address.startsWith('fe80:'))
		.map((address) => address!.address);
}

/** Whether a TCP connection to `host`:`port` is accepted (within 5 s). */
async function accepts(host: string, port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect({ host, port, timeout: 5000 });
		const done = (accepted: boolean) => {
			socket.destroy();
			resolve(accepted);
		};
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
		socket.once('timeout', () => done(false));
	});
}

/** The machine's addresses other than loopback, and those on which n8n accepts connections. */
export async function listeningElsewhere(n8n: RunningN8n) {
	const port = Number(new URL(n8n.url).port);
	const tried = otherAddresses();
	const accepted: string[] = [];
	for (const address of tried) if (await accepts(address, port)) accepted.push(address);
	return { tried, accepted };
}
