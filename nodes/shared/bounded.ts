/**
 * Runs tasks at most `limit` at a time, in order. Once `stop()` answers true no further task
 * starts; those tasks' results stay `undefined`, so the caller can report them as not sent.
 */
export async function runBounded<T>(
	tasks: Array<() => Promise<T>>,
	limit: number,
	stop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(tasks.length).fill(undefined);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length && !stop()) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	const workers = Math.max(1, Math.min(limit, tasks.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}

/**
 * Runs tasks as `runBounded` does until a finished task's result `ends` the run: `end` is that
 * result, the first to finish of those that end it. A runner, not a pipeline step: the batched
 * operations hand it each batch's own work, and it only decides when to start the next.
 */
export async function runUntil<T>(
	tasks: Array<() => Promise<T>>,
	limit: number,
	ends: (result: T) => boolean,
): Promise<{ results: Array<T | undefined>; end?: T }> {
	let end: T | undefined;
	const endOnce = (task: () => Promise<T>) => async () => {
		const result = await task();
		if (end === undefined && ends(result)) end = result;
		return result;
	};
	const results = await runBounded(tasks.map(endOnce), limit, () => end !== undefined);
	return { results, end };
}

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) {
		chunks.push(values.slice(start, start + size));
	}
	return chunks;
}
