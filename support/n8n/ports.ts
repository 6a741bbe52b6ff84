// Ports for the processes the scripts start (n8n, its task broker, the sandbox), so that
// `npm run dev`, `npm run test:e2e` and anything else on the machine can run side by side.
import { createServer } from 'node:net';

/** A port nothing listens on now, chosen by the system. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Whether `port` is free on 127.0.0.1. */
async function isFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * The port a user asked for with `variable`, or its default: the default, when taken, is
 * replaced by a free one (with a note); a port the user asked for and is taken is an error
 * that names the variable to change.
 */
export async function portFor(variable: string, fallback: number): Promise<number> {
	const asked = process.env[variable];
	const port = Number(asked ?? fallback);
	if (await isFree(port)) return port;
	if (asked !== undefined)
		throw new Error(`Port ${port} (${variable}) is in use: set ${variable} to a free port.`);
	const free = await freePort();
	console.log(`Port ${port} is in use; using ${free} instead (set ${variable} to choose).`);
	return free;
}
