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

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) {
		chunks.push(values.slice(start, start + size));
	}
	return chunks;
}
