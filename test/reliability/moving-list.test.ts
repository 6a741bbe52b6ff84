// A pool read while it changes: numbers registered or removed between two page reads shift the
// offset pages under the read, so a number comes on two pages or is skipped. Each number is
// listed and counted once; a read that saw the list move is read again once; an answer read
// while the list kept moving says so; the trigger reports no number gone that a moving pass
// may have skipped. The sandbox moves the list between reads (`onListRead`).
import type { INodeParameters } from 'n8n-workflow';

import { unpackNumbers } from '../../nodes/shared/packedNumbers';
import { PollingTrigger } from '../../support/engine/triggers';
import { TOOL_TYPE } from '../../support/engine/nodeTypes';
import { runNode } from '../../support/engine/runNode';
import type { SandboxState } from '../../support/sandbox/state';
import { usNumbers } from '../../support/sandbox/state';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

/** 1,000 monitored numbers (4 pages of 250), checked at low risk. */
function pool(count = 1_000) {
	const numbers = usNumbers(count);
	const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
	for (const number of numbers) api.sandbox.state.setReputation(number, { spam_risk: 'low' });
	return { numbers, enterpriseId };
}

/** A Register meanwhile, of a number an API listing the newest first puts before all others. */
const registerFirst = (enterpriseId: string) => (state: SandboxState) => {
	state.register(enterpriseId, '+12135550199', { first: true });
	state.setReputation('+12135550199', { spam_risk: 'low' });
};

/** A removal meanwhile, of a number on the first page (read already): the pages after shift left. */
const removeNumber = (number: string) => (state: SandboxState) =>
	state.registrations.delete(number);

/** The numbers the sandbox monitors now, in list order. */
const monitoredNow = () => [...api.sandbox.state.registrations.keys()];

async function run(enterpriseId: string, name: string, fields: INodeParameters = {}) {
	const result = await runNode({
		credential: api.credential,
		typeVersion: 1.3,
		parameters: operation('phoneNumber', name, { enterpriseId: byId(enterpriseId), ...fields }),
	});
	expect(result.error).toBeUndefined();
	return result;
}

const phoneNumbers = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => String(item.json.phone_number));

describe('Get Many and Get Pool Summary while the pool changes', () => {
	test('Get Many, Return All: a number registered during the read is not listed twice; the list is read again once and answers every number once', async () => {
		const { enterpriseId } = pool();
		// Before the second page is answered: the last number of page 1 moves to page 2.
		api.sandbox.onListRead(2, registerFirst(enterpriseId));

		const result = await run(enterpriseId, 'getMany', { returnAll: true });

		const listed = phoneNumbers(result.items);
		expect(new Set(listed).size).toBe(listed.length);
		expect(listed).toEqual(monitoredNow());
		// 4 pages, then the 5 the list has now.
		expect(api.sandbox.requests).toHaveLength(9);
		expect(result.hints).toEqual([]);
	});

	test('Get Many with a reputation filter: a high-risk number that came on two pages is listed once', async () => {
		const { numbers, enterpriseId } = pool();
		api.sandbox.state.setReputation(numbers[249], { spam_risk: 'high' });
		api.sandbox.onListRead(2, registerFirst(enterpriseId));

		const result = await run(enterpriseId, 'getMany', {
			returnAll: true,
			filters: { spamRiskAtLeast: 'high' },
		});

		expect(phoneNumbers(result.items)).toEqual([numbers[249]]);
		expect(result.hints).toEqual([]);
	});

	test('a list that moves again while read a second time: the answer says so in a hint', async () => {
		const { numbers, enterpriseId } = pool();
		api.sandbox.onListRead(2, registerFirst(enterpriseId));
		// The second read's second page (reads 1 to 4 were the first read).
		api.sandbox.onListRead(6, removeNumber(numbers[1]));

		const result = await run(enterpriseId, 'getMany', { returnAll: true });

		const listed = phoneNumbers(result.items);
		expect(new Set(listed).size).toBe(listed.length);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'The list of numbers changed while it was read (it went from 1,001 to 1,000 numbers, and again when read a second time): a number registered or removed meanwhile may be missing from this answer; none is listed twice. Run it again once the registering or removing has ended.',
		]);
		expect(api.sandbox.requests).toHaveLength(9);
	});

	test('run as a tool, a model reads the same in the counts item: not complete, and why', async () => {
		const { numbers, enterpriseId } = pool();
		api.sandbox.onListRead(2, registerFirst(enterpriseId));
		api.sandbox.onListRead(6, removeNumber(numbers[1]));

		const result = await runNode({
			credential: api.credential,
			nodeType: TOOL_TYPE,
			typeVersion: 1.3,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterpriseId),
				returnAll: true,
				filters: { spamRiskAtLeast: 'low' },
			}),
		});

		expect(result.items[0].json).toMatchObject({
			complete: false,
			list_changed_while_read: true,
			note: expect.stringContaining('The list of numbers changed while it was read'),
		});
	});

	test('Get Pool Summary counts a number that came on two pages once, from a second read of the settled list', async () => {
		const { numbers, enterpriseId } = pool();
		api.sandbox.state.setReputation(numbers[249], { spam_risk: 'high' });
		api.sandbox.onListRead(2, registerFirst(enterpriseId));

		const result = await run(enterpriseId, 'getPoolSummary');

		const [{ json: summary }] = result.items;
		expect(summary).toMatchObject({
			numbers: 1_001,
			spam_risk: { high: 1, medium: 0, low: 1_000, never_checked: 0 },
			pages_read: 4 + 5,
		});
		expect(summary.list_changed_while_read).toBeUndefined();
	});

	test('Get Pool Summary of a list that keeps moving: list_changed_while_read and the same words in a hint', async () => {
		const { numbers, enterpriseId } = pool();
		api.sandbox.onListRead(2, removeNumber(numbers[1]));
		api.sandbox.onListRead(6, removeNumber(numbers[2]));

		const result = await run(enterpriseId, 'getPoolSummary');

		const [{ json: summary }] = result.items;
		const said =
			'The list of numbers changed while it was read (it went from 999 to 998 numbers, and again when read a second time): a number registered or removed meanwhile may be missing from this answer; none is listed twice. Run it again once the registering or removing has ended.';
		expect(summary).toMatchObject({ list_changed_while_read: true, list_change: said });
		expect(result.hints.map((hint) => hint.message)).toContain(said);
	});
});

describe('The trigger while the pool changes', () => {
	const trigger = (enterpriseId: string) =>
		new PollingTrigger(api.credential, {
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
		});
	const keptNumbers = (poll: PollingTrigger) =>
		unpackNumbers((poll.staticData.state as { numbers: string }).numbers).size;
	const reported = (result: Awaited<ReturnType<PollingTrigger['poll']>>) =>
		(result?.[0] ?? []).map((item) => String(item.json.phone_number));

	test('a number a moving pass skipped is not reported gone: its next change is reported, once', async () => {
		const { numbers, enterpriseId } = pool();
		const poll = trigger(enterpriseId);
		expect(await poll.poll()).toBeNull();

		// Removed after page 1 was read: numbers[250], first on page 2, slides onto page 1.
		api.sandbox.onListRead(2, removeNumber(numbers[1]));
		expect(await poll.poll()).toBeNull();
		api.sandbox.state.setReputation(numbers[250], { spam_risk: 'high' });

		expect(reported(await poll.poll())).toEqual([numbers[250]]);
		expect(await poll.poll()).toBeNull();
		// The removed number leaves after the next pass that did not see the list move.
		expect(keptNumbers(poll)).toBe(999);
	});

	test('a number listed on two pages of one poll, changed in between, gives one event', async () => {
		const { numbers, enterpriseId } = pool();
		const poll = trigger(enterpriseId);
		await poll.poll();

		api.sandbox.onListRead(2, (state) => {
			registerFirst(enterpriseId)(state);
			state.setReputation(numbers[249], { spam_risk: 'high' });
		});
		// The read keeps the number's first listing (low); the next poll sees it high.
		const twoPolls = [...reported(await poll.poll()), ...reported(await poll.poll())];
		expect(twoPolls).toEqual([numbers[249]]);
		expect(await poll.poll()).toBeNull();
		expect(keptNumbers(poll)).toBe(1_001);
	});
});
