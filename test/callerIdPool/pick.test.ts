// Pick Caller ID through n8n's engine: calls spread across the healthiest numbers of the callee's
// area code within a daily cap, then the state, then any state; exact counts when answers are
// asked for at the same moment. The counts live in the n8n process (callCounts.ts), so each test
// dials from numbers of its own.
import type { IDataObject } from 'n8n-workflow';

import { operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { runNode } from '../../support/engine/runNode';
import { dayIn } from '../../nodes/TelnyxReputation/callerIdPool/pick';

const api = useSandbox();
const today = () => dayIn('America/New_York', new Date());

/** An active pool row as the data table caller_id_pool holds it. */
const row = (phone_number: string, fields: IDataObject = {}): IDataObject => ({
	phone_number,
	status: 'active',
	spam_risk: 'low',
	connection_score: 80,
	...fields,
});

/** `count` numbers of an area code, from exchange `exchange` (each test its own numbers). */
const numbers = (areaCode: string, exchange: string, count: number) =>
	Array.from({ length: count }, (_, i) => `+1${areaCode}${exchange}${String(i).padStart(4, '0')}`);

async function pick(rows: IDataObject[], callee = '+1 (949) 555-0100', dailyCap = 100) {
	const result = await runNode({
		credential: api.credential,
		parameters: operation('callerIdPool', 'pick', { callee, dailyCap }),
		items: rows,
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	return result.items[0].json;
}

describe('Pick Caller ID', () => {
	test('1,000 answers, fifty at a time, into an area code of 10 healthy numbers, cap 100: each answered exactly 100 times; the 1,001st comes from the same state', async () => {
		const local = numbers('949', '201', 10).map((n, i) => row(n, { connection_score: 70 + i }));
		const sameState = row('+17142010000', { connection_score: 50 });
		const otherState = row('+12122010000', { connection_score: 99 });
		const rows = [otherState, ...local, sameState];

		// Fifty executions at a time, as a busy dialer asks (the engine's log, which the harness
		// reads, is the limit here, not the node).
		const answers: IDataObject[] = [];
		for (let round = 0; round < 20; round++) {
			answers.push(...(await Promise.all(Array.from({ length: 50 }, () => pick(rows)))));
		}

		const perNumber = new Map<unknown, number>();
		for (const answer of answers) {
			perNumber.set(answer.caller_id, (perNumber.get(answer.caller_id) ?? 0) + 1);
		}
		expect([...perNumber.keys()].sort()).toEqual(local.map((r) => r.phone_number));
		expect([...perNumber.values()]).toEqual(Array(10).fill(100));
		// Every answer says its rule and the call's count, and no count is given twice.
		expect(new Set(answers.map((a) => a.rule))).toEqual(new Set(['same_area_code']));
		for (const number of perNumber.keys()) {
			const calls = answers.filter((a) => a.caller_id === number).map((a) => a.calls_today);
			expect(calls.sort((a, b) => Number(a) - Number(b))).toEqual(
				Array.from({ length: 100 }, (_, i) => i + 1),
			);
		}

		const next = await pick(rows);
		expect(next).toMatchObject({
			caller_id: '+17142010000',
			rule: 'same_state',
			calls_today: 1,
			daily_cap: 100,
			area_code: '949',
			state: 'CA',
			day: today(),
		});
		expect(next.reason).toBe("From the callee's state (CA), the least used: call 1 of 100 today.");
	});

	test('spreads calls: the least used today first, then the better connection score', async () => {
		const [a, b, c] = numbers('949', '202', 3);
		const rows = [
			row(a, { connection_score: 60 }),
			row(b, { connection_score: 90, calls_today: 2, calls_day: today() }),
			// A count of another day is not today's.
			row(c, { connection_score: 40, calls_today: 99, calls_day: '2020-01-01' }),
		];
		const order = [];
		for (let call = 0; call < 6; call++) order.push((await pick(rows)).caller_id);
		expect(order).toEqual([a, c, a, c, b, a]);
	});

	test('trusted numbers before medium risk, whatever the distance; high risk, resting and duplicate rows never', async () => {
		const [medium, high, resting] = numbers('949', '203', 3);
		const [farLow] = numbers('212', '203', 1);
		const rows = [
			row(medium, { spam_risk: 'medium', connection_score: 99 }),
			row(high, { spam_risk: 'high' }),
			row(resting, { status: 'remediating' }),
			row(farLow),
			row(farLow),
		];
		const first = await pick(rows, '9495550100', 1);
		expect(first).toMatchObject({ caller_id: farLow, rule: 'other_state', calls_today: 1 });
		expect(first.reason).toBe(
			'From another state (no number of CA under the cap), the least used: call 1 of 1 today.',
		);
		const second = await pick(rows, '9495550100', 1);
		expect(second).toMatchObject({
			caller_id: medium,
			rule: 'same_area_code',
			spam_risk: 'medium',
		});
		expect(second.reason).toMatch(/It reads medium risk: no trusted number was free\.$/);

		const third = await pick(rows, '9495550100', 1);
		expect(third).toMatchObject({ caller_id: null, rule: 'none_under_cap', calls_today: null });
		expect(third.reason).toBe('All 2 active numbers given had their 1 call today.');
		expect(third.advice).toMatch(/counts start again at midnight \(America\/New_York\)/);
	});

	test('a number the table says is at its cap today is not dialled; no rows: what the dialer should do', async () => {
		const [full] = numbers('949', '204', 1);
		const capped = await pick([row(full, { calls_today: 100, calls_day: today() })]);
		expect(capped).toMatchObject({ caller_id: null, rule: 'none_under_cap' });

		// A Data table read that found nothing gives one empty item (Always Output Data).
		const none = await pick([{}]);
		expect(none).toMatchObject({ caller_id: null, rule: 'no_active_number', area_code: '949' });
		expect(none.reason).toBe(
			'None of the 0 pool rows given is an active North American number that is not high risk.',
		);
		expect(none.advice).toMatch(/Add numbers to the pool/);
	});

	test('a callee without a North American area code stops with the value and what to set', async () => {
		const result = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'pick', { callee: '555-01' }),
			items: [row(numbers('949', '205', 1)[0])],
		});
		expect(result.error?.message).toBe(
			'"555-01" is not a North American number: no area code to pick a local caller ID for',
		);
		expect(result.error?.description).toMatch(/Callee's Number/);
	});
});
