import { expectNoSecret, sentNumbers } from '../harness/items';
import { byId, operation } from '../harness/parameters';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';

const api = useSandbox();

/** Register as a new node has it: Skip Numbers Already Monitored at its default. */
const register = (enterpriseId: string, phoneNumbers: string) =>
	operation('phoneNumber', 'register', {
		enterpriseId: byId(enterpriseId),
		phoneNumbers,
		options: {},
	});

describe('Register Numbers, run every night', () => {
	test('a re-run sends nothing for the numbers already monitored and gives the same numbers back', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

		const first = await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, numbers.join(',')),
		});
		const requestsBefore = api.sandbox.requests.length;
		const again = await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, numbers.join(',')),
		});

		expect(
			first.items.map((item) => [item.json.phone_number, item.json.already_monitored]),
		).toEqual(numbers.map((n) => [n, false]));
		expect(again.error).toBeUndefined();
		expect(
			again.items.map((item) => [
				item.json.phone_number,
				item.json.id,
				item.json.already_monitored,
			]),
		).toEqual(first.items.map((item) => [item.json.phone_number, item.json.id, true]));
		const rerun = api.sandbox.requests.slice(requestsBefore);
		expect(rerun.map((request) => request.method)).toEqual(['GET']);
		expect(rerun[0].query['page[size]']).toBe('250');
		expect(again.hints[0].message).toBe(
			'0 registered, 3 already monitored (not sent), nothing sent',
		);
		expect(again.items.map((item) => Object.keys(item.json).slice(0, 2))).toEqual(
			numbers.map(() => ['phone_number', 'already_monitored']),
		);
		expectNoSecret(again);
	});

	test('one monitored number no longer sinks the new ones: only the new ones are sent', async () => {
		const numbers = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.state.register(enterpriseId, numbers[1]);

		const result = await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, numbers.join('\n')),
		});

		expect(result.error).toBeUndefined();
		expect(
			sentNumbers(api.sandbox.requests.filter((request) => request.method === 'POST')),
		).toEqual([[numbers[0], numbers[2], numbers[3]]]);
		expect(result.items.map((item) => item.json.already_monitored)).toEqual([
			false,
			true,
			false,
			false,
		]);
	});

	test('one new number into a large enterprise: one lookup by number, then the POST, whatever the size of the list', async () => {
		const monitored = usNumbers(2_500);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(monitored);
		const [bought] = usNumbers(1, 2_500);
		api.sandbox.state.addInventory([bought]);

		const result = await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, bought),
		});

		expect(result.items.map((item) => item.json.already_monitored)).toEqual([false]);
		expect(
			api.sandbox.requests.map((request) => [
				request.method,
				request.query['filter[phone_number][eq]'] ?? '',
			]),
		).toEqual([
			['GET', bought],
			['POST', ''],
		]);
	});

	test('a few numbers into a large enterprise: the first page, then a lookup for each number it did not list', async () => {
		const monitored = usNumbers(2_500); // 10 pages
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(monitored);
		const fresh = usNumbers(2, 2_500);
		api.sandbox.state.addInventory(fresh);
		const given = [monitored[5], monitored[2_000], ...fresh];

		const result = await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, given.join(',')),
		});

		expect(
			result.items.map((item) => [item.json.phone_number, item.json.already_monitored]),
		).toEqual([
			[given[0], true],
			[given[1], true],
			[given[2], false],
			[given[3], false],
		]);
		const reads = api.sandbox.requests.filter((request) => request.method === 'GET');
		// Page 1 lists monitored[5]; the other three are looked up (3 reads, not 9 pages).
		expect(
			reads.map((request) => request.query['filter[phone_number][eq]'] ?? 'page 1').sort(),
		).toEqual(['page 1', ...given.slice(1)].sort());
		expect(
			sentNumbers(api.sandbox.requests.filter((request) => request.method === 'POST')),
		).toEqual([fresh]);
	});

	test('many numbers into a large enterprise: its list is read in pages of 250, fewer reads than lookups', async () => {
		const monitored = usNumbers(600); // 3 pages
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(monitored);
		const fresh = usNumbers(10, 600);
		api.sandbox.state.addInventory(fresh);

		await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, [monitored[599], ...fresh].join(',')),
		});

		expect(
			api.sandbox.requests
				.map((request) => [request.method, request.query['page[number]'] ?? ''])
				.sort(),
		).toEqual([
			['GET', '1'],
			['GET', '2'],
			['GET', '3'],
			['POST', ''],
		]);
	});

	test('with the option off, every number is sent as before, and the API refuses the known ones', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.state.register(enterpriseId, numbers[0]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: operation('phoneNumber', 'register', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
				options: { skipMonitored: false },
			}),
		});

		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['POST']);
		expect(result.items.map((item) => item.json.status)).toEqual(['refused', 'failed']);
	});
});
