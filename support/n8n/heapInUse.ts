// n8n's JavaScript heap in use, as n8n's own Prometheus endpoint reports it (N8N_METRICS=true).
// Its resident memory also holds what the heap does not: the expression engine's isolates, code,
// buffers, and heap that V8 has not collected yet (without a --max-old-space-size, V8 on a big
// machine lets its heap grow far past what is live). The bench prints both.

/** Longest wait for one answer: n8n answers late while an execution holds its event loop. */
const ANSWER_WITHIN_MS = 20_000;

async function heapInUseMb(url: string): Promise<number> {
	const response = await fetch(`${url}/metrics`, {
		signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
	});
	const text = await response.text();
	const bytes = /^n8n_nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1];
	return bytes === undefined ? 0 : Number(bytes) / 1024 / 1024;
}

/**
 * Samples the heap in use until `stop` is called, one question at a time; `stop` gives the
 * highest sample in MB (0 when n8n never answered: metrics off, or every answer too late).
 */
export function sampleHeapInUse(url: string): () => Promise<number> {
	let peak = 0;
	let sampling = true;
	const loop = (async () => {
		while (sampling) {
			peak = Math.max(peak, await heapInUseMb(url).catch(() => 0));
			await new Promise((done) => setTimeout(done, 500));
		}
	})();
	return async () => {
		sampling = false;
		await loop;
		return peak;
	};
}
