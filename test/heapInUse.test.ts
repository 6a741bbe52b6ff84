import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { sampleHeapInUse } from '../support/n8n/heapInUse';
import { eventually } from './e2e/wait';

const MB = 1024 * 1024;
const figure = (mb: number) => `# HELP\nn8n_nodejs_heap_size_used_bytes ${mb * MB}\n`;

const servers: Array<() => void> = [];
afterEach(() => servers.splice(0).forEach((close) => close()));

/** A stand-in for n8n's /metrics on 127.0.0.1, counting the questions it is asked. */
async function metrics(answer: (asked: number, response: ServerResponse) => void) {
	const served = { asked: 0, url: '' };
	const server = createServer((_: IncomingMessage, response: ServerResponse) =>
		answer(++served.asked, response),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	servers.push(() => {
		server.closeAllConnections();
		server.close();
	});
	return served;
}

describe("The bench's sampler of n8n's heap in use (support/n8n/heapInUse.ts)", () => {
	test('gives the highest sample; stopped again, the same answer', async () => {
		const n8n = await metrics((asked, response) => response.end(figure((asked % 3) * 100)));
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(20, () => n8n.asked >= 4)).toBe(true);

		const stopped = stop();
		expect(stop()).toBe(stopped);
		expect(await stopped).toBe(200);
	});

	test('a 503 (n8n busy) is a sample missed, not the end of the sampling', async () => {
		const n8n = await metrics((asked, response) => {
			if (asked === 1) response.statusCode = 503;
			response.end(asked === 1 ? 'Database is not ready!' : figure(300));
		});
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(20, () => n8n.asked >= 2)).toBe(true);

		expect(await stop()).toBe(300);
	});

	test('stopping cancels a question n8n has not answered (its event loop busy)', async () => {
		const n8n = await metrics(() => {});
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(20, () => n8n.asked === 1)).toBe(true);

		// Not cancelled, stopping would wait out the question's own bound, 20 s.
		const late = new Promise((resolve) => setTimeout(() => resolve('late'), 10_000).unref());
		expect(await Promise.race([stop(), late])).toBeUndefined();
	});

	test('metrics off: no figure, and no second question', async () => {
		const n8n = await metrics((_, response) => {
			response.statusCode = 404;
			response.end('<html>n8n</html>');
		});
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(20, () => n8n.asked === 1)).toBe(true);

		// It would ask again every 0.5 s; a busy machine can only make this pass, never fail.
		expect(await eventually(2, () => n8n.asked > 1)).toBe(false);
		expect(await stop()).toBeUndefined();
	});

	test('nothing listening: asked again, no figure', async () => {
		const n8n = await metrics(() => {});
		servers.splice(0).forEach((close) => close());
		const asked = jest.spyOn(globalThis, 'fetch');
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(20, () => asked.mock.calls.length >= 2)).toBe(true);

		expect(await stop()).toBeUndefined();
		asked.mockRestore();
	});
});
