import { sentNumbers } from '../harness/items';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from './params';

const api = useSandbox();

const posts = () => api.sandbox.requests.filter((request) => request.method === 'POST');
const sent = () => sentNumbers(posts());

describe('Register Numbers', () => {
	test('registers the numbers of one item and returns the API record of each', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '+19493253498, +12134445566'),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				enterprise_id: enterpriseId,
				phone_number: '+19493253498',
				reputation_data: null,
				id: expect.any(String),
			}),
			expect.objectContaining({
				enterprise_id: enterpriseId,
				phone_number: '+12134445566',
				reputation_data: null,
			}),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }], [{ item: 0 }]]);
		expect(posts()).toEqual([
			expect.objectContaining({
				path: `/enterprises/${enterpriseId}/reputation/numbers`,
				body: { phone_numbers: ['+19493253498', '+12134445566'] },
				authorized: true,
			}),
		]);
		expect(api.sandbox.state.registrationsOf(enterpriseId)).toHaveLength(2);
		expect(result.hints[0]?.message).toBe('2 registered, in 1 request');
	});

	test('registers 250 numbers from 250 items in 3 requests, each output paired with its item', async () => {
		const numbers = usNumbers(250);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

		const result = await runNode({
			credential: api.credential,
			items: numbers.map((phone) => ({ phone })),
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(sent().map((batch) => batch.length)).toEqual([100, 100, 50]);
		expect(sent().flat().sort()).toEqual([...numbers].sort());
		expect(result.items).toHaveLength(250);
		result.items.forEach((item, index) => {
			expect(item.json.phone_number).toBe(numbers[index]);
			expect(item.pairedItem).toEqual([{ item: index }]);
		});
	});

	test('splits 250 numbers given in one item into requests of at most 100', async () => {
		const numbers = usNumbers(250);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, numbers.join('\n')),
		});

		expect(result.error).toBeUndefined();
		expect(sent().map((batch) => batch.length)).toEqual([100, 100, 50]);
		expect(result.items).toHaveLength(250);
	});

	test('sends a number given twice once, paired with every item that gave it', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			items: [
				{ phone: '+19493253498; +19493253498' },
				{ phone: '(949) 325-3498' },
				{ phone: '+12134445566' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(sent()).toEqual([['+19493253498', '+12134445566']]);
		expect(result.items.map((item) => [item.json.phone_number, item.pairedItem])).toEqual([
			['+19493253498', [{ item: 0 }, { item: 1 }]],
			['+12134445566', [{ item: 2 }]],
		]);
		expect(result.hints[0]?.message).toBe(
			'2 registered, in 1 request; 1 number given more than once, sent once',
		);
	});

	test('reads national formats with the default country and sends E.164', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([
			'+19493253498',
			'+12134445566',
			'+13125550147',
			'+14155550123',
		]);

		const result = await runNode({
			credential: api.credential,
			items: [
				{ phone: '(949) 325-3498' },
				{ phone: '213.444.5566' },
				{ phone: '+1 312 555 0147' },
				{ phone: 14155550123 },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([['+19493253498', '+12134445566', '+13125550147', '+14155550123']]);
	});

	test('takes a list from an expression, and numbers separated by spaces', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([
			'+19493253498',
			'+12134445566',
			'+13125550147',
		]);

		const result = await runNode({
			credential: api.credential,
			items: [
				{ numbers: ['+19493253498', ['(213) 444-5566']] },
				{ numbers: '+13125550147 +19493253498' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.numbers }}'),
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([['+19493253498', '+12134445566', '+13125550147']]);
	});

	test('batches per enterprise when items name different enterprises', async () => {
		const numbers = usNumbers(3);
		const first = api.sandbox.state.enterpriseOwning(numbers);
		const second = api.sandbox.state.addEnterprise('Globex').id;

		const result = await runNode({
			credential: api.credential,
			items: [
				{ enterprise: first, phone: numbers[0] },
				{ enterprise: second, phone: numbers[1] },
				{ enterprise: first, phone: numbers[2] },
			],
			parameters: registerParameters('={{ $json.enterprise }}', '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(posts().map((request, index) => [request.path, sent()[index]])).toEqual([
			[`/enterprises/${first}/reputation/numbers`, [numbers[0], numbers[2]]],
			[`/enterprises/${second}/reputation/numbers`, [numbers[1]]],
		]);
	});

	test('accepts an enterprise ID in upper case and sends it in lower case', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId.toUpperCase(), '+19493253498'),
		});

		expect(result.error).toBeUndefined();
		expect(posts()[0].path).toBe(`/enterprises/${enterpriseId}/reputation/numbers`);
	});

	test('an enterprise picked from the list is used like one given by ID', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '+19493253498', {}, 'list'),
		});

		expect(result.items).toHaveLength(1);
		expect(posts()[0].path).toBe(`/enterprises/${enterpriseId}/reputation/numbers`);
	});

	test('never has more requests in flight than Max Concurrent Requests', async () => {
		const numbers = usNumbers(600);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.latencyMs = 30;

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, numbers.join(','), { concurrency: 2 }),
		});

		expect(result.items).toHaveLength(600);
		expect(api.sandbox.maxInFlight).toBe(2);
	});
});
