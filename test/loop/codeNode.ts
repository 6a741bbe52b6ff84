// A Code node of an example, run as n8n runs "Run Once for All Items" JavaScript: the node's
// own code (read from examples/), given what `$('Node')` and `$input` answer in n8n, so each
// rule of the loop is checked on its own. The e2e (test/e2e/loop.ts) runs the same code in n8n.
import { readExample } from '../../support/n8n/n8n';

type Json = object;
type Items = Array<{ json: Record<string, unknown> }>;

/**
 * Runs `node` of `example`; `nodes` holds the items each referenced node output (`$input`:
 * 'input'; a node's error output: '<node>[1]').
 */
export function runCodeNode(
	example: string,
	node: string,
	nodes: Record<string, Json[]>,
): Array<Record<string, unknown>> {
	const code = readExample(example).nodes.find((candidate) => candidate.name === node)
		?.parameters as { jsCode: string } | undefined;
	if (!code) throw new Error(`${example} has no node "${node}"`);
	const items = (name: string) => (nodes[name] ?? []).map((json) => ({ json }));
	const $ = (name: string) => {
		return {
			all: (branch = 0) => items(branch ? `${name}[${branch}]` : name),
			first: () => items(name)[0],
			isExecuted: name in nodes,
		};
	};
	const run = new Function('$', '$input', code.jsCode) as (...args: unknown[]) => Items;
	return run($, { all: () => items('input'), first: () => items('input')[0] }).map(
		(item) => item.json,
	);
}
