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

	test('the list of a large enterprise is read in pages of 250 (free reads)', async () => {
		const monitored = usNumbers(600);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(monitored);
		api.sandbox.state.addInventory(usNumbers(1, 600));

		await runNode({
			credential: api.credential,
			parameters: register(enterpriseId, [monitored[599], usNumbers(1, 600)[0]].join(',')),
		});

		expect(
			api.sandbox.requests.map((request) => [request.method, request.query['page[number]'] ?? '']),
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
