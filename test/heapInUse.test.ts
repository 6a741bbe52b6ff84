import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { sampleHeapInUse } from '../support/n8n/heapInUse';
import { eventually } from './e2e/wait';

/** A stand-in for n8n's /metrics on 127.0.0.1, counting the questions it is asked. */
async function metrics(answer: (asked: number, response: ServerResponse) => void) {
	const server = createServer((_: IncomingMessage, response: ServerResponse) =>
		answer(++served.asked, response),
	);
	const served = { asked: 0, url: '', close: () => {} };
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	served.close = () => {
		server.closeAllConnections();
		server.close();
	};
	return served;
}

const MB = 1024 * 1024;

describe("The bench's sampler of n8n's heap in use (support/n8n/heapInUse.ts)", () => {
	test('gives the highest sample, the same when stopped again', async () => {
		const n8n = await metrics((asked, response) =>
			response.end(`# HELP\nn8n_nodejs_heap_size_used_bytes ${(asked % 3) * 100 * MB}\n`),
		);
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(30, () => n8n.asked >= 4)).toBe(true);

		expect(await stop()).toBe(200);
		expect(await stop()).toBe(200);
		n8n.close();
	});

	test('stopping cancels a question n8n has not answered (its event loop busy)', async () => {
		const n8n = await metrics(() => {});
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(30, () => n8n.asked === 1)).toBe(true);

		// Not cancelled, stopping would wait out the question's own bound, 20 s.
		const late = new Promise((resolve) => setTimeout(() => resolve('late'), 10_000).unref());
		expect(await Promise.race([stop(), late])).toBeUndefined();
		n8n.close();
	});

	test('metrics off: no figure, and no second question', async () => {
		const n8n = await metrics((_, response) => {
			response.statusCode = 404;
			response.end('<html>n8n</html>');
		});
		const stop = sampleHeapInUse(n8n.url);
		expect(await eventually(30, () => n8n.asked === 1)).toBe(true);

		// It would ask again every 0.5 s; a busy machine can only make this pass, never fail.
		expect(await eventually(2, () => n8n.asked > 1)).toBe(false);
		expect(await stop()).toBeUndefined();
		n8n.close();
	});

	test('nothing listening: no figure', async () => {
		const n8n = await metrics(() => {});
		n8n.close();

		const stop = sampleHeapInUse(n8n.url);

		expect(await stop()).toBeUndefined();
	});
});
