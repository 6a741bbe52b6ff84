import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Reply } from './envelope';
import { badRequest, entry, errors, unauthorized } from './envelope';
import type { Route } from './router';
import type { ControlRequest } from './controls';
import { answerControl } from './controls';
import { multipartBoundary, parseMultipart } from './multipart';
import { documentRoutes } from './routes/documents';
import { enterpriseRoutes } from './routes/enterprises';
import { remediationRoutes } from './routes/remediation';
import { reputationNumberRoutes } from './routes/reputationNumbers';
import { reputationSettingsRoutes } from './routes/reputationSettings';
import { termsOfServiceRoutes } from './routes/termsOfService';
import { SandboxState } from './state';
import { WebhookSender } from './webhooks';

const routes: Route[] = [
	...enterpriseRoutes,
	...reputationSettingsRoutes,
	...reputationNumberRoutes,
	...remediationRoutes,
	...termsOfServiceRoutes,
	...documentRoutes,
];

/**
 * A fixed reply, one made from the request (a server that answers each page with the same
 * lie), or `{ loseAnswer }`: the request is processed as usual (stored, billed) and its answer
 * lost on the way back: the connection cut mid-answer, or no answer ever (the client times out).
 */
export type InjectedReply =
	| Reply
	| ((request: ReceivedRequest) => Reply)
	| { loseAnswer: 'reset' | 'hang' };

/** Which requests an injected reply is for (by default the next ones, whatever they are). */
export interface InjectionFilter {
	method?: string;
}

/** What the sandbox saw of one request (never the key itself). */
export interface ReceivedRequest {
	method: string;
	/** The path after /v2, exactly as sent (still percent-encoded). */
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorized: boolean;
	/** When it arrived (ms since the epoch), for benchmarks. */
	at: number;
	/** The status it was answered with, once answered. */
	status?: number;
}

export interface SandboxOptions {
	apiKey?: string;
	port?: number;
	/** Added before every answer, to stand in for the distance to the real API. */
	latencyMs?: number;
}

export interface Sandbox {
	/** The base URL to put in the credential, e.g. http://127.0.0.1:41234/v2 */
	url: string;
	state: SandboxState;
	requests: ReceivedRequest[];
	/** Delay before each answer, in ms; settable between requests. */
	latencyMs: number;
	/** The most requests the sandbox was answering at once since the last reset. */
	readonly maxInFlight: number;
	/**
	 * Answers the next `times` requests (1 by default, Infinity for a server that never changes
	 * its mind) with this reply instead of the API's own answer (a fault, a raw body).
	 */
	injectReply(reply: InjectedReply, times?: number, only?: InjectionFilter): void;
	/** Requests allowed per second before 429s with x-ratelimit-* headers; 0 for no limit. */
	rateLimitPerSecond: number;
	/**
	 * Moves the list mid-read: runs `change` (register or remove numbers) just before the
	 * sandbox answers the `read`-th read of a monitored-number list from now (1: the next one),
	 * as when a Register or a removal runs while a workflow reads the pool page by page.
	 */
	onListRead(read: number, change: (state: SandboxState) => void): void;
	/** Sends signed number-ownership events to an enterprise's webhook URL; `publicKey` verifies them. */
	webhooks: WebhookSender;
	/** A fresh, empty account and request log (between tests of one file). */
	reset(): void;
	close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** A JSON body, or a multipart one (file uploads) read into fields and files; undefined when malformed. */
function parseBody(raw: Buffer, contentType: string | undefined): { body?: unknown } | undefined {
	const boundary = multipartBoundary(contentType);
	if (boundary) {
		const body = parseMultipart(raw, boundary);
		return body ? { body } : undefined;
	}
	try {
		return { body: raw.length ? JSON.parse(raw.toString('utf8')) : undefined };
	} catch {
		return undefined;
	}
}

/** The reply to a request, noted in the log with its status. */
async function answer(
	state: SandboxState,
	request: IncomingMessage,
	log: ReceivedRequest[],
	injected?: InjectedReply,
): Promise<Reply> {
	let received: ReceivedRequest | undefined;
	const reply = await replyTo(state, request, log, injected, (entry) => (received = entry));
	if (received) received.status = reply.status;
	return reply;
}

async function replyTo(
	state: SandboxState,
	request: IncomingMessage,
	log: ReceivedRequest[],
	injected: InjectedReply | undefined,
	logged: (entry: ReceivedRequest) => void,
): Promise<Reply> {
	const url = new URL(request.url ?? '/', 'http://sandbox');
	const rawPath = (request.url ?? '/').split('?')[0];
	const parsed = parseBody(await readBody(request), request.headers['content-type']);
	const malformed = parsed === undefined;
	const body = parsed?.body;
	const authorized = request.headers.authorization === `Bearer ${state.apiKey}`;
	const path = rawPath.replace(/^\/v2(?=\/)/, '');
	log.push({
		method: request.method ?? 'GET',
		path,
		query: Object.fromEntries(url.searchParams),
		body,
		authorized,
		at: Date.now(),
	});
	logged(log[log.length - 1]);

	if (injected && 'loseAnswer' in injected) {
		const processed = await routeReply(
			state,
			request,
			rawPath,
			path,
			url,
			body,
			authorized,
			malformed,
		);
		return { ...processed, fault: injected.loseAnswer };
	}
	if (injected) return typeof injected === 'function' ? injected(log[log.length - 1]) : injected;
	return await routeReply(state, request, rawPath, path, url, body, authorized, malformed);
}

/** The API's own answer to a request. */
async function routeReply(
	state: SandboxState,
	request: IncomingMessage,
	rawPath: string,
	path: string,
	url: URL,
	body: unknown,
	authorized: boolean,
	malformed: boolean,
): Promise<Reply> {
	if (!authorized) return unauthorized();
	if (malformed) return errors(400, badRequest('The request body is not valid JSON or multipart.'));
	for (const route of routes) {
		const match =
			route.method === request.method && rawPath.startsWith('/v2/')
				? route.pattern.exec(path)
				: null;
		if (match) {
			// A raw '+' in a path reads as a space, as on the real API, whose reference asks for %2B.
			const params = match.slice(1).map((value) => decodeURIComponent(value.replace(/\+/g, ' ')));
			const query = new URLSearchParams(url.searchParams);
			for (const name of state.ignoredQuery) query.delete(name);
			return await route.handle({ state, params, query, body });
		}
	}
	return errors(
		404,
		entry('10009', 'Resource not found', 'The requested resource or URL could not be found.'),
	);
}

function send(response: ServerResponse, reply: Reply): void {
	if (reply.fault === 'hang') return;
	if (reply.fault === 'reset') {
		response.writeHead(reply.status, {
			'content-type': 'application/json',
			'content-length': '1000',
		});
		response.write('{"data": [');
		response.socket?.destroy();
		return;
	}
	const headers: Record<string, string> = { ...reply.headers };
	if (reply.body === undefined) {
		response.writeHead(reply.status, headers).end();
		return;
	}
	const payload =
		Buffer.isBuffer(reply.body) || typeof reply.body === 'string'
			? reply.body
			: JSON.stringify(reply.body);
	headers['content-type'] ??= 'application/json';
	response.writeHead(reply.status, headers).end(payload);
}

/** A Telnyx-compatible API on 127.0.0.1, on a random port unless one is given. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const apiKey = options.apiKey ?? 'KEY_sandbox_secret';
	const sandbox = {
		state: new SandboxState(apiKey),
		requests: [] as ReceivedRequest[],
		latencyMs: options.latencyMs ?? 0,
		inFlight: 0,
		maxInFlight: 0,
		injected: [] as Array<{ reply: InjectedReply; times: number; only: InjectionFilter }>,
		rateLimitPerSecond: 0,
		window: { second: 0, count: 0 },
		listReads: 0,
		listChanges: [] as Array<{ at: number; change: (state: SandboxState) => void }>,
	};
	/** Runs the changes due before this read of a number list (see onListRead). */
	const beforeListRead = (request: IncomingMessage) => {
		if (request.method !== 'GET' || !/\/reputation\/numbers(\?|$)/.test(request.url ?? '')) return;
		sandbox.listReads++;
		const due = sandbox.listChanges.filter(({ at }) => at === sandbox.listReads);
		for (const { change } of due) change(sandbox.state);
	};
	/**
	 * The rate limit's view of a request arriving now: the x-ratelimit-* headers every answer
	 * carries while a limit is set, and whether it is over the limit (then it is answered 429).
	 */
	const rateWindow = (): { over: boolean; headers: Record<string, string> } | undefined => {
		if (!sandbox.rateLimitPerSecond) return undefined;
		const now = Date.now();
		const second = Math.floor(now / 1000);
		if (sandbox.window.second !== second) sandbox.window = { second, count: 0 };
		sandbox.window.count++;
		return {
			over: sandbox.window.count > sandbox.rateLimitPerSecond,
			headers: {
				'x-ratelimit-limit': String(sandbox.rateLimitPerSecond),
				'x-ratelimit-remaining': String(
					Math.max(0, sandbox.rateLimitPerSecond - sandbox.window.count),
				),
				'x-ratelimit-reset': String(((second + 1) * 1000 - now) / 1000),
			},
		};
	};
	const rateLimited = (limit: ReturnType<typeof rateWindow>): Reply | undefined =>
		limit?.over
			? {
					...errors(429, entry('10011', 'Too many requests', 'Rate limit exceeded.')),
					headers: limit.headers,
				}
			: undefined;
	const nextInjected = (request: IncomingMessage): InjectedReply | undefined => {
		const index = sandbox.injected.findIndex(
			({ only }) => only.method === undefined || only.method === request.method,
		);
		const next = sandbox.injected[index];
		if (next && --next.times <= 0) sandbox.injected.splice(index, 1);
		return next?.reply;
	};
	const webhooks = new WebhookSender(() => sandbox.state);
	/** POST /_sandbox/{control} (controls.ts): not an API request, so not in `requests`. */
	const control = async (request: IncomingMessage): Promise<Reply> => {
		if (request.headers.authorization !== `Bearer ${sandbox.state.apiKey}`) return unauthorized();
		const raw = await readBody(request);
		const name = (request.url ?? '').slice('/_sandbox/'.length).split('?')[0];
		const body = (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as ControlRequest;
		return await answerControl(sandbox.state, webhooks, name, body);
	};
	const server = createServer((request, response) => {
		if (request.method === 'POST' && request.url?.startsWith('/_sandbox/')) {
			control(request)
				.then((reply) => send(response, reply))
				.catch((error: Error) => send(response, { status: 400, body: { error: error.message } }));
			return;
		}
		sandbox.inFlight++;
		sandbox.maxInFlight = Math.max(sandbox.maxInFlight, sandbox.inFlight);
		response.on('close', () => sandbox.inFlight--);
		const limit = rateWindow();
		beforeListRead(request);
		answer(sandbox.state, request, sandbox.requests, nextInjected(request) ?? rateLimited(limit))
			.then(async (reply) => {
				if (sandbox.latencyMs)
					await new Promise((resolve) => setTimeout(resolve, sandbox.latencyMs));
				send(
					response,
					limit ? { ...reply, headers: { ...limit.headers, ...reply.headers } } : reply,
				);
			})
			.catch((error: Error) =>
				send(response, errors(500, entry('10000', 'Internal error', error.message))),
			);
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v2`,
		webhooks,
		get state() {
			return sandbox.state;
		},
		get requests() {
			return sandbox.requests;
		},
		get latencyMs() {
			return sandbox.latencyMs;
		},
		set latencyMs(value: number) {
			sandbox.latencyMs = value;
		},
		get maxInFlight() {
			return sandbox.maxInFlight;
		},
		get rateLimitPerSecond() {
			return sandbox.rateLimitPerSecond;
		},
		set rateLimitPerSecond(value: number) {
			sandbox.rateLimitPerSecond = value;
		},
		onListRead(read: number, change: (state: SandboxState) => void) {
			sandbox.listChanges.push({ at: sandbox.listReads + read, change });
		},
		injectReply(reply: InjectedReply, times = 1, only: InjectionFilter = {}) {
			sandbox.injected.push({ reply, times, only });
		},
		reset() {
			sandbox.injected = [];
			sandbox.state = new SandboxState(apiKey);
			sandbox.requests = [];
			sandbox.latencyMs = options.latencyMs ?? 0;
			sandbox.rateLimitPerSecond = 0;
			sandbox.maxInFlight = 0;
			sandbox.listReads = 0;
			sandbox.listChanges = [];
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
