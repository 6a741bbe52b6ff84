// The editor's "Execute workflow" from one trigger, to its end: what a new user does first with
// an imported example, and where a sample from Fetch Test Event travels through every node.
import type { RunningN8n } from '../../support/n8n/n8n';
import { listenForTestEvent } from '../../support/n8n/n8n';
import { eventuallyAsync } from './wait';

export const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** An execution as n8n's REST API gives it: its status, and its JSON text (its data included). */
export async function readExecution(n8n: RunningN8n, id: string) {
	const response = await fetch(`${n8n.url}/rest/executions/${id}`, {
		headers: { cookie: n8n.cookie },
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	const status = (JSON.parse(text) as { data?: { status?: string } }).data?.status;
	return { status: status ?? `unreadable: ${response.status}`, text };
}

/**
 * Runs a workflow from `trigger` as the editor's Execute workflow does and waits (at most
 * `seconds`) until the execution has finished: its status and text, or what went wrong.
 */
export async function executeWorkflow(
	n8n: RunningN8n,
	id: string,
	trigger: string,
	seconds: number,
): Promise<{ status: string; text: string }> {
	const started = await listenForTestEvent(n8n, id, trigger);
	const executionId = /"executionId":"?(\d+)/.exec(started.body)?.[1];
	if (started.status !== 200 || !executionId)
		return { status: `not started: ${started.status}`, text: started.body };
	let last = { status: 'never read', text: '' };
	await eventuallyAsync(seconds, async () => {
		last = await readExecution(n8n, executionId);
		return FINISHED.includes(last.status);
	});
	return last;
}
