// A later morning as n8n runs it in production (workflow static data kept from run to run):
// List Pool Changes hands on a number whose connection score moved, its row is not read, and
// only the columns the rules decided are written (Save the decided columns, by number).
import type { RunningN8n } from '../../support/n8n/n8n';
import type { Row } from '../../support/n8n/dataTables';
import type { Sandbox } from '../../support/sandbox/server';
import { dialRank } from '../../nodes/TelnyxReputation/callerIdPool/row';
import { step } from './report';
import { servedAfterPublishing } from './wait';

/** The replayed pool workflow's morning: a webhook named as the schedule, answering at its end. */
export const MORNING_PATH = 'loop-morning';

/** What no rule decides about a row whose reading alone changed. */
const UNDECIDED = ['status', 'since', 'reason', 'remediation_id', 'calls_today', 'calls_day'];

async function runMorning(url: string): Promise<number> {
	const reply = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(120_000) });
	return reply.status;
}

export async function checkLaterMorning(
	n8n: RunningN8n,
	state: Sandbox['state'],
	pool: () => Promise<Row[]>,
	verify: (name: string, ok: boolean, detail?: string) => void,
): Promise<void> {
	step(
		"A later morning: a changed number's row is not read; only what the rules decided is written",
	);
	const url = `${n8n.url}/webhook/${MORNING_PATH}`;
	// Being served runs the first production morning: it lists every number and remembers it.
	verify('the morning webhook is served', await servedAfterPublishing(url, { method: 'POST' }));
	const first = await runMorning(url);
	const before = (await pool()).find((row) => row.status === 'active' && row.spam_risk === 'low');
	const number = String(before?.phone_number);
	const score = Number(before?.connection_score);
	const moved = score >= 50 ? score - 30 : score + 30;
	state.setReputation(number, { connection_score: moved });
	const later = await runMorning(url);
	const after = (await pool()).find((row) => row.phone_number === number);
	verify(
		'the changed number has its new reading and rank; its status, since, reason, request and calls are as they were',
		first === 200 &&
			later === 200 &&
			after?.connection_score === moved &&
			after.dial_rank === dialRank('low', moved) &&
			UNDECIDED.every((column) => after[column] === before?.[column]),
		JSON.stringify({ first, later, before, after }),
	);
}
