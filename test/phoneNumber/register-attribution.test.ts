import type { IDataObject } from 'n8n-workflow';

import { sentNumbers, statusOf } from '../harness/items';
import { operation, byId } from '../harness/parameters';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { badRequest, errors } from '../../support/sandbox/envelope';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from './params';

const api = useSandbox();

describe('Every number is reported truthfully, whatever form the answer takes', () => {
	test('a pointer without the /body prefix is attributed to its number, and Retry Without Refused drops it', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.injectReply(
			errors(
				400,
				badRequest(`${numbers[1]} is not in your Telnyx phone number inventory`, {
					pointer: '/phone_numbers/1',
				}),
			),
		);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, numbers.join(','), {
				retryWithoutRefused: true,
			}),
		});

		expect(result.items.map((item) => statusOf(item))).toEqual([
			'registered',
			'refused',
			'registered',
		]);
		expect(sentNumbers(api.sandbox.requests)).toEqual([numbers, [numbers[0], numbers[2]]]);
	});

	test('an entry with no pointer whose detail names exactly one number of the request is attributed to it', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.injectReply(
			errors(
				400,
				badRequest(`Number ${numbers[2].slice(2)} is already registered on another enterprise`),
			),
		);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, numbers.join(',')),
		});

		expect(result.items.map((item) => statusOf(item))).toEqual(['failed', 'failed', 'refused']);
		expect(result.items[2].json.error).toBe(
			`Bad Request: Number ${numbers[2].slice(2)} is already registered on another enterprise`,
		);
		expect(result.items[0].json.error).toMatch(
			/^Not sent through: Telnyx refused the whole request because of other numbers/,
		);
	});

	test('a 201 whose records spell the numbers differently is matched after normalizing them', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+19493253499']);
		api.sandbox.injectReply({
			status: 201,
			body: {
				data: [
					{ id: 'a', enterprise_id: enterpriseId, phone_number: '19493253498' },
					{ id: 'b', enterprise_id: enterpriseId, phone_number: '+1 (949) 325-3499' },
				],
			},
		});

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '+19493253498, +19493253499'),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(['a', 'b']);
		expect(result.hints[0]?.message).toBe('2 registered, in 1 request');
	});

	test('Refresh: a number missing from the results gets its own outcome, not another number’s error', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		for (const number of numbers) api.sandbox.state.register(enterpriseId, number);
		api.sandbox.injectReply({
			status: 200,
			body: {
				data: {
					results: [
						{ phone_number: numbers[0], success: true, error: null },
						{ phone_number: numbers[1], success: false, error: 'Lookup provider timed out' },
					],
				},
			},
		});

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: operation('phoneNumber', 'refresh', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
				options: {},
			}),
		});

		expect(result.items.map((item) => statusOf(item, 'refreshed'))).toEqual([
			'refreshed',
			// The answer names this number and says it was not refreshed: refused, with its reason.
			'refused',
			// Monitored, but not checked since: Telnyx may still be refreshing it.
			'unknown',
		]);
		expect(result.items[1].json.error).toBe(
			`Refresh of ${numbers[1]} failed: Lookup provider timed out`,
		);
		expect(result.items[2].json.error).not.toContain(numbers[1]);
		expect(result.items[2].json.error).toContain('did not confirm');
	});

	test('each refused number carries its own errors; the whole list is in the stopping error only', async () => {
		const numbers = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseOwning([numbers[0], numbers[2]]);

		const continued = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, numbers.join(',')),
		});
		const refused = continued.items.filter((item) => statusOf(item) === 'refused');
		expect(refused).toHaveLength(2);
		for (const [index, item] of refused.entries()) {
			const own = index === 0 ? numbers[1] : numbers[3];
			const other = index === 0 ? numbers[3] : numbers[1];
			expect(JSON.stringify(item.json)).toContain(own);
			expect(JSON.stringify(item.json)).not.toContain(other);
			expect((item.json.details as IDataObject).errors).toHaveLength(1);
		}

		const stopped = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, numbers.join(',')),
		});
		expect(stopped.error?.description).toContain(numbers[1]);
		expect(stopped.error?.description).toContain(numbers[3]);
	});
});
