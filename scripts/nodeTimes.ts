// Where an execution's time went, by node, as n8n kept it: for a bench whose workflow keeps its
// successful executions. n8n's REST API gives the data in `flatted`'s format; its own copy of
// `flatted` reads it, so the package gains no dependency.
import { createRequire } from 'node:module';

import { call } from '../support/n8n/dataTables';
import type { N8n, RunningN8n } from '../support/n8n/n8n';

type RunData = Record<
	string,
	Array<{
		executionTime?: number;
		data?: { main?: unknown[][] };
		/** n8n's note on a run that started a sub-execution (Execute Sub-workflow). */
		metadata?: { subExecution?: object };
	}>
>;

/** One kept execution: the MB of data n8n stored of it, and its run data. */
async function readExecution(
	get: (path: string) => Promise<Record<string, unknown>>,
	parse: (text: string) => unknown,
	id: string,
): Promise<{ mb: number; runData: RunData }> {
	const execution = await get(`/executions/${id}`);
	const data = parse(String(execution.data)) as { resultData: { runData: RunData } };
	const mb = Buffer.byteLength(String(execution.data)) / 1024 / 1024;
	return { mb, runData: data.resultData.runData };
}

/** How many sub-executions (the morning's parts) an execution started. */
const partsStarted = (runData: RunData) =>
	Object.values(runData)
		.flat()
		.filter((run) => run.metadata?.subExecution).length;

/**
 * The executions of `workflowId` started since `since`: the morning (the one that started the
 * others as its parts), then the parts with the data n8n stored of the largest, and each node's
 * time (all its runs in all parts) and items out, slowest first.
 */
export async function nodeTimes(n8n: N8n, running: RunningN8n, workflowId: string, since: Date) {
	const get = async (path: string) =>
		(await call(running, path, {}, 120_000)) as Record<string, unknown>;
	const filter = encodeURIComponent(
		JSON.stringify({ workflowId, startedAfter: since.toISOString() }),
	);
	const list = (await get(`/executions?filter=${filter}&limit=100`)) as {
		results?: Array<{ id: string }>;
	};
	const ids = (list.results ?? []).map((result) => result.id);
	if (!ids.length) return 'no execution kept';
	const flatted = createRequire(n8n.bin)('flatted') as { parse: (text: string) => unknown };
	const totals = new Map<string, { ms: number; runs: number; items: number }>();
	let [largest, blank, parts, caller] = [0, 0, 0, ''];
	for (const id of ids) {
		const { mb, runData } = await readExecution(get, flatted.parse, id);
		const started = partsStarted(runData);
		if (started) {
			caller = `the morning: ${mb.toFixed(1)} MB saved, ${started} part(s) run; `;
			continue;
		}
		[largest, parts] = [Math.max(largest, mb), parts + 1];
		if (!Object.keys(runData).length) blank++;
		for (const [node, runs] of Object.entries(runData)) {
			const total = totals.get(node) ?? { ms: 0, runs: 0, items: 0 };
			for (const run of runs) {
				total.ms += run.executionTime ?? 0;
				total.items += (run.data?.main ?? []).flat().length;
			}
			total.runs += runs.length;
			totals.set(node, total);
		}
	}
	const kept = `${caller}${parts} execution(s) of the work, the largest ${largest.toFixed(1)} MB saved`;
	// n8n's REST API shows none of an execution over EXECUTIONS_DATA_MAX_DISPLAY_SIZE (100 MiB).
	const hidden = blank ? `; ${blank} with no node's data shown (over n8n's display limit)` : '';
	const times = [...totals]
		.sort(([, a], [, b]) => b.ms - a.ms)
		.map(
			([node, { ms, runs, items }]) =>
				`${node}: ${(ms / 1000).toFixed(1)} s, ${runs} run(s), ${items} items out`,
		)
		.join('; ');
	return `${kept}${hidden}; ${times}`;
}
