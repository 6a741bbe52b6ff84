// One pace per API key and base URL, shared by every execution of this n8n process: it learns
// the API's rate limit from the x-ratelimit-* headers and 429s, and holds a request back while
// the API has said that nothing remains in the current window, instead of sending it into a 429.
import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import type { RequestContext } from './credentials';
import type { AttemptFailure, RetryPolicy } from './retries';
import { askedWaitMs, header, withRetries } from './retries';
import { credentialsOf } from './credentials';

/** Longest a request is held back in all; past it, it is sent and a 429 is handled as usual. */
const MAX_HOLD_MS = 60_000;
/**
 * The part of a limit a process starts with: half, in case another process shares it; a
 * process alone gets the rest back window by window.
 */
const FIRST_SHARE = 0.5;
/** What a window without a 429 gives back of the part a 429 took. */
const SHARE_STEP = 0.1;
/** The smallest part of a limit a process keeps taking. */
const MIN_SHARE = 0.1;
/** How often a request waiting for the first answer looks whether it came. */
const FIRST_ANSWER_CHECK_MS = 10;
/** Two resets this close are the same window's, seen from answers that left at other times. */
const SAME_WINDOW_MS = 200;
/** Spreads the requests released by a new window, so they do not all arrive at once. */
const RELEASE_JITTER_MS = 50;

export interface Pace {
	/**
	 * Until the first answer, one request goes alone and the others wait for it: a burst of
	 * executions starting at once learns the limit before it runs into it.
	 */
	asking: boolean;
	answered: boolean;
	/** Requests per window, as the API last said. */
	limit?: number;
	/** Requests the API said remain in the current window, less those started since. */
	remaining?: number;
	/** When the current window ends (ms since the epoch). */
	resetAt: number;
	/** How long a window lasts: the longest wait to a reset the API has given. */
	windowMs: number;
	/**
	 * The part of what remains that this process takes. Other processes (n8n workers) share
	 * the limit unseen: a 429 halves the part, a window without one gives a little back.
	 */
	share: number;
	/** The end of the last window in which a 429 came back. */
	refusedUntil: number;
}

const paces = new Map<string, Pace>();

/** The pace of the context's credential (the key is hashed: it is kept nowhere in the clear). */
export async function paceOf(context: RequestContext): Promise<Pace> {
	const { apiKey, baseUrl } = await credentialsOf(context);
	const id = createHash('sha256').update(`${apiKey}\n${baseUrl}`).digest('hex');
	let pace = paces.get(id);
	if (!pace) {
		pace = {
			resetAt: 0,
			windowMs: 1000,
			asking: false,
			answered: false,
			share: FIRST_SHARE,
			refusedUntil: 0,
		};
		paces.set(id, pace);
	}
	return pace;
}

/**
 * Waits for the first answer of the process (another request is asking), or, if the API has
 * said nothing remains before its window ends, for the next window; then takes a turn. Every
 * request that takes a turn marks the pace answered when it is over, answered or not.
 */
async function takeTurn(pace: Pace): Promise<void> {
	const holdUntil = Date.now() + MAX_HOLD_MS;
	if (!pace.answered && !pace.asking) {
		pace.asking = true;
		return;
	}
	// Checked every few ms rather than awaited: a timer left behind would outlive the request.
	while (!pace.answered && Date.now() < holdUntil) await sleep(FIRST_ANSWER_CHECK_MS);
	for (;;) {
		const now = Date.now();
		if (now >= pace.resetAt && pace.remaining !== undefined && pace.remaining <= 0) {
			// A new window: this process's part of what the API allows in one, until its answers
			// say more.
			if (pace.refusedUntil < pace.resetAt) pace.share = Math.min(1, pace.share + SHARE_STEP);
			pace.remaining = pace.limit === undefined ? undefined : ofShare(pace, pace.limit);
			pace.resetAt = now + pace.windowMs;
		}
		if (pace.remaining === undefined || pace.remaining > 0 || now >= holdUntil) break;
		await sleep(Math.min(pace.resetAt, holdUntil) - now + Math.random() * RELEASE_JITTER_MS);
	}
	if (pace.remaining !== undefined) pace.remaining--;
}

/**
 * Sends `attempt` in its turn of the credential's pace, and again while it fails in a way
 * `policy` retries (see withRetries). The attempt learns from its answer (`learn`) where it
 * sees the headers: a request of its own, or a declarative operation's `answerChecks`.
 */
export async function sendPaced<T>(
	context: RequestContext,
	policy: RetryPolicy,
	attempt: (pace: Pace) => Promise<T>,
	failureOf: (result: T | undefined, error: unknown) => AttemptFailure | undefined,
): Promise<T> {
	const pace = await paceOf(context);
	const attemptInTurn = async () => {
		await takeTurn(pace);
		try {
			return await attempt(pace);
		} finally {
			// Answered or not: the requests held back for the first answer go on.
			pace.answered = true;
		}
	};
	return await withRetries(policy, attemptInTurn, failureOf);
}

/**
 * Learns from an answer's status and headers. Answers overtake each other, and each counts
 * only the requests the API had seen: within one window the lower count is kept.
 */
export function learn(pace: Pace, statusCode: number, headers: Record<string, unknown> = {}): void {
	const now = Date.now();
	const limit = header(headers, 'x-ratelimit-limit');
	const remaining = statusCode === 429 ? 0 : header(headers, 'x-ratelimit-remaining');
	const reset = askedWaitMs(headers, now);
	if (limit !== undefined) pace.limit = limit;
	// A window longer than a request is ever held is not waited for here (the 429 handling says so).
	const resetAt = reset !== undefined && reset <= MAX_HOLD_MS ? now + reset : undefined;
	const sameWindow = resetAt === undefined || Math.abs(resetAt - pace.resetAt) < SAME_WINDOW_MS;
	if (resetAt !== undefined) {
		pace.windowMs = Math.max(pace.windowMs, resetAt - now);
		if (!sameWindow) pace.resetAt = resetAt;
	}
	if (statusCode === 429 && pace.refusedUntil < pace.resetAt) {
		pace.share = Math.max(MIN_SHARE, pace.share / 2);
		pace.refusedUntil = pace.resetAt;
	}
	if (remaining === undefined) return;
	const ours = ofShare(pace, remaining);
	pace.remaining =
		sameWindow && pace.remaining !== undefined ? Math.min(pace.remaining, ours) : ours;
}

/** This process's part of `count` requests: at least one, so that every process goes on. */
const ofShare = (pace: Pace, count: number) =>
	count <= 0 ? 0 : Math.max(1, Math.floor(count * pace.share));
