import { byId, operation } from './harness/parameters';
import { runNode } from '../support/engine/runNode';
import { useSandbox } from './harness/useSandbox';
import { registerParameters } from './phoneNumber/params';

const api = useSandbox();

describe('Every output item is paired to the input row it came from', () => {
	test('Get with several rows: successes are paired, and a failure goes to the error output merged with its row', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');
		api.sandbox.state.register(enterprise.id, '+12134445566');

		const result = await runNode({
			credential: api.credential,
			onError: 'continueErrorOutput',
			items: [
				{ row: 'a', phone: '+19493253498' },
				{ row: 'b', phone: '+13125550147' },
				{ row: 'c', phone: '+12134445566' },
			],
			parameters: operation('phoneNumber', 'get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '={{ $json.phone }}',
			}),
		});

		expect(result.items.map((item) => [item.json.phone_number, item.pairedItem])).toEqual([
			['+19493253498', { item: 0 }],
			['+12134445566', { item: 2 }],
		]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorItems[0].json).toMatchObject({
			row: 'b',
			phone: '+13125550147',
			error: '+13125550147: Resource not found: Phone number is not monitored.',
		});
	});

	test('a value rejected before sending is paired to its row too', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');

		const result = await runNode({
			credential: api.credential,
			onError: 'continueErrorOutput',
			items: [
				{ row: 'a', phone: '+19493253498' },
				{ row: 'b', phone: 'not a number' },
			],
			parameters: operation('phoneNumber', 'get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '={{ $json.phone }}',
			}),
		});

		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(
			result.errorItems.map((item) => [item.json.row, item.json.error, item.pairedItem]),
		).toEqual([['b', 'Invalid phone number "not a number": not a phone number', { item: 1 }]]);
	});

	test('Get Many and Terms Get Status pair every result to the row that asked for it', async () => {
		const first = api.sandbox.state.addEnterprise('Acme');
		const second = api.sandbox.state.addEnterprise('Globex');
		api.sandbox.state.register(first.id, '+19493253498');
		api.sandbox.state.register(second.id, '+12134445566');
		api.sandbox.state.register(second.id, '+13125550147');

		const many = await runNode({
			credential: api.credential,
			items: [{ enterprise: first.id }, { enterprise: second.id }],
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId('={{ $json.enterprise }}'),
				returnAll: true,
			}),
		});
		expect(many.items.map((item) => [item.json.phone_number, item.pairedItem])).toEqual([
			['+19493253498', { item: 0 }],
			['+12134445566', { item: 1 }],
			['+13125550147', { item: 1 }],
		]);

		const terms = await runNode({
			credential: api.credential,
			items: [{}, {}],
			parameters: operation('termsOfService', 'getStatus'),
		});
		expect(terms.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a number given by several rows fails once per row, each failure paired to and merged with its own row', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueErrorOutput',
			items: [
				{ row: 1, phone: '+19493253498' },
				{ row: 2, phone: '(949) 325-3498' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(api.sandbox.requests).toHaveLength(1);
		expect(
			result.errorItems.map((item) => [item.json.row, item.json.phone, item.pairedItem]),
		).toEqual([
			[1, '+19493253498', [{ item: 0 }]],
			[2, '(949) 325-3498', [{ item: 1 }]],
		]);
		for (const item of result.errorItems) {
			expect(item.json.error).toBe(
				'Bad Request: +19493253498 is not in your Telnyx phone number inventory',
			);
			expect(item.json.message).toMatch(/^\+19493253498 \(refused\): Telnyx error 10015/);
		}
	});

	test('a failure shows the number, the input, the status and the reason at the top level (the Table view)', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [{ phone: '+19493253498' }, { phone: '(213) 444-5566' }, { phone: '555' }],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		const [registered, refused, invalid] = result.items.map((item) => item.json);
		expect(Object.keys(refused).slice(0, 4)).toEqual(['phone_number', 'input', 'status', 'error']);
		expect(refused).toMatchObject({
			phone_number: '+12134445566',
			input: '(213) 444-5566',
			status: 'refused',
			error: 'Bad Request: +12134445566 is not in your Telnyx phone number inventory',
		});
		expect(invalid).not.toHaveProperty('phone_number');
		expect(invalid).toMatchObject({
			input: '555',
			status: 'invalid',
			error: 'too short for United States',
		});
		expect(registered.phone_number).toBe('+19493253498');
	});
});
