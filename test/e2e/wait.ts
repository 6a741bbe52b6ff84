// Waiting in the e2e for what a running n8n does on its own time: every wait is a condition
// with a bound, never a fixed time, so that a busy machine (CI shared, a laptop compiling)
// makes a check slower, not red.

/**
 * How long n8n may take, after a publish call answered, to serve the workflow's URLs. Quiet,
 * it takes under a second; with both cores busy it was seen answering 404 "webhook is not
 * registered" for well over the 30 s this used to be.
 */
export const PUBLISHED_WITHIN_S = 180;

/** Waits, at most `seconds`, for `done` to hold. */
export async function eventually(seconds: number, done: () => boolean): Promise<boolean> {
	return await eventuallyAsync(seconds, async () => done());
}

/**
 * Waits, at most `seconds`, for `done` to hold, checking every half second. A check that hangs
 * (a request never answered) counts as not done once the time is up: the bound holds.
 */
export async function eventuallyAsync(
	seconds: number,
	done: () => Promise<boolean>,
): Promise<boolean> {
	const end = Date.now() + seconds * 1000;
	const within = async () =>
		await Promise.race([
			done().catch(() => false),
			new Promise<boolean>((resolve) =>
				setTimeout(() => resolve(false), Math.max(0, end - Date.now())).unref(),
			),
		]);
	while (Date.now() < end) {
		if (await within()) return true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return await within();
}

/**
 * Waits until n8n serves a published workflow's URL: anything but 404, n8n's answer for a
 * webhook it has not registered yet (a 401 from an MCP trigger without a token is served).
 */
export async function servedAfterPublishing(url: string, init: RequestInit = {}): Promise<boolean> {
	return await eventuallyAsync(
		PUBLISHED_WITHIN_S,
		async () => (await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })).status !== 404,
	);
}
