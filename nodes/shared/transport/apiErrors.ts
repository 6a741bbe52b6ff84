import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TelnyxErrorEntry, TelnyxResponse } from './answer';
import { errorEntries } from './answer';
import type { AttemptFailure, RetryPolicy } from './retries';
import { askedWaitMs, failureOfAnswer, mayHaveBeenProcessed, tooLongToWait } from './retries';
import { formatCount } from '../text';

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	407: 'Proxy Authentication Required',
	409: 'Conflict',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** What a user can do about a status when the API's own words do not say it. */
function statusHint(statusCode: number, entry?: TelnyxErrorEntry): string | undefined {
	const detail = entry?.detail ?? '';
	switch (statusCode) {
		case 401:
			return 'Check the API key in the Telnyx Number Reputation API credential.';
		case 403:
			return 'The account may not have agreed to the Number Reputation terms, or reputation is not approved for this enterprise.';
		case 404:
			// Telnyx answers a 404 in its envelope; anything else came from another server.
			if (!entry)
				return "Nothing at this address answers as the Telnyx API: check the credential's Base URL.";
			if (/phone number|not monitored|not registered/i.test(detail)) {
				return 'Check that the number is monitored (Phone Number → Get Many lists them), and on this enterprise.';
			}
			if (/enterprise not found/i.test(detail))
				return "Check the enterprise ID: it is none of this account's enterprises, or it was deleted.";
			if (/remediation/i.test(detail))
				return 'Check the remediation ID, and that it belongs to this enterprise.';
			return 'Check the enterprise ID, and that reputation is enabled on this enterprise.';
		case 407:
			// Not Telnyx: the proxy between n8n and Telnyx refused the request, which went no further.
			return 'The proxy between n8n and Telnyx asks for a user and password: give them in Settings → Request Options → Proxy (http://user:password@host:port). Nothing reached Telnyx.';
		case 429:
			return 'Telnyx is rate limiting this account; wait and run again.';
		case 503:
			return 'Telnyx is unavailable for a moment; run again later.';
		default:
			return undefined;
	}
}

const textOf = (body: unknown) =>
	Buffer.isBuffer(body)
		? body.toString('utf8')
		: typeof body === 'string'
			? body
			: JSON.stringify(body);

/** What came instead of the JSON the API documents, or undefined when it is that JSON. */
export function undocumentedBody(
	response: TelnyxResponse,
	emptyAllowed = false,
): string | undefined {
	const { body } = response;
	if (response.statusCode === 204) return undefined;
	const empty =
		body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && !body.length);
	if (empty) return emptyAllowed ? undefined : 'an empty body';
	// The one binary answer the API documents: the LOA, a PDF.
	if (/^application\/pdf/i.test(String(response.headers?.['content-type'] ?? '')))
		return textOf(body).startsWith('%PDF-')
			? undefined
			: `a PDF that is not one: "${snippet(textOf(body))}"`;
	if (typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return undefined;
	const text = textOf(body);
	const shape = /^\s*[[{]/.test(text)
		? `JSON cut off or malformed (${formatCount(text.length)} characters)`
		: /<html|<!doctype/i.test(text)
			? 'an HTML page'
			: 'text that is not JSON';
	return `${shape}: "${snippet(text)}"`;
}

/**
 * A 2xx answer that is not what the API documents: a proxy, a captive portal or a firewall
 * answered instead, or the answer was cut off. Never taken for a success.
 */
export function undocumentedAnswerError(
	node: INode,
	response: TelnyxResponse,
	what: string,
): NodeApiError {
	return new NodeApiError(
		node,
		{ status: response.statusCode },
		{
			message: `Telnyx answered ${response.statusCode}, but not with the JSON the API documents: it sent ${what.replace(/:.*$/s, '')}`,
			description: `What came: ${what}\nSomething between n8n and Telnyx (a proxy, a captive portal, a firewall) may have answered instead, or the answer was cut off. Check the credential's Base URL and the network.`,
			httpCode: String(response.statusCode),
		},
	);
}

/** When the answer asks to wait longer than the node does: the time to run again, in UTC. */
function whenToTryAgain(response: TelnyxResponse): string | undefined {
	const now = Date.now();
	const waitMs = askedWaitMs(response.headers, now);
	if (waitMs === undefined || !tooLongToWait(waitMs)) return undefined;
	const at = new Date(now + waitMs).toISOString().replace(/\.\d+Z$/, 'Z');
	const minutes = Math.ceil(waitMs / 60_000);
	return `Telnyx asks to wait until ${at} (${minutes === 1 ? 'a minute' : `${minutes} minutes`} from now), longer than the node waits: it stopped at once. Run it again after that time.`;
}

function describeEntry(entry: TelnyxErrorEntry): string {
	const where = entry.source?.pointer ?? entry.source?.parameter;
	return [
		`[${entry.code ?? '?'}] ${entry.title ?? 'Error'}: ${entry.detail ?? ''}`.trim(),
		where ? `(at ${where})` : '',
		entry.meta?.url ? `- ${entry.meta.url}` : '',
	]
		.filter(Boolean)
		.join(' ');
}

function statusLabel(statusCode: number): string {
	const text = STATUS_TEXT[statusCode];
	return text ? `${statusCode} ${text}` : String(statusCode);
}

/** The start of a body as one line of plain text, tags dropped. */
function snippet(text: string): string {
	const plain = text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return `${plain.slice(0, 200)}${plain.length > 200 ? '…' : ''}`;
}

function bodySnippet(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'The response had no body.';
	return `The response was not a Telnyx error envelope: "${snippet(typeof body === 'string' ? body : JSON.stringify(body))}"`;
}

/** "Title: detail (and 2 more)": the error's one sentence. */
export function entriesMessage(entries: TelnyxErrorEntry[], fallback: string): string {
	const [first] = entries;
	const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : '';
	return `${first.title ?? fallback}: ${first.detail ?? ''}`.trim() + more;
}

/**
 * The details under that sentence: every entry with its code, pointer and documentation
 * URL; a single entry is not repeated, only its code, pointer and URL are given.
 */
export function entriesDescription(entries: TelnyxErrorEntry[]): string {
	if (entries.length !== 1) return entries.map(describeEntry).join('\n');
	const [entry] = entries;
	const where = entry.source?.pointer ?? entry.source?.parameter;
	return [
		`Telnyx error ${entry.code ?? '?'}`,
		where ? `at ${where}` : '',
		entry.meta?.url ? `- ${entry.meta.url}` : '',
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * The error of an answer, with what the retry policy reads of it (`failureOfAnswer`): a
 * declarative request's answer reaches the retry around it only as the error its answer check
 * threw.
 */
export type AnswerError = NodeApiError & { answer: AttemptFailure };

/**
 * Maps a non-2xx response to a NodeApiError carrying the API's own words: message "title:
 * detail", then a description with what to do, the entries' codes, pointers and
 * documentation URLs, and `context` (where it happened), and the HTTP status. Only the
 * response body is kept, never the request, so the API key cannot travel with the error.
 */
export function toNodeApiError(
	node: INode,
	response: TelnyxResponse,
	context?: string,
): AnswerError {
	const entries = errorEntries(response.body);
	const message = entries.length
		? entriesMessage(entries, statusLabel(response.statusCode))
		: `Telnyx answered ${statusLabel(response.statusCode)}`;
	const description = [
		statusHint(response.statusCode, entries[0]),
		whenToTryAgain(response),
		entries.length ? entriesDescription(entries) : bodySnippet(response.body),
		context,
	]
		.filter(Boolean)
		.join('\n');
	const errorBody = (entries.length
		? { errors: entries }
		: { status: response.statusCode }) as unknown as JsonObject;
	const error = new NodeApiError(node, errorBody, {
		message,
		description,
		httpCode: String(response.statusCode),
	});
	return Object.assign(error, { answer: failureOfAnswer(response) });
}

/** Said of an at-most-once request that failed in a way that does not prove it was not processed. */
const MAY_HAVE_BEEN_PROCESSED =
	'Telnyx may have processed (and billed) the request: check with Get Many (free) before sending these numbers again.';
const MAY_HAVE_BEEN_APPLIED =
	'Telnyx may have processed the request all the same: check the current state with a Get (free) before running it again.';

/**
 * The error of an at-most-once request whose answer never came, or came unreadable or as a
 * 5xx: Telnyx may have processed it. Its own class, so that no caller reports it as failed.
 */
export class OutcomeUnknownError extends NodeApiError {}

/** Marks an at-most-once request's error as an unknown outcome when its failure may have been processed. */
export function withOutcome(
	node: INode,
	policy: RetryPolicy,
	failure: AttemptFailure,
	error: NodeApiError,
	carriesNumbers = false,
): NodeApiError {
	if (policy !== 'atMostOnce' || !mayHaveBeenProcessed(failure)) return error;
	const note = carriesNumbers ? MAY_HAVE_BEEN_PROCESSED : MAY_HAVE_BEEN_APPLIED;
	return new OutcomeUnknownError(node, error.errorResponse ?? {}, {
		// A one-number operation's error names the number first (see answerChecks): it stays first.
		message: error.message.replace(/^(\+\d+: )?/, (number) => `${number}Outcome unknown: `),
		description: [error.description, note].filter(Boolean).join('\n'),
		httpCode: error.httpCode ?? undefined,
	});
}

/**
 * A copy of an n8n error with another description (and, when given, its item): one error is
 * shared by the failures of every number of a request, so it is never changed in place.
 */
export function withDescription<
	E extends Error & { description?: string | null; context: IDataObject },
>(error: E, description: string, item?: { itemIndex: number | undefined }): E {
	const copy = Object.create(
		Object.getPrototypeOf(error),
		Object.getOwnPropertyDescriptors(error),
	) as E;
	copy.description = description;
	if (item) copy.context = { ...error.context, itemIndex: item.itemIndex };
	return copy;
}
