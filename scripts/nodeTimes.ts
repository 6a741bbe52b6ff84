// Where an execution's time went, by node, as n8n kept it: for a bench whose workflow keeps its
// successful executions. n8n's REST API gives the data in `flatted`'s format; its own copy of
// `flatted` reads it, so the package gains no dependency.
import { createRequire } from 'node:module';

import { call } from '../support/n8n/dataTables';
import type { N8n, RunningN8n } from '../support/n8n/n8n';

type RunData = Record<string, Array<{ executionTime?: number; data?: { main?: unknown[][] } }>>;

/**
 * The latest execution of `workflowId`: the size of the data n8n stored of it (the bench keeps
 * successful runs here; the pool example keeps only failed ones, whole), then each node's time
 * (all its runs) and items out, slowest first.
 */
export async function nodeTimes(n8n: N8n, running: RunningN8n, workflowId: string) {
	const get = async (path: string) =>
		(await call(running, path, {}, 120_000)) as Record<string, unknown>;
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = (await get(`/executions?filter=${filter}&limit=1`)) as {
		results?: Array<{ id: string }>;
	};
	const id = list.results?.[0]?.id;
	if (!id) return 'no execution kept';
	const flatted = createRequire(n8n.bin)('flatted') as { parse: (text: string) => unknown };
	const execution = await get(`/executions/${id}`);
	const saved = `${(Buffer.byteLength(String(execution.data)) / 1024 / 1024).toFixed(1)} MB saved`;
	const data = flatted.parse(String(execution.data)) as { resultData: { runData: RunData } };
	const nodes = Object.entries(data.resultData.runData);
	if (!nodes.length)
		return `execution ${id}: no node's data shown (n8n's REST API shows none of an execution over EXECUTIONS_DATA_MAX_DISPLAY_SIZE, 100 MiB by default)`;
	const times = nodes
		.map(([node, runs]) => ({
			node,
			ms: runs.reduce((sum, run) => sum + (run.executionTime ?? 0), 0),
			runs: runs.length,
			items: runs.reduce((sum, run) => sum + (run.data?.main ?? []).flat().length, 0),
		}))
		.sort((a, b) => b.ms - a.ms)
		.map(
			({ node, ms, runs, items }) =>
				`${node}: ${(ms / 1000).toFixed(1)} s, ${runs} run(s), ${items} items out`,
		)
		.join('; ');
	return `${saved}; ${times}`;
}
