// A later morning as n8n runs it in production (workflow static data kept from run to run):
// List Pool Changes hands on a number whose connection score moved, its row is not read, and
// only the columns the rules decided are written (Save the decided columns, by number).
import type { RunningN8n } from '../../support/n8n/n8n';
import { rowsOf, updateRows } from '../../support/n8n/dataTables';
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

/** Values no rule would write, so that a row written whole from anything but itself shows. */
const SET_BY_HAND = {
	reason: 'set by the e2e',
	remediation_id: 'kept-by-the-e2e',
	calls_today: 7,
	since: '2026-01-02T03:04:05.000Z',
};

export async function checkLaterMorning(
	n8n: RunningN8n,
	state: Sandbox['state'],
	poolTableId: string,
	verify: (name: string, ok: boolean, detail?: string) => void,
): Promise<void> {
	const pool = async () => await rowsOf(n8n, poolTableId);
	step(
		"A later morning: a changed number's row is not read; only what the rules decided is written",
	);
	const url = `${n8n.url}/webhook/${MORNING_PATH}`;
	// Being served runs the first production morning: it lists every number and remembers it.
	verify('the morning webhook is served', await servedAfterPublishing(url, { method: 'POST' }));
	const first = await runMorning(url);
	const active = (await pool()).find((row) => row.status === 'active' && row.spam_risk === 'low');
	const number = String(active?.phone_number);
	await updateRows(n8n, poolTableId, ['phone_number', number], SET_BY_HAND);
	const before = (await pool()).find((row) => row.phone_number === number);
	const score = Number(before?.connection_score);
	const moved = score >= 50 ? score - 30 : score + 30;
	state.setReputation(number, { connection_score: moved });
	const later = await runMorning(url);
	const after = (await pool()).find((row) => row.phone_number === number);
	verify(
		'the changed number has its new reading and rank; its status, since, reason, request and calls are as they were',
		first === 200 &&
			later === 200 &&
			before?.reason === SET_BY_HAND.reason &&
			after?.connection_score === moved &&
			after.dial_rank === dialRank('low', moved) &&
			UNDECIDED.every((column) => after[column] === before?.[column]),
		JSON.stringify({ first, later, before, after }),
	);
}
