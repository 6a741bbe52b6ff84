import { createServer } from 'node:net';

import { portFor } from '../support/n8n/ports';

/** Something else on the machine holding a port, as `npm run dev` or another n8n would. */
async function occupy(): Promise<{ port: number; close: () => Promise<void> }> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		port,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('Ports of the scripts (dev, sandbox, e2e)', () => {
	afterEach(() => delete process.env.TEST_PORT);

	test('a default port that is taken is replaced by a free one, and the note names the variable', async () => {
		const taken = await occupy();
		const log = jest.spyOn(console, 'log').mockImplementation(() => {});

		const port = await portFor('TEST_PORT', taken.port);

		expect(port).not.toBe(taken.port);
		expect(log.mock.calls[0][0]).toBe(
			`Port ${taken.port} is in use; using ${port} instead (set TEST_PORT to choose).`,
		);
		log.mockRestore();
		await taken.close();
	});

	test('a port the user asked for that is taken is a clear error naming the variable', async () => {
		const taken = await occupy();
		process.env.TEST_PORT = String(taken.port);

		await expect(portFor('TEST_PORT', 4010)).rejects.toThrow(
			`Port ${taken.port} (TEST_PORT) is in use: set TEST_PORT to a free port.`,
		);
		await taken.close();
	});
});
