// The pool example's morning in a real n8n, at one pool size (a part of `npm run bench:pool`):
// the first morning into an empty caller_id_pool (every monitored number joins), then a later
// one after 1% of the numbers changed. Each is timed from the question to its execution's end,
// with n8n's peak memory and the largest execution data n8n kept; the rows are then checked
// against the sandbox's numbers. The risk and remediation triggers are left out: the morning is
// measured alone, its schedule a webhook of the same name (the rules ask whether it ran). Then
// the history example's day: its row of pool figures against the sandbox's.
import { request as httpRequest } from 'node:http';

import { sleep } from 'n8n-workflow';

import type { Sandbox } from '../support/sandbox/server';
import type { RunningN8n } from '../support/n8n/n8n';
import { readExample } from '../support/n8n/n8n';
import { askedByWebhook } from '../support/n8n/askedByWebhook';
import { sampleHeapInUse } from '../support/n8n/heapInUse';
import { rowsOf } from '../support/n8n/dataTables';

export const MORNINGS = {
	benchMorning: { example: 'caller-id-pool', path: 'bench-morning' },
	benchHistory: { example: 'caller-id-history', path: 'bench-history' },
};
const TRIGGERS = ['Caller ID risk changed', 'Remediation finished', 'Real event?'];

type Node = Record<string, unknown> & { name: string; parameters: Record<string, unknown> };

/**
 * An example over every number of the account (the sandbox's, seeded anew for each size), its
 * risk triggers left out and its morning asked by a webhook of the same name that answers at
 * the execution's end.
 */
export function morningWorkflow(id: keyof typeof MORNINGS, keepExecutions = false): object {
	const { example, path } = MORNINGS[id];
	const workflow = readExample(example) as unknown as {
		nodes: Node[];
		connections: Record<string, unknown>;
		settings: Record<string, unknown>;
	};
	if (keepExecutions) workflow.settings.saveDataSuccessExecution = 'all';
	workflow.nodes = workflow.nodes.filter((node) => !TRIGGERS.includes(node.name));
	for (const name of TRIGGERS) delete workflow.connections[name];
	askedByWebhook(
		workflow.nodes.find((node) => node.name === 'Every morning'),
		path,
		`b7e1c0d2-0000-4000-8000-${String(Object.keys(MORNINGS).indexOf(id)).padStart(12, '0')}`,
	);
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

/**
 * 1% of the numbers read again with another risk: the changes a morning finds. Most move
 * between low and medium; one in ten turns high, and the morning rests and submits it.
 */
function changeOnePercent(sandbox: Sandbox): Map<string, string> {
	const changed = new Map<string, string>();
	[...sandbox.state.registrations.values()].forEach((registration, index) => {
		if (index % 100 !== 0) return;
		const toggled = registration.reputation_data?.spam_risk === 'low' ? 'medium' : 'low';
		const risk = index % 1000 === 0 ? 'high' : toggled;
		sandbox.state.setReputation(registration.phone_number, { spam_risk: risk });
		changed.set(registration.phone_number, risk);
	});
	return changed;
}

export interface Mornings {
	first: number;
	later: number;
	historyDay: number;
	/** n8n's resident memory before the first morning, and its peak over the three, in MB. */
	restMb: number;
	peakMb: number;
	/** The highest sample of n8n's JavaScript heap in use over the three, in MB; none without metrics. */
	heapMb: number | undefined;
	/** What went wrong with the rows, or nothing. */
	problems: string[];
}

/** Longest wait for a webhook n8n is still registering after the publish. */
const REGISTERED_WITHIN_MS = 60_000;

/** A POST answered however long it takes (fetch gives up on an answer's headers after 300 s). */
function post(url: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(url, { method: 'POST' }, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
		});
		request.on('error', reject);
		request.end();
	});
}

/** One morning asked for: seconds until its execution ended. A 404 (not registered yet) ran nothing: asked again. */
async function morning(n8n: RunningN8n, id: keyof typeof MORNINGS): Promise<number> {
	const deadline = Date.now() + REGISTERED_WITHIN_MS;
	for (;;) {
		const start = performance.now();
		const { status, text } = await post(`${n8n.url}/webhook/${MORNINGS[id].path}`);
		if (status === 200) return (performance.now() - start) / 1000;
		if (status !== 404 || Date.now() > deadline) throw new Error(`${id} failed: ${status} ${text}`);
		await sleep(500);
	}
}

/**
 * What the later morning got wrong, if anything: a change missing from the rows; a number that
 * turned high not resting in a request the sandbox holds; or, for the rest, a column no rule
 * decided (since, reason, the calls) written over.
 */
function laterProblems(
	before: Record<string, unknown>[],
	after: Record<string, unknown>[],
	changed: Map<string, string>,
	sandbox: Sandbox,
): string[] {
	const requested = new Set(
		[...sandbox.state.remediations.values()].flatMap((remediation) => remediation.phone_numbers),
	);
	const earlier = new Map(before.map((row) => [row.phone_number, row]));
	const wrong = { stale: 0, notRested: 0, overwritten: 0 };
	for (const row of after) {
		const risk = changed.get(String(row.phone_number));
		if (risk === undefined) continue;
		wrong.stale += Number(row.spam_risk !== risk);
		if (risk === 'high') {
			wrong.notRested += Number(
				row.status !== 'remediating' || !requested.has(String(row.phone_number)),
			);
			continue;
		}
		const first = earlier.get(row.phone_number) ?? {};
		const kept = ['status', 'since', 'reason', 'remediation_id', 'calls_today', 'calls_day'];
		wrong.overwritten += Number(kept.some((column) => row[column] !== first[column]));
	}
	return [
		wrong.stale && `${wrong.stale} of ${changed.size} changes not in the rows`,
		wrong.notRested && `${wrong.notRested} numbers turned high not resting in a request`,
		wrong.overwritten && `${wrong.overwritten} changed rows had undecided columns written`,
	].filter((problem): problem is string => !!problem);
}

/** The sandbox's pool figures, as the history's daily row counts them. */
function serverFigures(sandbox: Sandbox): Record<string, number> {
	const figures: Record<string, number> = { numbers: 0, low: 0, medium: 0, high: 0, unchecked: 0 };
	for (const { reputation_data: data } of sandbox.state.registrations.values()) {
		figures.numbers++;
		figures[String(data?.spam_risk ?? 'unchecked')]++;
	}
	return figures;
}

/**
 * The first morning, then a later one after 1% changed, with the pool table's rows checked after
 * each; then the history's day, its row of pool figures checked against the server's.
 */
export async function benchMornings(
	n8n: RunningN8n,
	sandbox: Sandbox,
	tables: Record<string, string>,
	rssMb: () => number,
	/** Called after each morning with its workflow's id and start (the node times of `morning` mode). */
	after: (id: keyof typeof MORNINGS, since: Date) => Promise<void> = async () => {},
): Promise<Mornings> {
	const restMb = rssMb();
	let peakMb = restMb;
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb())), 500);
	const heapPeak = sampleHeapInUse(n8n.url);
	const problems: string[] = [];
	try {
		let since = new Date();
		const first = await morning(n8n, 'benchMorning');
		await after('benchMorning', since);
		const monitored = sandbox.state.registrations.size;
		const filled = await rowsOf(n8n, tables.caller_id_pool);
		if (filled.length !== monitored)
			problems.push(`first morning: ${filled.length} rows for ${monitored} numbers`);
		const changed = changeOnePercent(sandbox);
		since = new Date();
		const later = await morning(n8n, 'benchMorning');
		await after('benchMorning', since);
		const rows = await rowsOf(n8n, tables.caller_id_pool);
		if (rows.length !== monitored) problems.push(`later morning: ${rows.length} rows`);
		problems.push(...laterProblems(filled, rows, changed, sandbox));
		since = new Date();
		const historyDay = await morning(n8n, 'benchHistory');
		await after('benchHistory', since);
		const day = (await rowsOf(n8n, tables.caller_id_history)).find((row) => row.kind === 'pool');
		const server = serverFigures(sandbox);
		const differ = Object.keys(server).filter((key) => day?.[key] !== server[key]);
		if (differ.length)
			problems.push(`the history's day differs from the server in ${differ.join(', ')}`);
		return { first, later, historyDay, restMb, peakMb, heapMb: await heapPeak(), problems };
	} finally {
		clearInterval(sampler);
		await heapPeak();
	}
}

/** A pool size's mornings as the first cells of a row of the bench's tables. */
export const morningCells = (kind: string, size: number, mornings: Mornings) =>
	[
		kind,
		size.toLocaleString('en-US'),
		`${mornings.first.toFixed(1)} s`,
		`${mornings.later.toFixed(1)} s`,
		`${mornings.historyDay.toFixed(1)} s`,
		`${Math.round(mornings.restMb)} → ${Math.round(mornings.peakMb)} MB (heap ${
			mornings.heapMb === undefined ? 'n/a' : `${Math.round(mornings.heapMb)} MB`
		})`,
	].join(' | ');
