// The pool example's morning in a real n8n, at one pool size (a part of `npm run bench:pool`):
// the first morning into an empty caller_id_pool (every monitored number joins), then a later
// one after 1% of the numbers changed. Each is timed from the question to its execution's end,
// with n8n's peak memory and the largest execution data n8n kept; the rows are then checked
// against the sandbox's numbers. The risk and remediation triggers are left out: the morning is
// measured alone, its schedule a webhook of the same name (the rules ask whether it ran).
import type { Sandbox } from '../support/sandbox/server';
import type { RunningN8n } from '../support/n8n/n8n';
import { readExample } from '../support/n8n/n8n';
import { rowsOf } from '../support/n8n/dataTables';

export const MORNING_ID = 'benchMorning';
const MORNING_PATH = 'bench-morning';
const RISK_TRIGGERS = ['Caller ID risk changed', 'Remediation finished', 'Real event?'];

type Node = Record<string, unknown> & { name: string; parameters: Record<string, unknown> };

/**
 * The pool example over every number of the account (the sandbox's, seeded anew for each size),
 * its morning asked by a webhook that answers at its end.
 */
export function morningWorkflow(): object {
	const workflow = readExample('caller-id-pool') as unknown as {
		nodes: Node[];
		connections: Record<string, unknown>;
	};
	workflow.nodes = workflow.nodes.filter((node) => !RISK_TRIGGERS.includes(node.name));
	for (const name of RISK_TRIGGERS) delete workflow.connections[name];
	for (const node of workflow.nodes) {
		if (node.name !== 'Every morning') continue;
		Object.assign(node, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'b7e1c0d2-0000-4000-8000-00000000a001',
			parameters: {
				path: MORNING_PATH,
				responseMode: 'lastNode',
				responseData: 'noData',
				options: {},
			},
		});
	}
	return workflow;
}

/** The sandbox's numbers, anew, for a pool of `size`: spread over `areaCodes`, mostly low risk. */
export function seedNumbers(sandbox: Sandbox, size: number, areaCodes: string[]): void {
	sandbox.reset();
	const numbers = Array.from(
		{ length: size },
		(_, index) =>
			`+1${areaCodes[index % areaCodes.length]}${String(2000000 + index).padStart(7, '0')}`,
	);
	sandbox.state.enterpriseMonitoring(numbers);
	numbers.forEach((number, index) =>
		sandbox.state.setReputation(number, {
			spam_risk: index % 10 === 9 ? 'medium' : 'low',
			connection_score: (index * 37) % 100,
		}),
	);
}

/** 1% of the numbers read again with another risk (low ↔ medium): the changes a morning finds. */
function changeOnePercent(sandbox: Sandbox): Map<string, string> {
	const changed = new Map<string, string>();
	[...sandbox.state.registrations.values()].forEach((registration, index) => {
		if (index % 100 !== 0) return;
		const risk = registration.reputation_data?.spam_risk === 'low' ? 'medium' : 'low';
		sandbox.state.setReputation(registration.phone_number, { spam_risk: risk });
		changed.set(registration.phone_number, risk);
	});
	return changed;
}

export interface Mornings {
	first: number;
	later: number;
	/** n8n's peak resident memory over both, in MB. */
	peakMb: number;
	/** What went wrong with the rows, or nothing. */
	problems: string[];
}

/** One morning asked for: seconds until its execution ended. */
async function morning(n8n: RunningN8n): Promise<number> {
	const start = performance.now();
	const response = await fetch(`${n8n.url}/webhook/${MORNING_PATH}`, {
		method: 'POST',
		signal: AbortSignal.timeout(1_800_000),
	});
	if (!response.ok)
		throw new Error(`the morning failed: ${response.status} ${await response.text()}`);
	return (performance.now() - start) / 1000;
}

/** The first morning, then a later one after 1% changed, with the pool table's rows checked after each. */
export async function benchMornings(
	n8n: RunningN8n,
	sandbox: Sandbox,
	poolTable: string,
	rssMb: () => number,
): Promise<Mornings> {
	let peakMb = rssMb();
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb())), 500);
	const problems: string[] = [];
	try {
		const first = await morning(n8n);
		const monitored = sandbox.state.registrations.size;
		const filled = await rowsOf(n8n, poolTable);
		if (filled.length !== monitored)
			problems.push(`first morning: ${filled.length} rows for ${monitored} numbers`);
		const changed = changeOnePercent(sandbox);
		const later = await morning(n8n);
		const rows = await rowsOf(n8n, poolTable);
		const stale = rows.filter(
			(row) =>
				changed.has(String(row.phone_number)) &&
				row.spam_risk !== changed.get(String(row.phone_number)),
		);
		if (rows.length !== monitored) problems.push(`later morning: ${rows.length} rows`);
		if (stale.length) problems.push(`${stale.length} of ${changed.size} changes not in the rows`);
		return { first, later, peakMb, problems };
	} finally {
		clearInterval(sampler);
	}
}
