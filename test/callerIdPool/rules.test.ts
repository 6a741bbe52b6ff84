// Apply Pool Rules through n8n's engine, against the sandbox (the pool's size and a removed
// number are free reads): rest, the resting cap, repeated events, restore, the morning, and
// every outcome of a remediation Telnyx can give.
import type { IDataObject } from 'n8n-workflow';

import { operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { runNode } from '../../support/engine/runNode';
import { poolRowOf } from './poolRow';

const api = useSandbox();
const DAY_MS = 86_400_000;
const POOL = Array.from({ length: 10 }, (_, i) => `+1949555010${i}`);

interface Decided {
	action: string;
	alert: string;
	row: IDataObject;
}

let enterprise: string;
beforeEach(() => {
	enterprise = api.sandbox.state.enterpriseMonitoring(POOL);
});

const poolRow = (phone_number: string, fields: IDataObject = {}) =>
	poolRowOf(enterprise, phone_number, fields);
const riskChanged = (phone_number: string, spam_risk: string, checked_at: string) => ({
	event: 'spamRiskChanged',
	phone_number,
	enterprise_id: enterprise,
	previous: { spam_risk: 'low' },
	current: { spam_risk, connection_score: 20, last_refreshed_at: checked_at },
	checked_at,
});
const record = (phone_number: string, spam_risk = 'low', connection_score = 50) => ({
	phone_number,
	enterprise_id: enterprise,
	reputation_data: { spam_risk, connection_score, last_refreshed_at: '2026-12-02T06:00:00.000Z' },
});
const tenRows = () => POOL.map((number) => poolRow(number));

async function applyRules(inputs: IDataObject[], rows: IDataObject[], fields: IDataObject = {}) {
	const result = await runNode({
		credential: api.credential,
		parameters: operation('callerIdPool', 'applyRules', {
			poolRows: JSON.stringify(rows),
			...fields,
		}),
		items: inputs,
	});
	expect(result.error).toBeUndefined();
	const decided = result.items.map((item) => item.json as unknown as Decided);
	return { decided, hints: result.hints.map((hint) => hint.message) };
}
const morning = async (inputs: IDataObject[], rows: IDataObject[]) =>
	await applyRules(inputs, rows, {
		everyNumber: true,
		options: { maxRestingShare: 0.5, idleAfterDays: 0 },
	});

describe('Apply Pool Rules', () => {
	test('rests a number that turns high risk and marks it for one submission; the row says its state and dial rank', async () => {
		const { decided } = await applyRules(
			[riskChanged(POOL[0], 'high', '2026-12-02T06:00:00.000Z')],
			tenRows(),
		);
		expect(decided).toHaveLength(1);
		expect(decided[0].action).toBe('rest');
		expect(decided[0].row).toMatchObject({
			status: 'remediating',
			remediation_id: 'pending',
			spam_risk: 'high',
			state: 'CA',
			dial_rank: 3080,
			checked_at: '2026-12-02T06:00:00.000Z',
		});
	});

	test('never rests more than the share of the pool (its size read from Telnyx, not from the rows given)', async () => {
		const events = POOL.slice(0, 5).map((n, i) =>
			riskChanged(n, 'high', `2026-12-02T06:00:0${i}.000Z`),
		);
		// Only the rows the events are about: the pool is still the 10 numbers Telnyx monitors.
		const { decided } = await applyRules(events, tenRows().slice(0, 5));
		expect(decided.map((d) => d.action)).toEqual(['rest', 'rest', 'alert', 'alert', 'alert']);
		expect(decided.slice(2).every((d) => d.row.status === 'active')).toBe(true);
		expect(decided[2].alert).toContain('2 of 10 numbers are resting');
	});

	test('a repeated or late event changes nothing; a sample changes nothing and says so', async () => {
		const rested = poolRow(POOL[0], {
			status: 'remediating',
			remediation_id: 'r-1',
			spam_risk: 'high',
			checked_at: '2026-12-02T06:00:00.000Z',
		});
		const rows = [rested, ...tenRows().slice(1)];
		const again = await applyRules([riskChanged(POOL[0], 'high', String(rested.checked_at))], rows);
		expect(again.decided).toEqual([]);
		const late = await applyRules([riskChanged(POOL[0], 'low', '2026-12-01T00:00:00.000Z')], rows);
		expect(late.decided).toEqual([]);
		const sample = { sample: true, ...riskChanged(POOL[1], 'high', '2026-12-09T00:00:00.000Z') };
		const sampled = await applyRules([sample], rows);
		expect(sampled.decided).toEqual([]);
		expect(sampled.hints).toEqual([
			'1 sample item (Fetch Test Event) left out: samples change no row.',
		]);
	});

	test('restores a number whose remediation completed once it reads low, in either order', async () => {
		const remediating = poolRow(POOL[0], {
			status: 'remediating',
			remediation_id: 'r-1',
			spam_risk: 'high',
		});
		const done = { event: 'remediationFinished', id: 'r-1', status: 'completed' };
		const [waiting] = (await applyRules([done], [remediating])).decided;
		expect(waiting.row).toMatchObject({ status: 'resting' });
		const [back] = (
			await applyRules([riskChanged(POOL[0], 'low', '2026-12-03T06:00:00.000Z')], [waiting.row])
		).decided;
		expect(back.row).toMatchObject({
			status: 'active',
			reason: expect.stringMatching(/^restored/),
		});
		const [low] = (
			await applyRules([riskChanged(POOL[0], 'low', '2026-12-03T06:00:00.000Z')], [remediating])
		).decided;
		expect(low.row).toMatchObject({ status: 'remediating', spam_risk: 'low' });
		const [active] = (await applyRules([done], [low.row])).decided;
		expect(active.row).toMatchObject({ status: 'active' });
	});

	test("each number of a finished remediation by Telnyx's result for it: remediated, cooldown, review, cancelled", async () => {
		const [a, b, c, d] = POOL;
		const rows = [a, b, c, d].map((n) =>
			poolRow(n, {
				status: 'remediating',
				remediation_id: 'r-2',
				spam_risk: n === a ? 'low' : 'high',
			}),
		);
		const finished = {
			event: 'remediationFinished',
			id: 'r-2',
			status: 'cancelled',
			results: {
				remediated: [a],
				not_flagged: [],
				requires_review: [c],
				ineligible: [b],
				refused: [],
			},
		};
		const { decided } = await applyRules([finished], rows);
		const by = (n: string) => decided.find((x) => x.row.phone_number === n)!;
		expect(by(a)).toMatchObject({ action: 'save', row: { status: 'active' } });
		expect(by(b)).toMatchObject({
			action: 'save',
			row: { status: 'cooldown', remediation_id: '' },
		});
		expect(by(b).row.reason).toMatch(
			/remediation cooldown\): not billed; submitted again after 14 days/,
		);
		expect(by(c)).toMatchObject({ action: 'alert', row: { status: 'resting' } });
		expect(by(c).alert).toBe(
			`Caller ID ${c} is resting (Telnyx's result: requires review): please look at it.`,
		);
		// Cancelled before Telnyx got to it: no result of its own.
		expect(by(d)).toMatchObject({
			action: 'alert',
			row: { status: 'resting', reason: 'remediation cancelled: resting' },
		});
	});

	test("Remediation Submit's outcome for each rested number: its request, a cooldown, or not sent", async () => {
		const [a, b, c, d] = POOL;
		const rows = [a, b, c, d].map((n) =>
			poolRow(n, { status: 'remediating', remediation_id: 'pending', spam_risk: 'high' }),
		);
		const outcome = (phone_number: string, status: string, fields: IDataObject = {}) => ({
			phone_number,
			status,
			billed_usd: status === 'submitted' ? 1 : 0,
			remediation_id: null,
			enterprise_id: enterprise,
			...fields,
		});
		const { decided } = await applyRules(
			[
				outcome(a, 'submitted', { remediation_id: 'r-9' }),
				outcome(b, 'ineligible'),
				outcome(c, 'failed', { error: 'The request timed out' }),
				// Some numbers of its request were ineligible: which, the finished request says.
				outcome(d, 'submitted_or_ineligible', { remediation_id: 'r-9' }),
			],
			rows,
		);
		const by = (n: string) => decided.find((x) => x.row.phone_number === n)!;
		expect(by(a).row).toMatchObject({ status: 'remediating', remediation_id: 'r-9' });
		expect(by(b).row).toMatchObject({ status: 'cooldown' });
		expect(by(d).row).toMatchObject({ status: 'remediating', remediation_id: 'r-9' });

		// The answer never came: maybe billed, so never sent again; a person is told.
		const [unknown] = (await applyRules([outcome(a, 'unknown', { billed_usd: null })], [rows[0]]))
			.decided;
		expect(unknown).toMatchObject({
			action: 'alert',
			row: { status: 'remediating', remediation_id: 'pending' },
		});
		expect(unknown.alert).toMatch(/the answer never came \(it may have been billed\)/);
		expect(by(c)).toMatchObject({
			action: 'alert',
			row: { status: 'resting', remediation_id: '' },
		});
		expect(by(c).alert).toBe(
			`Caller ID ${c} was rested but not submitted (failed: The request timed out): please look at it.`,
		);
	});

	test('every morning: new numbers join, numbers Telnyx no longer monitors leave, capped numbers rest, cooldowns due retry, long rests are alerted', async () => {
		const longRest = poolRow(POOL[0], {
			status: 'resting',
			since: new Date(Date.now() - 31 * DAY_MS).toISOString(),
			reason: 'remediation failed: resting until it reads low risk',
		});
		const capped = poolRow(POOL[1], { spam_risk: 'high' });
		const cooledDown = poolRow(POOL[2], {
			status: 'cooldown',
			spam_risk: 'high',
			since: new Date(Date.now() - 15 * DAY_MS).toISOString(),
		});
		const coolingDown = poolRow(POOL[3], {
			status: 'cooldown',
			spam_risk: 'high',
			since: new Date(Date.now() - 2 * DAY_MS).toISOString(),
		});
		const removed = poolRow('+13125550150');
		// Unlisted by this read, but Telnyx still monitors it (the list moved as it was read).
		const skipped = poolRow(POOL[9]);
		api.sandbox.state.addInventory(['+13125550199']);
		api.sandbox.state.register(enterprise, '+13125550199');
		const rows = [longRest, capped, cooledDown, coolingDown, ...tenRows().slice(4), removed];
		const listing = [...POOL.slice(0, 9), '+13125550199'].map((n) =>
			POOL.slice(0, 4).includes(n) ? record(n, 'high') : record(n),
		);

		const { decided } = await morning(listing, rows);

		const by = (n: string) => decided.find((x) => x.row.phone_number === n);
		expect(by('+13125550199')).toMatchObject({
			action: 'save',
			row: { status: 'active', area_code: '312', state: 'IL', connection_score: 50 },
		});
		expect(by(removed.phone_number as string)).toMatchObject({ action: 'remove' });
		expect(by(skipped.phone_number as string)).toBeUndefined();
		expect(by(POOL[1])?.action).toBe('rest');
		expect(by(POOL[2])).toMatchObject({
			action: 'rest',
			row: { reason: 'cooldown over: rested and submitted for remediation' },
		});
		// Not due yet, and its newer reading changed nothing that matters: not written.
		expect(by(POOL[3])).toBeUndefined();
		expect(by(POOL[0])?.action).toBe('alert');
		expect(by(POOL[0])?.alert).toContain('has been resting since');
	});

	test('a morning writes only the rows whose reading changed what matters: the risk, or the connection score by 10 or more', async () => {
		const listing = POOL.map((number, index) =>
			record(number, index === 0 ? 'medium' : 'low', { 1: 62, 2: 55 }[index] ?? 50),
		);
		const { decided } = await morning(listing, tenRows());
		expect(
			decided.map((d) => [d.action, d.row.phone_number, d.row.spam_risk, d.row.connection_score]),
		).toEqual([
			['save', POOL[0], 'medium', 50],
			['save', POOL[1], 'low', 62],
		]);
	});

	test('idle numbers: alerted with what their checks cost a month, or, opted in, removed from monitoring (free)', async () => {
		const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
		const rows = [
			poolRow(POOL[0], { calls_day: day(40).slice(0, 10), calls_today: 12 }),
			poolRow(POOL[1], { calls_day: day(3).slice(0, 10), calls_today: 80 }),
			poolRow(POOL[2], { since: day(31) }),
			poolRow(POOL[3], { since: day(5) }),
			poolRow(POOL[4], { status: 'remediating', since: day(10) }),
		];
		const listing = POOL.slice(0, 5).map((number) => record(number));
		const options = { maxRestingShare: 0.5, idleAfterDays: 30 };
		const alerted = await applyRules(listing, rows, { everyNumber: true, options });
		expect(alerted.decided.map((d) => [d.action, d.row.phone_number])).toEqual([
			['alert', POOL[0]],
			['alert', POOL[2]],
		]);
		expect(alerted.decided[0].alert).toBe(
			`Caller ID ${POOL[0]} is idle: its last call was on ${day(40).slice(0, 10)}, and monitoring it costs about USD 2.18 a month. Remove it from monitoring if it is no longer dialled.`,
		);
		expect(alerted.decided[1].alert).toMatch(/is idle: it never made a call, and monitoring/);

		const removed = await applyRules(listing, rows, {
			everyNumber: true,
			options: { ...options, stopIdle: true },
		});
		expect(removed.decided.map((d) => [d.action, d.row.phone_number])).toEqual([
			['stop_monitoring', POOL[0]],
			['stop_monitoring', POOL[2]],
		]);
		expect(removed.decided[0].row.reason).toMatch(
			/^idle \(its last call was on .*\): removed from monitoring, monitoring it cost about USD 2.18 a month$/,
		);
	});

	test('a morning in parts alerts in its first part only: the later parts read the same resting and idle rows', async () => {
		const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
		const rows = [
			poolRow(POOL[0], { status: 'resting', since: day(40), reason: 'high risk' }),
			poolRow(POOL[1], { calls_day: day(40).slice(0, 10) }),
			// High risk and left in rotation: the one resting number is the most 10% allows.
			poolRow(POOL[2], { spam_risk: 'high' }),
		];
		const options = { maxRestingShare: 0.1, idleAfterDays: 30 };
		const part = async (number: number, more: IDataObject[] = []) =>
			await applyRules([...more, { pool_change: 'compared', part: number }], rows, { options });
		expect((await part(1)).decided.map((d) => [d.action, d.row.phone_number])).toEqual([
			['alert', POOL[2]],
			['alert', POOL[0]],
			['alert', POOL[1]],
		]);
		expect((await part(2)).decided).toEqual([]);
		// The rest of the morning's rules still run in a later part: a number gone leaves.
		api.sandbox.state.registrations.delete(POOL[1]);
		const gone = await part(2, [{ pool_change: 'unlisted', phone_number: POOL[1] }]);
		expect(gone.decided.map((d) => [d.action, d.row.phone_number])).toEqual([['remove', POOL[1]]]);
	});
});
