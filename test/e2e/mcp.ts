// n8n's MCP Server Trigger with this package's tools attached (the "Caller ID reputation MCP
// server" example), published in a running n8n and used by the official MCP TypeScript SDK
// client over Streamable HTTP: what it lists, and what its calls get and cost.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { RunningN8n } from '../../support/n8n/n8n';
import { readExample } from '../../support/n8n/n8n';
import type { Sandbox } from '../../support/sandbox/server';
import { DEMO_ENTERPRISE_ID } from '../../support/sandbox/seed';
import {
	answersHighRisk,
	answersPoolHealth,
	FIND_TOOL,
	HIGH_RISK_ARGUMENTS,
	onlyFreeListReads,
	SUMMARY_TOOL,
} from './poolAnswers';
import { step } from './report';
import { servedAfterPublishing } from './wait';

export const MCP_WORKFLOW_ID = 'callerIdMcpServer';
export const MCP_TOKEN = 'mcp-client-token-not-a-secret';

export function mcpWorkflow() {
	return readExample('caller-id-mcp-server');
}

function serverUrl(n8n: RunningN8n): URL {
	const trigger = mcpWorkflow().nodes.find(
		(node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger',
	)!;
	return new URL(`${n8n.url}/mcp/${String((trigger.parameters as { path: string }).path)}`);
}

async function connect(n8n: RunningN8n, token: string): Promise<Client> {
	const client = new Client({ name: 'telnyx-reputation-e2e', version: '1.0.0' });
	await client.connect(
		new StreamableHTTPClientTransport(serverUrl(n8n), {
			requestInit: { headers: { Authorization: `Bearer ${token}` } },
		}),
	);
	return client;
}

/** The text a tool call returned (MCP content parts). */
function resultText(result: Awaited<ReturnType<Client['callTool']>>): string {
	return (result.content as Array<{ type: string; text?: string }>)
		.map((part) => part.text ?? '')
		.join('\n');
}

export async function checkMcp(
	n8n: RunningN8n,
	sandbox: Sandbox,
	verify: (name: string, ok: boolean, detail?: string) => void,
): Promise<void> {
	step('The official MCP client connects to the MCP Server Trigger');
	verify(
		"n8n serves the published MCP server's URL",
		await servedAfterPublishing(serverUrl(n8n).href, { method: 'POST' }),
	);
	let refused: unknown;
	try {
		await (await connect(n8n, 'not-the-token')).close();
	} catch (error) {
		refused = error;
	}
	const { code } = (refused ?? {}) as { code?: number };
	verify(
		'a client without the bearer token is refused',
		code === 401 || code === 403,
		`${code} ${String(refused)}`,
	);

	const client = await connect(n8n, MCP_TOKEN);
	try {
		const { tools } = await client.listTools();
		const byName = new Map(tools.map((tool) => [tool.name, tool]));
		const get = byName.get('Get_caller_ID_reputation');
		const list = byName.get('List_monitored_numbers');
		const register = byName.get('Register_caller_IDs');
		const find = byName.get(FIND_TOOL);
		const summary = byName.get(SUMMARY_TOOL);
		verify(
			'it lists the five tools, each with a description and an input schema a model can fill',
			tools.length === 5 &&
				[get, list, register, find, summary].every(
					(tool) => (tool?.description ?? '').length > 20,
				) &&
				JSON.stringify(find?.inputSchema.properties).includes('spam_risk_at_least') &&
				JSON.stringify(get?.inputSchema.properties).includes('phone_number') &&
				(get?.inputSchema.required ?? []).includes('phone_number') &&
				JSON.stringify(register?.inputSchema.properties).includes('phone_numbers'),
			JSON.stringify(tools),
		);
		verify(
			'the billable tool says so in what the client lists; the reads do not',
			/billable/i.test(register?.description ?? '') &&
				![get, list, find, summary].some((tool) => /billable/i.test(tool?.description ?? '')),
			JSON.stringify(tools.map((tool) => [tool.name, tool.description])),
		);

		step('It calls the reputation lookup, then registers a number');
		const number = '+13125550147';
		let from = sandbox.requests.length;
		const looked = await client.callTool({
			name: 'Get_caller_ID_reputation',
			arguments: { phone_number: number },
		});
		const text = resultText(looked);
		const stored = sandbox.state.registrations.get(number)?.reputation_data;
		verify(
			"the lookup returns the number's reputation data",
			!looked.isError && text.includes(number) && text.includes(String(stored?.spam_risk)),
			text.slice(0, 1000),
		);
		verify(
			'the sandbox received one free read of that number',
			sandbox.requests.length === from + 1 &&
				sandbox.requests[from].path === '/reputation/numbers' &&
				sandbox.requests[from].query['filter[phone_number][eq]'] === number,
			JSON.stringify(sandbox.requests.slice(from)),
		);

		const fresh = '+14155550123';
		from = sandbox.requests.length;
		const registered = await client.callTool({
			name: 'Register_caller_IDs',
			arguments: { phone_numbers: `(415) 555-0123, ${number}` },
		});
		const posts = sandbox.requests.slice(from).filter((request) => request.method === 'POST');
		verify(
			'Register (a batched operation, one item in tool mode) sent only the number not yet monitored',
			!registered.isError &&
				posts.length === 1 &&
				posts[0].path === `/enterprises/${DEMO_ENTERPRISE_ID}/reputation/numbers` &&
				JSON.stringify(posts[0].body) === JSON.stringify({ phone_numbers: [fresh] }) &&
				resultText(registered).includes(fresh),
			`${resultText(registered).slice(0, 1000)}\n${JSON.stringify(sandbox.requests.slice(from))}`,
		);

		const missing = await client.callTool({
			name: 'Get_caller_ID_reputation',
			arguments: { phone_number: '+12125550000' },
		});
		verify(
			'a number not monitored comes back as a readable error',
			/not monitored|not found/i.test(resultText(missing)) &&
				resultText(missing).includes('+12125550000'),
			JSON.stringify(missing).slice(0, 1000),
		);

		for (const [question, tool, args, answers] of [
			['which numbers are high risk', FIND_TOOL, HIGH_RISK_ARGUMENTS, answersHighRisk],
			['how healthy the pool is', SUMMARY_TOOL, {}, answersPoolHealth],
		] as const) {
			step(`It asks ${question}: one call, the same complete answer as the agent's`);
			from = sandbox.requests.length;
			const result = await client.callTool({ name: tool, arguments: args });
			const verdict = answers(resultText(result), sandbox);
			verify('the call returns the complete answer', !result.isError && verdict.ok, verdict.detail);
			const reads = onlyFreeListReads(sandbox.requests.slice(from));
			verify(
				"the sandbox received only free reads: lists of 250 and the enterprises' settings",
				reads.ok,
				reads.detail,
			);
		}
	} finally {
		await client.close();
	}
}
