// A scripted OpenAI-compatible chat model on 127.0.0.1, for n8n's OpenAI Chat Model node (its
// credential's Base URL pointed here): each POST /v1/chat/completions is answered with the turn
// a test scripts from the conversation so far: tool calls, or a final message. Every request is
// kept, so a test can read what the agent sent the model (the tools it offered, the tool results).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message of the conversation, as OpenAI's Chat Completions API carries it. */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

/** A tool the agent offered the model: its name, description and JSON schema. */
export interface OfferedTool {
	type: 'function';
	function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
}

/** What the model answers: tools to call (the agent runs them and asks again), or its reply. */
export type Turn =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
	| { content: string };

export interface ScriptedModel {
	/** The Base URL for the credential, e.g. http://127.0.0.1:41234/v1 */
	url: string;
	requests: ChatRequest[];
	/** Sets how the model answers the next requests. */
	script(next: (request: ChatRequest) => Turn): void;
	close(): Promise<void>;
}

/** The text of a message, whether it came as a string or as parts. */
export function textOf(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

let calls = 0;

function completion(request: ChatRequest, turn: Turn) {
	const message =
		'toolCalls' in turn
			? {
					role: 'assistant',
					content: null,
					tool_calls: turn.toolCalls.map((call) => ({
						id: `call_${++calls}`,
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.arguments) },
					})),
				}
			: { role: 'assistant', content: turn.content };
	return {
		id: `chatcmpl-${calls}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: 'toolCalls' in turn ? 'tool_calls' : 'stop',
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent chunks, for an agent that streams. */
function streamed(response: ServerResponse, answer: ReturnType<typeof completion>): void {
	const { message, finish_reason } = answer.choices[0];
	const chunk = (delta: object, finish: string | null) =>
		`data: ${JSON.stringify({
			id: answer.id,
			object: 'chat.completion.chunk',
			created: answer.created,
			model: answer.model,
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	const delta =
		'tool_calls' in message
			? {
					role: 'assistant',
					tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })),
				}
			: { role: 'assistant', content: message.content };
	response.writeHead(200, { 'content-type': 'text/event-stream' });
	response.end(`${chunk(delta, null)}${chunk({}, finish_reason)}data: [DONE]\n\n`);
}

async function bodyOf(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	let next: (request: ChatRequest) => Turn = () => ({ content: 'No script was set.' });
	const server = createServer(async (request, response) => {
		const path = (request.url ?? '').split('?')[0];
		if (request.method === 'GET' && path === '/v1/models') {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted', object: 'model' }] }));
			return;
		}
		if (request.method !== 'POST' || path !== '/v1/chat/completions') {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ error: { message: `No route ${request.method} ${path}` } }));
			return;
		}
		const chat = JSON.parse(await bodyOf(request)) as ChatRequest;
		requests.push(chat);
		let answer;
		try {
			answer = completion(chat, next(chat));
		} catch (error) {
			response.writeHead(500, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ error: { message: `The script failed: ${String(error)}` } }));
			return;
		}
		if (chat.stream) return streamed(response, answer);
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify(answer));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
		requests,
		script: (turns) => {
			next = turns;
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
