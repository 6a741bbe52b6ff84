import { sentNumbers } from '../harness/items';
import { byId, operation } from '../harness/parameters';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';

const api = useSandbox();

const sync = (enterpriseId: string, fields: Record<string, unknown> = {}) =>
	operation('phoneNumber', 'sync', {
		enterpriseId: byId(enterpriseId),
		phoneNumbers: '={{ $json.phone }}',
		options: {},
		...fields,
	});

/** An enterprise that monitors numbers 0-2 and owns 3-4 (not monitored). */
function arrange() {
	const numbers = usNumbers(5);
	const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
	for (const number of numbers.slice(0, 3)) api.sandbox.state.register(enterpriseId, number);
	return { numbers, enterpriseId };
}

const statuses = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => [item.json.phone_number, item.json.status]);

describe('Phone Number → Sync', () => {
	test('without removals: registers the missing numbers, keeps the others, removes nothing', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [numbers[0], numbers[3], numbers[1]].map((phone) => ({ phone })),
			parameters: sync(enterpriseId),
		});

		expect(statuses(result.items)).toEqual([
			[numbers[0], 'kept'],
			[numbers[3], 'added'],
			[numbers[1], 'kept'],
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			[{ item: 0 }],
			[{ item: 1 }],
			[{ item: 2 }],
		]);
		expect(
			sentNumbers(api.sandbox.requests.filter((request) => request.method === 'POST')),
		).toEqual([[numbers[3]]]);
		expect(api.sandbox.requests.some((request) => request.method === 'DELETE')).toBe(false);
		expect(api.sandbox.state.registrations.has(numbers[2])).toBe(true);
		expect(result.hints[0].message).toBe('1 added, 2 kept, 0 removed');
	});

	test('a refused registration stops the run and says no number was registered (Register sends them)', async () => {
		const { numbers, enterpriseId } = arrange();
		api.sandbox.injectReply(
			{
				status: 403,
				body: { errors: [{ code: '10010', title: 'Forbidden', detail: 'Not allowed' }] },
			},
			1,
			{ method: 'POST' },
		);

		const result = await runNode({
			credential: api.credential,
			items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
			parameters: sync(enterpriseId),
		});

		expect(result.error?.description).toContain('No number was registered.');
	});

	test('dry run (the default with removals on): reports would-add and would-remove, sends nothing billable', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
			parameters: sync(enterpriseId, { removeMissing: true }),
		});

		expect(statuses(result.items)).toEqual([
			[numbers[0], 'kept'],
			[numbers[3], 'would-add'],
			[numbers[1], 'would-remove'],
			[numbers[2], 'would-remove'],
		]);
		expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
		expect(result.hints[0].message).toBe(
			'Dry run, nothing changed: 1 would be added, 2 would be removed, 1 kept',
		);
	});

	test('with removals and dry run off: adds, removes the numbers not in the input, and the enterprise equals the input', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
			parameters: sync(enterpriseId, { removeMissing: true, dryRun: false }),
		});

		expect(statuses(result.items)).toEqual([
			[numbers[0], 'kept'],
			[numbers[3], 'added'],
			[numbers[1], 'removed'],
			[numbers[2], 'removed'],
		]);
		expect([...api.sandbox.state.registrations.keys()].sort()).toEqual([numbers[0], numbers[3]]);
		expect(
			api.sandbox.requests
				.filter((request) => request.method === 'DELETE')
				.map((request) => request.path),
		).toEqual([
			`/enterprises/${enterpriseId}/reputation/numbers/%2B${numbers[1].slice(1)}`,
			`/enterprises/${enterpriseId}/reputation/numbers/%2B${numbers[2].slice(1)}`,
		]);
	});

	test('without removals, the numbers given are looked up, not the whole list read', async () => {
		const { numbers, enterpriseId } = arrange();

		await runNode({
			credential: api.credential,
			items: [{ phone: numbers[0] }],
			parameters: sync(enterpriseId, { dryRun: true }),
		});

		expect(api.sandbox.requests.map((request) => request.query)).toEqual([
			{ 'filter[phone_number][eq]': numbers[0], 'page[number]': '1', 'page[size]': '1' },
		]);
	});

	test('Dry Run without removals: reports would-add, registers (bills) nothing', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
			parameters: sync(enterpriseId, { dryRun: true }),
		});

		expect(statuses(result.items)).toEqual([
			[numbers[0], 'kept'],
			[numbers[3], 'would-add'],
		]);
		expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'Dry run, nothing changed: 1 would be added, 0 would be removed, 1 kept',
		]);
	});

	test('a dry run over Max Removals says that the real run would stop', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [{ phone: numbers[3] }],
			parameters: sync(enterpriseId, { removeMissing: true, maxRemovals: 2 }),
		});

		expect(result.error).toBeUndefined();
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'Dry run, nothing changed: 1 would be added, 3 would be removed, 0 kept',
			'The real run would stop, changing nothing: 3 removals are more than Max Removals (2)',
		]);
	});

	test('items show the number and its status first (the Table view), then the ids', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
			parameters: sync(enterpriseId),
		});

		for (const item of result.items)
			expect(Object.keys(item.json).slice(0, 2)).toEqual(['phone_number', 'status']);
	});

	test('more removals than Max Removals: stops before changing anything', async () => {
		const { numbers, enterpriseId } = arrange();

		const result = await runNode({
			credential: api.credential,
			items: [{ phone: numbers[3] }],
			parameters: sync(enterpriseId, { removeMissing: true, dryRun: false, maxRemovals: 2 }),
		});

		expect(result.error?.message).toBe('Sync would remove 3 numbers, more than Max Removals (2)');
		expect(result.error?.description).toContain('Nothing was changed.');
		expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
		expect(api.sandbox.state.registrations.size).toBe(3);
	});

	test('an empty input (no number in any item) removes nothing, even with removals on', async () => {
		const { enterpriseId } = arrange();

		const stopped = await runNode({
			credential: api.credential,
			items: [{ phone: '' }],
			parameters: sync(enterpriseId, { removeMissing: true, dryRun: false, maxRemovals: 100 }),
		});
		const continued = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [{ phone: '' }],
			parameters: sync(enterpriseId, { removeMissing: true, dryRun: false, maxRemovals: 100 }),
		});

		expect(stopped.error?.message).toBe('No phone number given');
		expect(continued.items.map((item) => item.json.status)).toEqual(['invalid']);
		expect(api.sandbox.requests.some((request) => request.method === 'DELETE')).toBe(false);
		expect(api.sandbox.state.registrations.size).toBe(3);
	});

	describe('version 1.2: one Dry Run, on by default', () => {
		test.each([false, true])(
			'with Remove Numbers Not in Input %s, a new node only reports what would change',
			async (removeMissing) => {
				const { numbers, enterpriseId } = arrange();

				const result = await runNode({
					credential: api.credential,
					typeVersion: 1.2,
					items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
					parameters: sync(enterpriseId, { removeMissing }),
				});

				expect(statuses(result.items)).toEqual([
					[numbers[0], 'kept'],
					[numbers[3], 'would-add'],
					...(removeMissing
						? [
								[numbers[1], 'would-remove'],
								[numbers[2], 'would-remove'],
							]
						: []),
				]);
				expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
			},
		);

		test('Dry Run off: registers the missing numbers', async () => {
			const { numbers, enterpriseId } = arrange();

			const result = await runNode({
				credential: api.credential,
				typeVersion: 1.2,
				items: [numbers[0], numbers[3]].map((phone) => ({ phone })),
				parameters: sync(enterpriseId, { dryRun: false }),
			});

			expect(statuses(result.items)).toEqual([
				[numbers[0], 'kept'],
				[numbers[3], 'added'],
			]);
		});
	});
});
