// The dialer's side of "Which caller ID should I dial from?": one question, with the secret of
// the credential "Dialer secret" (n8n's Header Auth), and the time n8n takes to answer it.
import { DIALER_SECRET } from '../../support/n8n/dialerSecret';
import type { RunningN8n } from '../../support/n8n/n8n';

export interface DialerAnswer {
	status: number;
	caller_id?: string | null;
	rule?: string;
	calls_today?: number | null;
	state?: string | null;
	day?: string;
	error?: string;
	advice?: string;
}

/**
 * The dialer's answer to "whom do I call `callee` from?" (no `to` at all when undefined);
 * `secret: false` asks as someone who found the URL.
 */
export async function askDialer(
	url: string,
	callee?: string,
	{ secret = true } = {},
): Promise<DialerAnswer> {
	const query = callee === undefined ? '' : `?to=${encodeURIComponent(callee)}`;
	const response = await fetch(`${url}${query}`, {
		headers: secret ? { [DIALER_SECRET.name]: DIALER_SECRET.value } : {},
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	try {
		return { status: response.status, ...(JSON.parse(text) as object) };
	} catch {
		return { status: response.status, rule: text.slice(0, 500) };
	}
}

/** `times` questions in a row: the median and the slowest answer, in milliseconds. */
export async function dialerLatency(url: string, times: number) {
	const took: number[] = [];
	for (let i = 0; i < times; i++) {
		const start = performance.now();
		await askDialer(url, `+1949555${String(1000 + i)}`);
		took.push(Math.round(performance.now() - start));
	}
	took.sort((a, b) => a - b);
	return { median: took[Math.floor(times / 2)], slowest: took[times - 1] };
}

/** How many executions n8n keeps of the workflow: the dialer's answers must add none. */
export async function executionCount(n8n: RunningN8n, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await fetch(`${n8n.url}/rest/executions?filter=${filter}&limit=1`, {
		headers: { cookie: n8n.cookie },
		signal: AbortSignal.timeout(30_000),
	});
	const body = (await response.json()) as { data?: { count?: number } };
	if (typeof body.data?.count !== 'number')
		throw new Error(`n8n's executions list: ${response.status} ${JSON.stringify(body)}`);
	return body.data.count;
}
