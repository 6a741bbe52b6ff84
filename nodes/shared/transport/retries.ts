// What a failed attempt means for sending it again: was it sent, may it have been processed,
// may it be sent again and after how long. What the user is told is apiErrors.ts's and
// connectionErrors.ts's.
import { sleep } from 'n8n-workflow';

import type { TelnyxErrorEntry, TelnyxResponse } from './answer';
import { errorEntries, rateLimitHeaders } from './answer';

/**
 * Whether a request may be sent again after a failure that does not prove it was not processed.
 * `idempotent` (reads, and writes that set a value): any failure that may pass on a second try
 * is retried (429, 5xx, connection errors). `atMostOnce` (billable requests, and removals, whose
 * second try would fail on the first one's success): only failures that prove the request was
 * not processed are retried (429, a refused connection), never a timeout or a 5xx.
 */
export type RetryPolicy = 'idempotent' | 'atMostOnce';

/**
 * What a failed attempt looked like: what `isRetryable` and `retryDelayMs` read, so a rule that
 * depends on the answer (its status, its headers, the API's error entries) is written there.
 */
export interface AttemptFailure {
	/** A 2xx here is an answer that was not the JSON the API documents. */
	statusCode?: number;
	/** ECONNREFUSED, ECONNRESET, ETIMEDOUT, ECONNABORTED… */
	networkCode?: string;
	headers?: Record<string, unknown>;
	entries?: TelnyxErrorEntry[];
}

/** An error answer as the retry policy reads it: its status, rate-limit headers and error entries. */
export const failureOfAnswer = (response: TelnyxResponse): AttemptFailure => ({
	statusCode: response.statusCode,
	headers: rateLimitHeaders(response),
	entries: errorEntries(response.body),
});

const MAX_RETRIES = 3;
/**
 * A rate limit shared with other callers (other executions, other n8n workers) can refuse the
 * same request several times in a row: 429s are waited out up to this many times, as long as
 * the waits add up to at most MAX_RATE_LIMIT_WAIT_MS.
 */
const MAX_RATE_LIMITED_RETRIES = 20;
/** Added to the wait a 429 asks for, so that callers refused together do not all return together. */
const RATE_LIMIT_JITTER_MS = 200;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** Longest wait, in all, that rate limits may ask for before the node gives up and reports the 429. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Failures that prove the request never reached the API, and may pass if tried again. */
const NOT_PROCESSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** A server certificate refused before anything was sent (Node's codes for them). */
export const UNTRUSTED_CERTIFICATE = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
	'CERT_SIGNATURE_FAILURE',
	'CERT_NOT_YET_VALID',
	'CERT_HAS_EXPIRED',
	'CERT_REVOKED',
	'CERT_UNTRUSTED',
	'HOSTNAME_MISMATCH',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * A secure connection that was never set up (a refused certificate, a failed TLS handshake, such
 * as https:// to a server that speaks http): nothing was sent, and it fails the same next time.
 */
export const isTlsFailure = (code: string) =>
	UNTRUSTED_CERTIFICATE.has(code) || code === 'EPROTO' || /^ERR_(SSL|TLS)_/.test(code);
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);

const isUnreadable = (failure: AttemptFailure) =>
	(failure.statusCode ?? 0) >= 200 && (failure.statusCode ?? 0) < 300;

function isRetryable(policy: RetryPolicy, failure: AttemptFailure): boolean {
	if (failure.statusCode === 429) return true;
	if (failure.networkCode && isTlsFailure(failure.networkCode)) return false;
	if (failure.networkCode && NOT_PROCESSED.has(failure.networkCode)) return true;
	if (policy === 'atMostOnce') return false;
	return (
		failure.networkCode !== undefined ||
		TRANSIENT_STATUS.has(failure.statusCode ?? 0) ||
		isUnreadable(failure)
	);
}

export function mayHaveBeenProcessed(failure: AttemptFailure): boolean {
	if (failure.networkCode)
		return !NOT_PROCESSED.has(failure.networkCode) && !isTlsFailure(failure.networkCode);
	return (failure.statusCode ?? 0) >= 500 || isUnreadable(failure);
}

/** A numeric header of an answer (its first value), or undefined. */
export function header(
	headers: Record<string, unknown> | undefined,
	name: string,
): number | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	const number = Number(Array.isArray(value) ? value[0] : value);
	return value === undefined || value === null || Number.isNaN(number) ? undefined : number;
}

/** An x-ratelimit-reset above this is a time (epoch seconds), below it a number of seconds. */
const EPOCH_SECONDS = 1e9;

/**
 * How long an answer asks to wait before the next request, in ms (0 for a time already past),
 * or undefined when it does not say: Retry-After in seconds or as an HTTP date, as HTTP allows,
 * else x-ratelimit-reset in seconds or as epoch seconds.
 */
export function askedWaitMs(
	headers: Record<string, unknown> | undefined,
	now = Date.now(),
): number | undefined {
	const retryAfter = headers?.['retry-after'];
	const text = String(Array.isArray(retryAfter) ? retryAfter[0] : (retryAfter ?? '')).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = text === '' ? NaN : Date.parse(text);
	if (!Number.isNaN(date)) return Math.max(0, date - now);
	const reset = header(headers, 'x-ratelimit-reset');
	if (reset === undefined) return undefined;
	return Math.max(0, reset > EPOCH_SECONDS ? reset * 1000 - now : reset * 1000);
}

/** Whether a wait the API asked for is longer than the node waits: then it stops at once and says when. */
export const tooLongToWait = (waitMs: number) => waitMs > MAX_RATE_LIMIT_WAIT_MS;

/**
 * How long to wait before retry number `retry` (0-based): what the answer asks for (see
 * askedWaitMs), else exponential backoff with full jitter. Undefined when the API asks for
 * longer than the node is willing to wait.
 */
function retryDelayMs(retry: number, failure: AttemptFailure): number | undefined {
	const asked = askedWaitMs(failure.headers);
	if (asked !== undefined)
		return tooLongToWait(asked) ? undefined : asked + Math.random() * RATE_LIMIT_JITTER_MS;
	return Math.random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** retry);
}

/**
 * Runs `attempt` until it succeeds, fails in a way the policy does not retry, or has been
 * retried MAX_RETRIES times (a 429, MAX_RATE_LIMITED_RETRIES times within
 * MAX_RATE_LIMIT_WAIT_MS of waits). `failureOf` says whether a result or a thrown error is a failure.
 */
export async function withRetries<T>(
	policy: RetryPolicy,
	attempt: () => Promise<T>,
	failureOf: (result: T | undefined, error: unknown) => AttemptFailure | undefined,
): Promise<T> {
	let rateLimitWaitMs = 0;
	for (let retry = 0; ; retry++) {
		let result: T | undefined;
		let error: unknown;
		let threw = false;
		try {
			result = await attempt();
		} catch (caught) {
			error = caught;
			threw = true;
		}
		const failure = failureOf(result, error);
		const limited = failure?.statusCode === 429;
		const retries = limited ? MAX_RATE_LIMITED_RETRIES : MAX_RETRIES;
		let delay =
			failure && retry < retries && isRetryable(policy, failure)
				? retryDelayMs(retry, failure)
				: undefined;
		if (limited && delay !== undefined && (rateLimitWaitMs += delay) > MAX_RATE_LIMIT_WAIT_MS)
			delay = undefined;
		if (delay === undefined) {
			if (threw) throw error;
			return result as T;
		}
		await sleep(delay);
	}
}

/** The system error code (ECONNREFUSED …) of a failed request, wherever n8n wrapped it. */
export function connectionErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const { code } = current as { code?: unknown };
		if (typeof code === 'string' && (/^E[A-Z_]+$/.test(code) || UNTRUSTED_CERTIFICATE.has(code)))
			return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
