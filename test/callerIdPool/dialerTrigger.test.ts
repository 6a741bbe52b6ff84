// The Caller ID Dialer Trigger through n8n-core's webhook context, over real HTTP: answers from
// the pool held in the process, no execution per answer, a load asked for once, the day's counts
// handed on as one row and started again from it, and Apply Pool Rules' decisions followed at once. The pool and the
// counts live in the process, so each test names a pool and dials numbers of its own.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

import { TelnyxCallerIdDialerTrigger } from '../../nodes/TelnyxCallerIdDialerTrigger/TelnyxCallerIdDialerTrigger.node';
import { dayIn } from '../../nodes/TelnyxReputation/callerIdPool/pick';
import { DIALER_SECRET } from '../../support/n8n/dialerSecret';
import { DIALER_TRIGGER_TYPE, TOOL_TYPE } from '../../support/engine/nodeTypes';
import { runNode } from '../../support/engine/runNode';
import { WebhookTrigger } from '../../support/engine/triggers';
import { eventuallyAsync } from '../e2e/wait';
import { operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

let trigger: WebhookTrigger | undefined;
afterEach(async () => await trigger?.stop());

let pools = 0;
/** A published dialer (its newest version unless told) of a pool of its own (counts and pools live in the process). */
async function dialer(fields: INodeParameters = {}, typeVersion = 2) {
	const pool = `dialer_test_${++pools}`;
	trigger = new WebhookTrigger(
		api.credential,
		{ path: 'which-caller-id', dialerPool: pool, dailyCap: 100, ...fields },
		DIALER_TRIGGER_TYPE,
		typeVersion,
	);
	await trigger.start();
	await trigger.activate();
	return { pool, trigger };
}

interface Answer extends IDataObject {
	status: number;
}

async function ask(
	url: string,
	callee?: string,
	headers = { [DIALER_SECRET.name]: DIALER_SECRET.value },
) {
	const query = callee === undefined ? '' : `?to=${encodeURIComponent(callee)}`;
	const response = await fetch(`${url}/${query}`, { headers, signal: AbortSignal.timeout(30_000) });
	return { status: response.status, ...((await response.json()) as IDataObject) } as Answer;
}

const row = (phone_number: string, fields: IDataObject = {}): IDataObject => ({
	phone_number,
	area_code: phone_number.slice(2, 5),
	state: { '949': 'CA', '714': 'CA', '212': 'NY', '312': 'IL' }[phone_number.slice(2, 5)] ?? '',
	status: 'active',
	spam_risk: 'low',
	connection_score: 80,
	dial_rank: 20,
	...fields,
});

/** Today in the workflow's time zone, as the trigger counts days (n8n's default zone here). */
const today = () => dayIn('America/New_York', new Date());

const numbers = (areaCode: string, exchange: string, count: number) =>
	Array.from({ length: count }, (_, i) => `+1${areaCode}${exchange}${String(i).padStart(4, '0')}`);

async function loadDialer(pool: string, items: IDataObject[]) {
	const result = await runNode({
		credential: api.credential,
		parameters: operation('callerIdPool', 'loadDialer', { dialerPool: pool }),
		items,
	});
	expect(result.error).toBeUndefined();
	return result.items[0].json;
}

/** The executions the trigger started, by event. */
const started = (t: WebhookTrigger, event: string) =>
	t.deliveries.flatMap((d) => d.started ?? []).filter((item) => item.json.event === event);

describe('Caller ID Dialer Trigger', () => {
	test('refuses a caller without the secret and a call without a callee; starts nothing', async () => {
		const { trigger } = await dialer();
		const stranger = await ask(trigger.url, '+19495551234', { [DIALER_SECRET.name]: 'guess' });
		expect(stranger).toMatchObject({ status: 403 });
		const nobody = await ask(trigger.url, 'abc');
		expect(nobody.status).toBe(400);
		expect(String(nobody.error)).toMatch(/^Say whom you are calling/);
		expect(trigger.deliveries.every((d) => d.started === undefined)).toBe(true);
	});

	test('the first call asks for the pool once and waits for it; calls asked meanwhile wait too; then every answer comes from memory with no execution', async () => {
		const { pool, trigger } = await dialer();
		const local = numbers('949', '301', 3);
		const waiting = Promise.all([
			ask(trigger.url, '+19495551234'),
			ask(trigger.url, '+19495551234'),
		]);
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		expect(started(trigger, 'load_pool')[0].json).toEqual({
			event: 'load_pool',
			pool,
			reason: 'first call since n8n started',
		});

		expect(
			await loadDialer(
				pool,
				local.map((n) => row(n)),
			),
		).toEqual({
			pool,
			loaded: true,
			numbers: 3,
			count_rows: 0,
		});
		const [first, second] = await waiting;
		expect([first.caller_id, second.caller_id].sort()).toEqual(local.slice(0, 2));
		expect(first).toMatchObject({ status: 200, rule: 'same_area_code', calls_today: 1 });

		const deliveriesBefore = trigger.deliveries.length;
		const next = await ask(trigger.url, '+19495551234');
		expect(next).toMatchObject({ caller_id: local[2], calls_today: 1 });
		expect(trigger.deliveries.slice(deliveriesBefore).map((d) => d.started)).toEqual([undefined]);
		expect(started(trigger, 'load_pool')).toHaveLength(1);
	});

	test('1,000 calls at once into an area code of 10 numbers, cap 100: each answered exactly 100 times, the 1,001st from the same state; counts handed on once per Save Counts Every', async () => {
		const { pool, trigger } = await dialer({ options: { saveCountsEverySeconds: 3600 } });
		const local = numbers('949', '302', 10);
		const rows = [
			row('+12123020000', { dial_rank: 1 }),
			...local.map((n) => row(n)),
			row('+17143020000'),
		];
		void ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(pool, rows);

		const answers = await Promise.all(
			Array.from({ length: 999 }, async () => await ask(trigger.url, '+19495551234')),
		);
		const perNumber = new Map<unknown, number[]>();
		for (const answer of answers) {
			perNumber.set(answer.caller_id, [
				...(perNumber.get(answer.caller_id) ?? []),
				Number(answer.calls_today),
			]);
		}
		expect([...perNumber.keys()].sort()).toEqual(local);
		const counts = [...perNumber.values()].map((calls) => calls.sort((a, b) => a - b));
		// 999 asked here and the first one above: ten numbers, their counts 1..100 but one.
		expect(counts.flat().length).toBe(999);
		for (const calls of counts) expect(new Set(calls).size).toBe(calls.length);
		expect(Math.max(...counts.flat())).toBe(100);

		const after = await ask(trigger.url, '+19495551234');
		expect(after).toMatchObject({ caller_id: '+17143020000', rule: 'same_state', calls_today: 1 });
		// Nothing to save yet (Save Counts Every is an hour): no execution for 1,001 answers but the load.
		expect(trigger.deliveries.filter((d) => d.started)).toHaveLength(1);
	});

	test("the day's counts are handed on once Save Counts Every has passed: one execution, one row of counts, and only the rows not yet marked with today", async () => {
		const { pool, trigger } = await dialer({ options: { saveCountsEverySeconds: 1 } });
		const [a, b] = numbers('949', '306', 2);
		void ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(pool, [row(a), row(b, { calls_today: 5, calls_day: today() })]);
		const saved = await eventuallyAsync(15, async () => {
			await ask(trigger.url, '+19495551234');
			return started(trigger, 'day_counts').length > 0;
		});
		expect(saved).toBe(true);
		const batch = trigger.deliveries.find((d) =>
			d.started?.some((item) => item.json.event === 'day_counts'),
		)!.started!;
		const [dayCounts, ...marks] = batch.map((item) => item.json);
		expect(dayCounts).toEqual({
			event: 'day_counts',
			pool,
			day: today(),
			process: expect.stringMatching(new RegExp(`^[0-9a-f]{8} ${pool}$`)),
			counts: expect.stringMatching(
				new RegExp(`^\\+1949306000[01]=\\d+(,\\+1949306000[01]=\\d+)?$`),
			),
			numbers: expect.any(Number),
		});
		// b's row says today already; a's is marked once, with its count when the save was made.
		expect(marks).toEqual([
			{
				event: 'save_count',
				pool,
				phone_number: a,
				calls_today: expect.any(Number),
				calls_day: today(),
			},
		]);
		const more = await eventuallyAsync(15, async () => {
			await ask(trigger.url, '+19495551234');
			return started(trigger, 'day_counts').length > 1;
		});
		expect(more).toBe(true);
		expect(started(trigger, 'save_count')).toHaveLength(1);
	});

	test('a save marks at most 60 rows; the rest follow with the next saves, each once', async () => {
		const { pool, trigger } = await dialer({ options: { saveCountsEverySeconds: 3 } });
		const local = numbers('949', '307', 100);
		void ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(
			pool,
			local.map((n) => row(n)),
		);
		await Promise.all(
			Array.from({ length: 99 }, async () => await ask(trigger.url, '+19495551234')),
		);
		const allMarked = await eventuallyAsync(20, async () => {
			await ask(trigger.url, '+12125551234');
			return started(trigger, 'save_count').length >= 100;
		});
		expect(allMarked).toBe(true);
		// Each save marks the numbers dialled and not yet marked, 60 at most; its row of the day's
		// counts says how many were dialled by then (all 100 unless the calls were slow).
		const saves = trigger.deliveries
			.map((d) => d.started?.map((item) => item.json) ?? [])
			.filter((items) => items.some((json) => json.event === 'save_count'));
		const marksOf = (items: IDataObject[]) => items.filter((j) => j.event === 'save_count').length;
		const dialled = Number(saves[0].find((json) => json.event === 'day_counts')?.numbers);
		expect(marksOf(saves[0])).toBe(Math.min(60, dialled));
		expect(Math.max(...saves.map(marksOf))).toBeLessThanOrEqual(60);
		const marked = started(trigger, 'save_count').map((item) => item.json.phone_number);
		expect(marked).toHaveLength(100);
		expect(new Set(marked).size).toBe(100);
	});

	test("a number dialled, then gone from the pool (rested), stays in the day's counts: a restart gives it no fresh cap", async () => {
		const { pool, trigger } = await dialer({ options: { saveCountsEverySeconds: 1 } });
		const [a, b] = numbers('949', '309', 2);
		const waiting = ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(pool, [row(a), row(b, { dial_rank: 30 })]);
		expect((await waiting).caller_id).toBe(a);
		await loadDialer(pool, [row(b)]);
		const saved = await eventuallyAsync(15, async () => {
			await ask(trigger.url, '+19495551234');
			return started(trigger, 'day_counts').length > 0;
		});
		expect(saved).toBe(true);
		const counts = String(started(trigger, 'day_counts').at(-1)!.json.counts).split(',');
		expect(counts).toContain(`${a}=1`);
	});

	test('the counts saved today start the day again after n8n restarts: the cap holds across it', async () => {
		const { pool, trigger } = await dialer({ dailyCap: 3 });
		const [a, b] = numbers('949', '308', 2);
		const waiting = ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		const loaded = await loadDialer(pool, [
			row(a),
			row(b),
			{ day: today(), process: 'a1b2c3d4', counts: `${a}=3,${b}=1`, numbers: 2 },
			{ day: today(), process: 'e5f6a7b8', counts: `${b}=2`, numbers: 1 },
		]);
		expect(loaded).toMatchObject({ numbers: 2, count_rows: 2 });
		const answers = [await waiting, await ask(trigger.url, '+19495551234')];
		expect(answers.map((answer) => [answer.caller_id, answer.calls_today])).toEqual([
			[b, 3],
			[null, null],
		]);
	});

	test("version 1 (workflows imported before the day's counts): each number dialled is handed on with its latest count, as before", async () => {
		const { pool, trigger } = await dialer({ options: { saveCountsEverySeconds: 1 } }, 1);
		const [a, b] = numbers('949', '303', 2);
		void ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(pool, [row(a), row(b, { calls_today: 5, calls_day: today() })]);
		const saved = await eventuallyAsync(15, async () => {
			await ask(trigger.url, '+19495551234');
			return started(trigger, 'save_count').length > 0;
		});
		expect(saved).toBe(true);
		const batch = trigger.deliveries.find(
			(d) => d.started?.[0].json.event === 'save_count',
		)!.started!;
		expect(started(trigger, 'day_counts')).toEqual([]);
		expect(new Set(batch.map((item) => item.json.phone_number)).size).toBe(batch.length);
		for (const item of batch) {
			expect(item.json).toEqual({
				event: 'save_count',
				pool,
				phone_number: expect.stringMatching(/^\+1949303000[01]$/),
				calls_today: expect.any(Number),
				calls_day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			});
		}
	});

	test('a pool table that cannot be read: the waiting call is told why (503), and the next call is not a new load', async () => {
		const { pool, trigger } = await dialer();
		const waiting = ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		const failed = await loadDialer(pool, [{ error: 'No data table with the name dialer_test' }]);
		expect(failed.loaded).toBe(false);
		const answer = await waiting;
		expect(answer.status).toBe(503);
		expect(String(answer.error)).toContain(`A data table of the pool ${pool} is missing`);
		expect(String(answer.error)).toContain('"Create the caller ID pool tables"');
		const again = await ask(trigger.url, '+19495551234');
		expect(again.status).toBe(503);
		expect(started(trigger, 'load_pool')).toHaveLength(1);
	});

	test('no load within Load Timeout: the call is answered 503, saying which branch is missing', async () => {
		const { trigger } = await dialer({ options: { loadTimeoutSeconds: 1 } });
		const answer = await ask(trigger.url, '+19495551234');
		expect(answer.status).toBe(503);
		expect(String(answer.error)).toMatch(/was not loaded within 1 s: .*Load Dialer/);
	});

	test('Apply Pool Rules naming the pool is followed at once: a number rested is no longer answered', async () => {
		const local = numbers('949', '304', 2);
		const enterprise = api.sandbox.state.enterpriseMonitoring(local);
		const { pool, trigger } = await dialer();
		const rows = local.map((n) => row(n, { enterprise_id: enterprise, dial_rank: 20 }));
		void ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(pool, rows);

		const checkedAt = new Date().toISOString();
		const rules = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'applyRules', {
				poolRows: JSON.stringify(rows),
				options: { dialerPool: pool, maxRestingShare: 1 },
			}),
			items: [
				{
					event: 'spamRiskChanged',
					phone_number: local[0],
					enterprise_id: enterprise,
					previous: { spam_risk: 'low' },
					current: { spam_risk: 'high', connection_score: 20, last_refreshed_at: checkedAt },
					checked_at: checkedAt,
				},
			],
		});
		expect(rules.items.map((item) => item.json.action)).toEqual(['rest']);
		const answers = [];
		for (let call = 0; call < 4; call++)
			answers.push((await ask(trigger.url, '+19495551234')).caller_id);
		expect(answers).toEqual(Array(4).fill(local[1]));
	});

	test("the credential's Test refuses a secret short enough to guess", async () => {
		const { dialerSecretIsStrong } = new TelnyxCallerIdDialerTrigger().methods.credentialTest;
		const test = async (secret: string) =>
			await dialerSecretIsStrong.call(
				{} as ICredentialTestFunctions,
				{
					data: { headerName: 'X-Dialer-Secret', secret },
				} as unknown as ICredentialsDecrypted,
			);
		expect(await test('s3cret')).toEqual({
			status: 'Error',
			message:
				'The secret has 6 characters: use at least 24 random ones (e.g. openssl rand -hex 24)',
		});
		expect((await test(DIALER_SECRET.value)).status).toBe('OK');
	});

	test("Load Dialer is refused as a tool: a model's call holds no pool rows and would empty the pool", async () => {
		const { pool, trigger } = await dialer();
		const [number] = numbers('949', '305', 1);
		void ask(trigger.url, '+19495551234');
		await eventuallyAsync(10, async () => started(trigger, 'load_pool').length === 1);
		await loadDialer(pool, [row(number)]);
		const asTool = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'loadDialer', { dialerPool: pool }),
			items: [{ query: 'load the dialer' }],
			nodeType: TOOL_TYPE,
		});
		expect(asTool.error?.message).toBe('Load Dialer is not a tool');
		expect((await ask(trigger.url, '+19495551234')).caller_id).toBe(number);
	});
});
