// A stand-in for Slack's incoming webhooks: the examples' "Post … to Slack" nodes post here in
// the e2e (which checks what arrived) and in `npm run dev` (which prints it as it arrives).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readExample } from './n8n';

/** What each path received; `onPost` sees each body as it arrives. */
export async function startCollector(onPost?: (path: string, body: unknown) => void) {
	const received: Record<string, unknown[]> = {};
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const path = request.url ?? '/';
			const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
			(received[path] ??= []).push(body);
			onPost?.(path, body);
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** An example with its Slack URL pointed at the collector. */
export function withCollector(name: string, url: string) {
	const workflow = readExample(name);
	for (const node of workflow.nodes) {
		const parameters = node.parameters as Record<string, unknown>;
		if (node.type === 'n8n-nodes-base.httpRequest') parameters.url = url;
	}
	return workflow;
}
