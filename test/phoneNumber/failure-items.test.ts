// A failure item names its own value, never another row's: a list pasted into the node is on
// every input item, so its failures belong to no one row (n8n merges an error item with the row
// it is paired with); a value from a row's own field is merged with that row. Each value is
// reported once however many items gave it, with no empty fields and no "undefined".
import type { INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../support/engine/runNode';
import { allText } from '../harness/useSandbox';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from './params';

const api = useSandbox();
const VALID = '+19493253498';
const ROWS = [
	{ phone_number: '+12134445566', name: 'Ada' },
	{ phone_number: '+13125550147', name: 'Grace' },
	{ name: 'Linus' },
];
const PASTED = `${VALID}, +1 613 555 0123, 12345`;

/** Every value anywhere in an item's JSON, nested ones included. */
const leaves = (value: unknown): unknown[] =>
	typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value];

const failures = (items: INodeExecutionData[]) =>
	items.filter((item) => typeof item.json.error === 'string');

describe('A list pasted into the node, on 3 input items', () => {
	test('error output: one item per bad value, with no row merged in', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([VALID]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueErrorOutput',
			items: ROWS,
			parameters: registerParameters(enterpriseId, PASTED),
		});

		expect(result.errorItems.map((item) => item.json)).toEqual([
			{
				error: 'a Canada number; Telnyx Number Reputation accepts US numbers only',
				message: 'The value "+1 613 555 0123" (invalid): Nothing was sent for this value.',
			},
			{
				error: 'too short for United States',
				message: 'The value "12345" (invalid): Nothing was sent for this value.',
			},
		]);
		expect(result.items.map((item) => item.json.phone_number)).toEqual([VALID]);
		expect(result.hints[0]?.message).toBe('1 registered, 2 invalid (not sent), in 1 request');
	});

	test('regular output: each failure once, its own fields first, paired with every item, nothing empty', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([VALID]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: ROWS,
			parameters: registerParameters(enterpriseId, PASTED),
		});

		const failed = failures(result.items);
		expect(failed.map((item) => [item.json.input, item.json.status])).toEqual([
			['+1 613 555 0123', 'invalid'],
			['12345', 'invalid'],
		]);
		expect(failed[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// The Table view of rows of two shapes: the same columns in every row, the number, its
		// status and its error first; what a row has no value for is null, never "undefined".
		const columns = result.items.map((item) => Object.keys(item.json));
		for (const keys of columns) expect(keys).toEqual(columns[0]);
		expect(columns[0].slice(0, 3)).toEqual(['phone_number', 'status', 'error']);
		expect(result.items[0].json).toMatchObject({
			phone_number: VALID,
			status: 'registered',
			error: null,
		});
		expect(failed[0].json).toMatchObject({ phone_number: null, reputation_data: null });
		for (const item of result.items) expect(leaves(item.json)).not.toContain(undefined);
	});

	test('Stop: one line per bad value, with the items as n8n numbers them', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([VALID]);

		const result = await runNode({
			credential: api.credential,
			items: ROWS,
			parameters: registerParameters(enterpriseId, `${PASTED}, 555, hello`),
		});

		expect(result.error?.message).toBe('4 values are not phone numbers the API can take');
		const lines = String(result.error?.description).split('\n');
		expect(lines.slice(0, 4)).toEqual([
			'Items 0, 1, 2: Invalid phone number "+1 613 555 0123": a Canada number; Telnyx Number Reputation accepts US numbers only.',
			'Items 0, 1, 2: Invalid phone number "12345": too short for United States.',
			expect.stringMatching(/^Items 0, 1, 2: Invalid phone number "555": /),
			expect.stringMatching(/^Items 0, 1, 2: Invalid phone number "hello": /),
		]);
		expect(api.sandbox.requests).toHaveLength(0);
	});
});

describe("Values from the rows' own fields", () => {
	test('error output: each failure once per row that gave it, merged with that row', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([VALID]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueErrorOutput',
			items: [
				{ phone: VALID, name: 'Ada' },
				{ phone: '12345', name: 'Grace' },
				{ phone: '12345', name: 'Linus' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		const invalid = {
			phone: '12345',
			error: 'too short for United States',
			message: 'The value "12345" (invalid): Nothing was sent for this value.',
		};
		expect(result.errorItems.map((item) => item.json)).toEqual([
			{ ...invalid, name: 'Grace' },
			{ ...invalid, name: 'Linus' },
		]);
		expect(result.errorItems.map((item) => item.pairedItem)).toEqual([
			[{ item: 1 }],
			[{ item: 2 }],
		]);
	});

	test('an item without the field: "No phone number given", and "undefined" nowhere', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([VALID]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [{ phone: VALID }, { name: 'no phone' }],
			parameters: {
				...registerParameters(enterpriseId, ''),
				numbersFrom: 'field',
				numbersField: 'phone',
			},
		});

		const [failed] = failures(result.items);
		expect(failed.json).toMatchObject({
			phone_number: null,
			status: 'invalid',
			error: 'no phone number given',
			details: { description: 'Nothing was sent for this value.' },
		});
		expect(failed.pairedItem).toEqual([{ item: 1 }]);
		expect(allText(result.run)).not.toMatch(/\bundefined\b/);
	});

	test('Stop, an item without the field: the error says so, not "undefined"', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([VALID]);

		const result = await runNode({
			credential: api.credential,
			items: [{ phone: VALID }, { name: 'no phone' }],
			parameters: {
				...registerParameters(enterpriseId, ''),
				numbersFrom: 'field',
				numbersField: 'phone',
			},
		});

		expect(result.error?.message).toBe('No phone number given');
		expect(allText(result.error)).not.toMatch(/\bundefined\b/);
	});
});
