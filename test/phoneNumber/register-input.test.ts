import { expectNoSecret, statusOf } from '../harness/items';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from './params';

const api = useSandbox();

describe('Register Numbers: bad input is reported and never sent', () => {
	test('stops before sending anything and names every invalid value with its reason', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			items: [
				{ phone: '+19493253498' },
				{ phone: '555-0100' },
				{ phone: 'call me' },
				{ phone: '+1 613 555 0123' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(result.error?.message).toBe('3 values are not phone numbers the API can take');
		expect(result.error?.description).toContain(
			'Item 1: Invalid phone number "555-0100": too short',
		);
		expect(result.error?.description).toContain(
			'Item 2: Invalid phone number "call me": not a phone number',
		);
		expect(result.error?.description).toContain(
			'Item 3: Invalid phone number "+1 613 555 0123": a Canada number; Telnyx Number Reputation accepts US numbers only',
		);
		expect(result.error?.description).toContain('Nothing was sent');
		// An error of three items is titled with none of them ("[item 1]").
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(
			undefined,
		);
	});

	test('one invalid value gets its own message', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([]);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '12'),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(result.error?.message).toBe('Invalid phone number "12": too short for United States');
	});

	test('a +1 number no area code claims says why in words, not "(+1)"', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([]);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '+1 099 555 0123'),
		});

		expect(result.error?.message).toBe(
			'Invalid phone number "+1 099 555 0123": not a valid number in North America: no such area code or exchange',
		);
	});

	test('with Continue On Fail, sends the valid numbers and returns each invalid one as an item', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [
				{ phone: '+19493253498' },
				{ phone: '949-325' },
				{ phone: null },
				{ phone: '(213) 444-5566' },
				{ phone: '' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests.map((r) => r.body)).toEqual([
			{ phone_numbers: ['+19493253498', '+12134445566'] },
		]);
		expect(
			result.items.map((item) => [item.json.phone_number, statusOf(item), item.pairedItem]),
		).toEqual([
			['+19493253498', 'registered', [{ item: 0 }]],
			[null, 'invalid', [{ item: 1 }]],
			[null, 'invalid', [{ item: 2 }]],
			['+12134445566', 'registered', [{ item: 3 }]],
			[null, 'invalid', [{ item: 4 }]],
		]);
		expect(result.items[1].json).toMatchObject({
			phone_number: null,
			status: 'invalid',
			error: 'too short for United States',
			input: '949-325',
			details: { description: 'Nothing was sent for this value.' },
		});
		expect(result.items[2].json).toMatchObject({
			error: 'not a phone number (got null)',
			input: null,
		});
		expect(result.items[4].json).toMatchObject({ error: 'no phone number given', input: '' });
	});

	test('takes odd values from upstream without crashing and reports each', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [
				{ phone: { nested: true } },
				{ phone: 3.5 },
				{ phone: true },
				{ phone: 'x'.repeat(10000) },
				{ phone: '+19493253498' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => statusOf(item))).toEqual([
			'invalid',
			'invalid',
			'invalid',
			'invalid',
			'registered',
		]);
	});

	test.each([
		['not-a-uuid'],
		['../../enterprises'],
		['4a6192a4-573d-446d-b3ce-aff9117272a6/reputation'],
		['4a6192a4-573d-446d-b3ce-aff9117272a6?x=1'],
		['4a6192a4 573d-446d-b3ce-aff9117272a6'],
		[' 4a6192a4-573d-446d-b3ce-aff9117272a6'],
		[''],
	])('refuses the enterprise ID %j from an expression before any request', async (enterpriseId) => {
		api.sandbox.state.addInventory(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			items: [{ enterprise: enterpriseId }],
			parameters: registerParameters('={{ $json.enterprise }}', '+19493253498'),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(result.error?.message).toBe(
			`Enterprise ID ${JSON.stringify(enterpriseId)} is not valid`,
		);
		expect(result.error?.description).toContain('is a UUID such as');
		expectNoSecret(result);
	});

	test('a bad enterprise ID typed into the field is caught by n8n before the node runs', async () => {
		await expect(
			runNode({
				credential: api.credential,
				parameters: registerParameters('../enterprises', '+19493253498'),
			}),
		).rejects.toThrow('An enterprise ID is a UUID');
		expect(api.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail, an item with a bad enterprise ID is reported and the others go ahead', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [
				{ enterprise: enterpriseId, phone: '+19493253498' },
				{ enterprise: 'oops', phone: '+12134445566' },
			],
			parameters: registerParameters('={{ $json.enterprise }}', '={{ $json.phone }}'),
		});

		expect(api.sandbox.requests.map((r) => r.body)).toEqual([{ phone_numbers: ['+19493253498'] }]);
		expect(result.items[1].json).toMatchObject({
			error: 'Enterprise ID "oops" is not valid',
			status: 'invalid',
			input: '+12134445566',
		});
	});

	test('refuses an unknown Default Country', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '(949) 325-3498', {
				defaultCountry: '={{ "XX" }}',
			}),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(result.error?.message).toBe('Default Country "XX" is not a known country code');
	});

	test('reads a Default Country typed as text, in any case and with spaces around it', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '(949) 325-3498', { defaultCountry: ' us ' }),
		});

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
			{ phone_numbers: ['+19493253498'] },
		]);
	});
});

describe('Register Numbers: an expression that fails for one item', () => {
	test('with Continue On Fail, only that item is reported; the others are registered', async () => {
		api.sandbox.state.addInventory(['+19493253498']);
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [{ phone: '+19493253498' }, { phone: null }],
			parameters: registerParameters(
				enterpriseId,
				'={{ $json.phone ?? $("No such node").item.json.phone }}',
			),
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.phone_number).toBe('+19493253498');
		expect(result.items[1].json).toMatchObject({ status: 'invalid' });
		expect(result.items[1].pairedItem).toEqual([{ item: 1 }]);
	});
});

describe('Register Numbers: Phone Numbers From an input field', () => {
	test('reads each item’s field directly (dots reach into objects); an item without it is reported, paired', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [
				{ contact: { phone: '(949) 325-3498' } },
				{ contact: {} },
				{ contact: { phone: ['+12134445566'] } },
			],
			parameters: {
				...registerParameters(enterpriseId, ''),
				numbersFrom: 'field',
				numbersField: 'contact.phone',
			},
		});

		expect(api.sandbox.requests.map((r) => r.body)).toEqual([
			{ phone_numbers: ['+19493253498', '+12134445566'] },
		]);
		expect(
			result.items.map((item) => [item.json.phone_number, statusOf(item), item.pairedItem]),
		).toEqual([
			['+19493253498', 'registered', [{ item: 0 }]],
			[null, 'invalid', [{ item: 1 }]],
			['+12134445566', 'registered', [{ item: 2 }]],
		]);
		expect(result.items[1].json.error).toBe('no phone number given');
	});
});
