// List Pool Changes through n8n's engine, against the sandbox, its static data kept from run to
// run as n8n keeps a published workflow's: the morning hands on only the numbers that joined,
// moved as the rules count a move, or left; and Apply Pool Rules runs the morning on them.
import type { IDataObject } from 'n8n-workflow';

import { TOOL_TYPE } from '../../support/engine/nodeTypes';
import { runNode } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { poolRowOf } from './poolRow';

const api = useSandbox();
const NUMBERS = usNumbers(600);
const NODE_DATA = 'node:Telnyx';

let enterprise: string;
beforeEach(() => {
	enterprise = api.sandbox.state.enterpriseMonitoring(NUMBERS);
	NUMBERS.forEach((number) =>
		api.sandbox.state.setReputation(number, { spam_risk: 'low', connection_score: 50 }),
	);
});

async function listChanges(staticData: IDataObject, fields: IDataObject = {}) {
	const result = await runNode({
		credential: api.credential,
		parameters: operation('callerIdPool', 'listChanges', {
			enterpriseId: byId(enterprise),
			...fields,
		}),
		staticData,
	});
	expect(result.error).toBeUndefined();
	const items = result.items.map((item) => item.json);
	const compared = items[items.length - 1];
	const change = (kind: string) =>
		items.filter((json) => json.pool_change === kind).map((json) => json.phone_number);
	return { items, compared, change, hints: result.hints.map((hint) => hint.message) };
}

/** Runs as the example's loop does: each part continues the one before by its part_key. */
function inParts(staticData: IDataObject, mostNumbers: number, fields: IDataObject = {}) {
	let lastPartKey = '';
	return async (first: IDataObject = {}) => {
		const run = await listChanges(staticData, { mostNumbers, lastPartKey, ...fields, ...first });
		lastPartKey = String(run.compared.part_key);
		return run;
	};
}

describe('List Pool Changes', () => {
	test('into an empty pool every number joins; a morning with nothing new hands on no number', async () => {
		const staticData: IDataObject = {};
		const first = await listChanges(staticData, { poolIsEmpty: true });
		expect(first.change('joined')).toEqual(NUMBERS);
		expect(first.items[0]).toMatchObject({
			phone_number: NUMBERS[0],
			enterprise_id: enterprise,
			reputation_data: { spam_risk: 'low', connection_score: 50 },
		});
		expect(first.compared).toMatchObject({
			pool_change: 'compared',
			monitored: 600,
			joined: 600,
			changed: 0,
			unlisted: 0,
			pool_was_empty: true,
			pages_read: 3,
		});
		// What it remembers stays small: a few characters a number.
		expect(JSON.stringify(staticData[NODE_DATA]).length).toBeLessThan(600 * 12);

		const quiet = await listChanges(staticData);
		expect(quiet.items).toEqual([expect.objectContaining({ pool_change: 'compared' })]);
		expect(quiet.compared).toMatchObject({ monitored: 600, joined: 0, changed: 0, unlisted: 0 });
		expect(quiet.hints).toContain(
			'0 of 600 monitored numbers to look at: 0 new, 0 changed, 0 no longer listed.',
		);
	});

	test('a morning hands on exactly what the rules would write: a risk, an enterprise or a score moved by 10, new and gone numbers', async () => {
		const staticData: IDataObject = {};
		await listChanges(staticData, { poolIsEmpty: true });
		const { state } = api.sandbox;
		state.setReputation(NUMBERS[1], { spam_risk: 'high' });
		state.setReputation(NUMBERS[2], { connection_score: 62 });
		state.setReputation(NUMBERS[3], { connection_score: 55 });
		state.registrations.delete(NUMBERS[4]);
		const added = usNumbers(1, 900)[0];
		state.register(enterprise, added);
		const morning = await listChanges(staticData);
		expect(morning.change('changed')).toEqual([NUMBERS[1], NUMBERS[2]]);
		expect(morning.change('joined')).toEqual([added]);
		expect(morning.change('unlisted')).toEqual([NUMBERS[4]]);
		expect(morning.items.find((json) => json.phone_number === NUMBERS[4])).toEqual({
			phone_number: NUMBERS[4],
			enterprise_id: enterprise,
			pool_change: 'unlisted',
		});

		// Small moves add up as they do in the row: 55, then 59, is 9 from the 50 written; 61 is 11.
		state.setReputation(NUMBERS[3], { connection_score: 59 });
		expect((await listChanges(staticData)).change('changed')).toEqual([]);
		state.setReputation(NUMBERS[3], { connection_score: 61 });
		expect((await listChanges(staticData)).change('changed')).toEqual([NUMBERS[3]]);
	});

	test('at 100,000 numbers it remembers under 1 MB, and a morning of 1% changed hands on those 1,000', async () => {
		const big = usNumbers(100_000, 10_000);
		const { state } = api.sandbox;
		enterprise = state.enterpriseMonitoring(big);
		big.forEach((number) =>
			state.setReputation(number, { spam_risk: 'low', connection_score: 50 }),
		);
		const staticData: IDataObject = {};
		const first = await listChanges(staticData, { poolIsEmpty: true });
		expect(first.compared).toMatchObject({ monitored: 100_000, joined: 100_000, pages_read: 400 });
		expect(JSON.stringify(staticData[NODE_DATA]).length).toBeLessThan(1_000_000);
		const changed = big.filter((_, index) => index % 100 === 0);
		changed.forEach((number) => state.setReputation(number, { spam_risk: 'medium' }));
		const morning = await listChanges(staticData);
		expect(morning.change('changed')).toEqual(changed);
		expect(morning.items).toHaveLength(1_001);
	}, 120_000);

	test('List Every Number forgets what it remembered; another enterprise starts afresh', async () => {
		const staticData: IDataObject = {};
		await listChanges(staticData, { poolIsEmpty: true });
		const again = await listChanges(staticData, { listEveryNumber: true });
		expect(again.change('joined')).toHaveLength(600);
		expect(again.compared.pool_was_empty).toBe(false);

		const other = api.sandbox.state.enterpriseMonitoring(usNumbers(2, 800));
		const elsewhere = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'listChanges', { enterpriseId: byId(other) }),
			staticData,
		});
		expect(elsewhere.items.filter((item) => item.json.pool_change === 'joined')).toHaveLength(2);
	});

	test('Max Numbers per Run: a first fill in parts hands every number on once, each part as a first fill, and says what is left', async () => {
		const staticData: IDataObject = {};
		const part = inParts(staticData, 250);
		const first = await part({ poolIsEmpty: true });
		const [second, third] = [await part(), await part()];
		expect([first, second, third].map((run) => run.change('joined').length)).toEqual([
			250, 250, 100,
		]);
		expect([first, second, third].flatMap((run) => run.change('joined'))).toEqual(NUMBERS);
		expect([first, second, third].map((run) => run.compared)).toEqual([
			expect.objectContaining({ part: 1, more_to_come: 350, next_part: true, first_fill: true }),
			expect.objectContaining({ part: 2, more_to_come: 100, next_part: true, first_fill: true }),
			expect.objectContaining({ part: 3, more_to_come: 0, next_part: false, first_fill: true }),
		]);
		expect(second.compared.pool_was_empty).toBe(false);
		expect(first.hints).toContain(
			'250 of 600 monitored numbers to look at: 250 new, 0 changed, 0 no longer listed. 350 more left for part 2.',
		);
		// The next morning is a morning: nothing left, no fill.
		const morning = await listChanges(staticData, { mostNumbers: 250 });
		expect(morning.compared).toMatchObject({
			part: 1,
			joined: 0,
			more_to_come: 0,
			first_fill: false,
		});
	});

	test('a part that finds another memory than its part saved is a first part, no longer a fill; one that leaves no fewer than the last says no next part', async () => {
		const staticData: IDataObject = {};
		const part = inParts(staticData, 250);
		await part({ poolIsEmpty: true });
		// A trigger of the same workflow saved the static data it held: the memory before part 2.
		const older = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		await part();
		Object.assign(staticData, older);
		const put = await part();
		expect(put.compared).toMatchObject({ part: 1, first_fill: false, next_part: true });
		// Its memory lost (n8n kept no static data): the next part would start over, as part 1.
		const lost = await listChanges({}, { mostNumbers: 250, lastPartKey: put.compared.part_key });
		expect(lost.compared).toMatchObject({ part: 1, first_fill: false });

		const grows = inParts({}, 250);
		await grows({ poolIsEmpty: true });
		usNumbers(300, 2_000).forEach((number) => api.sandbox.state.register(enterprise, number));
		const grown = await grows();
		expect(grown.compared).toMatchObject({ part: 2, more_to_come: 400, next_part: false });
		expect(grown.hints).toContain(
			'250 of 900 monitored numbers to look at: 250 new, 0 changed, 0 no longer listed. 400 more left (part 1 left 350): no next part; the next morning goes on.',
		);
	});

	test('a run that does not continue the last one finds what it left, no longer as a fill (its rows are read); List Every Number forgets once, not in each part', async () => {
		const staticData: IDataObject = {};
		await listChanges(staticData, { mostNumbers: 250, poolIsEmpty: true });
		// A part whose rows were written but whose memory was not saved may have come between.
		const anew = await listChanges(staticData, { mostNumbers: 250 });
		expect(anew.change('joined')).toEqual(NUMBERS.slice(250, 500));
		expect(anew.compared).toMatchObject({ part: 1, first_fill: false, next_part: true });

		await listChanges(staticData);
		const every = inParts(staticData, 400, { listEveryNumber: true });
		const [one, two] = [await every(), await every()];
		expect([...one.change('joined'), ...two.change('joined')]).toEqual(NUMBERS);
		expect(two.compared).toMatchObject({ part: 2, first_fill: false, more_to_come: 0 });
	});

	test('numbers no longer listed count towards the most: the rest stay remembered for the next part', async () => {
		const staticData: IDataObject = {};
		await listChanges(staticData, { poolIsEmpty: true });
		NUMBERS.slice(0, 3).forEach((number) => api.sandbox.state.registrations.delete(number));
		api.sandbox.state.setReputation(NUMBERS[10], { spam_risk: 'high' });
		const part = inParts(staticData, 2);
		const first = await part();
		expect(first.items.map((json) => [json.pool_change, json.phone_number])).toEqual([
			['changed', NUMBERS[10]],
			['unlisted', NUMBERS[0]],
			['compared', undefined],
		]);
		const second = await part();
		expect(second.change('unlisted')).toEqual([NUMBERS[1], NUMBERS[2]]);
		expect(second.compared).toMatchObject({ part: 2, more_to_come: 0 });
	});

	test('a fill ends in the part that hands on a number no longer listed: listed again, its row would be read', async () => {
		const part = inParts({}, 302);
		await part({ poolIsEmpty: true });
		// The list moved as it was read: five numbers of the first part are missing from the second.
		const { state } = api.sandbox;
		NUMBERS.slice(0, 5).forEach((number) => state.registrations.delete(number));
		const second = await part();
		expect(second.change('unlisted')).toEqual(NUMBERS.slice(0, 4));
		expect(second.compared).toMatchObject({ part: 2, first_fill: true, more_to_come: 1 });
		state.register(enterprise, NUMBERS[0]);
		const third = await part();
		expect(third.change('joined')).toEqual([NUMBERS[0]]);
		expect(third.compared).toMatchObject({ part: 3, first_fill: false });
	});

	test('a server that repeats a page or refuses stops the run with its reason, and what it remembered is kept', async () => {
		const staticData: IDataObject = {};
		await listChanges(staticData, { poolIsEmpty: true });
		const remembered = JSON.stringify(staticData);
		const run = async () =>
			await runNode({
				credential: api.credential,
				parameters: operation('callerIdPool', 'listChanges', { enterpriseId: byId(enterprise) }),
				staticData,
			});
		const firstPage = {
			data: NUMBERS.slice(0, 250).map((phone_number) => ({
				phone_number,
				enterprise_id: enterprise,
				reputation_data: { spam_risk: 'low', connection_score: 50 },
			})),
			meta: { page_number: 1, page_size: 250, total_pages: 3, total_results: 600 },
		};
		api.sandbox.injectReply({ status: 200, body: firstPage }, Infinity);
		const repeated = await run();
		expect(repeated.error?.message).toBeDefined();
		expect(repeated.items).toEqual([]);
		expect(JSON.stringify(staticData)).toBe(remembered);

		api.sandbox.reset();
		enterprise = api.sandbox.state.enterpriseMonitoring(NUMBERS);
		api.sandbox.injectReply(
			{
				status: 403,
				body: { errors: [{ code: '10010', title: 'Forbidden', detail: 'Not allowed' }] },
			},
			Infinity,
		);
		const refused = await run();
		expect(refused.error?.message).toMatch(/Forbidden|Not allowed/);
		expect(JSON.stringify(staticData)).toBe(remembered);
	});

	test('is refused as a tool: a model would move what the morning remembers', async () => {
		const result = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'listChanges', { enterpriseId: byId(enterprise) }),
			nodeType: TOOL_TYPE,
		});
		expect(result.error?.message).toBe('List Pool Changes is not a tool');
	});
});

describe('Apply Pool Rules on a morning of changes', () => {
	const row = (phone_number: string, fields: IDataObject = {}) =>
		poolRowOf(enterprise, phone_number, {
			calls_today: 3,
			calls_day: new Date().toISOString().slice(0, 10),
			...fields,
		});

	test('new rows are marked to insert; a gone number leaves once a free read confirms it; due rows rest', async () => {
		const staticData: IDataObject = {};
		await listChanges(staticData, { poolIsEmpty: true });
		const { state } = api.sandbox;
		state.registrations.delete(NUMBERS[4]);
		const added = usNumbers(1, 900)[0];
		state.register(enterprise, added);
		state.setReputation(added, { spam_risk: 'low', connection_score: 70 });
		const { items } = await listChanges(staticData);
		// The rows the example reads: the changed numbers' and the due ones (here a cooldown over).
		const rows = [
			row(NUMBERS[4]),
			row(NUMBERS[7], { status: 'cooldown', since: '2026-10-01T06:00:00.000Z' }),
		];
		const result = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'applyRules', {
				poolRows: JSON.stringify(rows),
				options: { idleAfterDays: 0 },
			}),
			items,
		});
		expect(result.error).toBeUndefined();
		const decided = result.items.map((item) => item.json as IDataObject & { row: IDataObject });
		expect(decided.map((json) => [json.action, json.row.phone_number, json.new_row])).toEqual([
			['save', added, true],
			['remove', NUMBERS[4], false],
			['save', NUMBERS[7], false],
		]);
		expect(decided[0].row).toMatchObject({ calls_today: 0, status: 'active', area_code: '949' });
		expect(decided[2].row).toMatchObject({ status: 'active', reason: 'restored: reads low risk' });
		expect(result.hints).toEqual([]);
	});
});

describe('Apply Pool Rules on numbers that changed, their rows not read', () => {
	/** Three numbers changed since the first morning: to medium, to high, and a resting one to medium. */
	async function changedMorning() {
		const staticData: IDataObject = {};
		await listChanges(staticData, { poolIsEmpty: true });
		const { state } = api.sandbox;
		state.setReputation(NUMBERS[1], { spam_risk: 'medium', connection_score: 20 });
		state.setReputation(NUMBERS[2], { spam_risk: 'high', connection_score: 5 });
		state.setReputation(NUMBERS[3], { spam_risk: 'medium', connection_score: 30 });
		const { items, change } = await listChanges(staticData);
		expect(change('changed')).toEqual([NUMBERS[1], NUMBERS[2], NUMBERS[3]]);
		return items;
	}

	// The example reads only the rows the rules keep an eye on: here NUMBERS[3] rests.
	const resting = () =>
		poolRowOf(enterprise, NUMBERS[3], {
			id: 4,
			status: 'resting',
			// Resting for two days: not yet long enough for a person to be told.
			since: new Date(Date.now() - 2 * 86_400_000).toISOString(),
			reason: 'remediation completed: resting until it reads low risk',
		});

	async function decide(items: IDataObject[], fields: IDataObject) {
		const result = await runNode({
			credential: api.credential,
			parameters: operation('callerIdPool', 'applyRules', {
				poolRows: JSON.stringify([resting()]),
				...fields,
			}),
			items,
		});
		expect(result.error).toBeUndefined();
		const decided = result.items.map((item) => item.json as IDataObject & { row: IDataObject });
		return (number: string) => decided.find((json) => json.row.phone_number === number)!;
	}

	test('with Changed Numbers Without Their Rows, a changed number outside the rows given is active: only the columns its reading decides are handed on, and a rest brings every column but the calls', async () => {
		const of = await decide(await changedMorning(), {
			changedWithoutRows: true,
			options: { idleAfterDays: 0 },
		});
		expect(of(NUMBERS[1])).toMatchObject({ action: 'save', new_row: false, row_read: false });
		expect(Object.keys(of(NUMBERS[1]).row).sort()).toEqual(
			[
				'area_code',
				'checked_at',
				'connection_score',
				'dial_rank',
				'enterprise_id',
				'phone_number',
				'spam_risk',
				'state',
			].sort(),
		);
		expect(of(NUMBERS[1]).row).toMatchObject({ spam_risk: 'medium', connection_score: 20 });
		const rested = of(NUMBERS[2]);
		expect(rested).toMatchObject({ action: 'rest', new_row: false, row_read: false });
		expect(rested.row).toMatchObject({
			status: 'remediating',
			remediation_id: 'pending',
			spam_risk: 'high',
			enterprise_id: enterprise,
		});
		expect(rested.row).not.toHaveProperty('calls_today');
		expect(rested.row).not.toHaveProperty('calls_day');
		// A changed number among the rows given is decided from its row, as before.
		expect(of(NUMBERS[3])).toMatchObject({ action: 'save', new_row: false, row_read: true });
		expect(of(NUMBERS[3]).row).toMatchObject({ id: 4, status: 'resting', spam_risk: 'medium' });
	});

	test('at the resting cap, a changed number turned high is alerted: only its reading and the reason are handed on', async () => {
		const of = await decide(await changedMorning(), {
			changedWithoutRows: true,
			options: { idleAfterDays: 0, maxRestingShare: 0 },
		});
		const alerted = of(NUMBERS[2]);
		expect(alerted).toMatchObject({ action: 'alert', new_row: false, row_read: false });
		expect(alerted.row.reason).toMatch(/^high risk: left in rotation/);
		for (const column of ['status', 'since', 'remediation_id', 'calls_today', 'calls_day'])
			expect(alerted.row).not.toHaveProperty(column);
	});

	test('without it (workflows imported before), a changed number without a row joins as a new row', async () => {
		const of = await decide(await changedMorning(), { options: { idleAfterDays: 0 } });
		expect(of(NUMBERS[1])).toMatchObject({ action: 'save', new_row: true, row_read: false });
		expect(of(NUMBERS[1]).row).toMatchObject({ status: 'active', reason: 'joined the pool' });
	});
});
