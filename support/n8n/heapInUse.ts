// n8n's JavaScript heap in use, as n8n's own Prometheus endpoint reports it (N8N_METRICS=true).
// Its resident memory also holds what the heap does not: the expression engine's isolates, code,
// buffers, and heap that V8 has not collected yet (without a --max-old-space-size, V8 on a big
// machine lets its heap grow far past what is live). The bench prints both. A sample is taken
// only when n8n's event loop is free, not during a node's synchronous work: the peak is a lower
// bound.
import { setTimeout as sleep } from 'node:timers/promises';

/** Longest wait for one answer: n8n answers late while an execution holds its event loop. */
const ANSWER_WITHIN_MS = 20_000;
const EVERY_MS = 500;

/**
 * MB in use; `undefined` when metrics are off (a 404, or an answer without the figure); `null`
 * for a sample missed (a 503 while n8n's database check lags, a refusal, a timeout).
 */
async function heapInUseMb(url: string, stop: AbortSignal): Promise<number | null | undefined> {
	const signal = AbortSignal.any([stop, AbortSignal.timeout(ANSWER_WITHIN_MS)]);
	const response = await fetch(`${url}/metrics`, { signal });
	const bytes = /^n8n_nodejs_heap_size_used_bytes (\d+)/m.exec(await response.text())?.[1];
	if (response.status === 404 || (response.ok && bytes === undefined)) return undefined;
	return response.ok ? Number(bytes) / 1024 / 1024 : null;
}

/**
 * Samples the heap in use, one question at a time, until the returned function is called: it
 * stops the sampling (a question in flight is cancelled) and gives the highest sample in MB,
 * `undefined` when there was none (metrics off: the sampling ends at the first answer).
 */
export function sampleHeapInUse(url: string): () => Promise<number | undefined> {
	const stop = new AbortController();
	let peak: number | undefined;
	const sampling = (async () => {
		while (!stop.signal.aborted) {
			const mb = await heapInUseMb(url, stop.signal).catch(() => null);
			if (mb === undefined) return;
			if (mb !== null) peak = Math.max(peak ?? 0, mb);
			await sleep(EVERY_MS, undefined, { signal: stop.signal }).catch(() => {});
		}
	})();
	let stopped: Promise<number | undefined> | undefined;
	return () => {
		stop.abort();
		stopped ??= sampling.then(() => peak);
		return stopped;
	};
}
