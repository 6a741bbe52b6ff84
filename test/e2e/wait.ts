// Waiting in the e2e for what a running n8n does on its own time.

/** Waits, at most `seconds`, for `done` to hold. */
export async function eventually(seconds: number, done: () => boolean): Promise<boolean> {
	return await eventuallyAsync(seconds, async () => done());
}

/** Waits, at most `seconds`, for `done` to hold, checking every half second. */
export async function eventuallyAsync(
	seconds: number,
	done: () => Promise<boolean>,
): Promise<boolean> {
	for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
		if (await done().catch(() => false)) return true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return await done().catch(() => false);
}
