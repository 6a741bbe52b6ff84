import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../support/engine/runNode';
import { expectNoSecret, statusOf } from '../harness/items';
import { SECRET_KEY, useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from './params';

const api = useSandbox();

const details = (item: INodeExecutionData) => item.json.details as IDataObject;

describe('Register Numbers: API errors', () => {
	test('a wrong API key stops with the API words, the 401 status, and no key anywhere', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
		const wrongKey = 'KEY_wrong_but_still_secret';

		const result = await runNode({
			credential: { apiKey: wrongKey, baseUrl: api.sandbox.url },
			parameters: registerParameters(enterpriseId, '+19493253498'),
		});

		expect(result.error?.message).toBe(
			'Authentication failed: The required authentication headers were either invalid or not included in the request.',
		);
		expect(result.error).toMatchObject({ httpCode: '401', name: 'NodeApiError' });
		// One clear sentence first; the details below it do not repeat it.
		expect(result.error?.description?.split('\n')).toEqual([
			'Check the API key in the Telnyx Number Reputation API credential.',
			'Telnyx error 10009 - https://developers.telnyx.com/docs/overview/errors/10009',
			`In request 1 of 1 (1 number for enterprise ${enterpriseId}).`,
			'',
			'No number was registered.',
			'1 number: not processed, for the reason above.',
			'To get every number back as an item, set the node\'s Settings → On Error to "Continue (using error output)".',
		]);
		expectNoSecret(result, wrongKey);
	});

	test('an unknown enterprise stops with 404 and the API detail', async () => {
		api.sandbox.state.addInventory(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters('0b7c1f1c-7a9d-4f0a-9d3e-2f6a1c4b8e21', '+19493253498'),
		});

		expect(result.error?.message).toBe('Resource not found: Enterprise not found.');
		expect(result.error).toMatchObject({ httpCode: '404' });
		expectNoSecret(result);
	});

	test('a request refused for two of its numbers names both, and registers none (all or nothing)', async () => {
		const numbers = usNumbers(5);
		const enterpriseId = api.sandbox.state.enterpriseOwning([numbers[0], numbers[2], numbers[4]]);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, numbers.join(',')),
		});

		expect(result.error?.message).toBe(
			`Bad Request: ${numbers[1]} is not in your Telnyx phone number inventory (and 1 more)`,
		);
		expect(result.error).toMatchObject({ httpCode: '400' });
		expect(result.error?.description).toContain(
			`[10015] Bad Request: ${numbers[1]} is not in your Telnyx phone number inventory (at /body/phone_numbers/1)`,
		);
		expect(result.error?.description).toContain(`(at /body/phone_numbers/3)`);
		expect(result.error?.description).toContain('No number was registered.');
		expect(api.sandbox.state.registrations.size).toBe(0);
		expectNoSecret(result);
	});

	test('with Continue On Fail, refused numbers carry their own reason and the rest say why they were not registered', async () => {
		const numbers = usNumbers(5);
		const enterpriseId = api.sandbox.state.enterpriseOwning([numbers[0], numbers[2], numbers[4]]);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: numbers.map((phone) => ({ phone })),
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => statusOf(item))).toEqual([
			'failed',
			'refused',
			'failed',
			'refused',
			'failed',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			numbers.map((_, item) => [{ item }]),
		);
		expect(result.items[1].json.error).toBe(
			`Bad Request: ${numbers[1]} is not in your Telnyx phone number inventory`,
		);
		expect(result.items[1].json.phone_number).toBe(numbers[1]);
		expect(details(result.items[1])).toMatchObject({
			description: expect.stringContaining(
				'Telnyx error 10015 at /body/phone_numbers/1 - https://developers.telnyx.com/docs/overview/errors/10015',
			),
			httpCode: '400',
			errors: [
				expect.objectContaining({ code: '10015', source: { pointer: '/body/phone_numbers/1' } }),
			],
		});
		expect(result.items[0].json.error).toMatch(
			/^Not sent through: Telnyx refused the whole request because of other numbers/,
		);
		expectNoSecret(result);
	});

	test('a 422 with one entry per number maps each entry to its number', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.injectReply({
			status: 422,
			body: {
				errors: [0, 2].map((index) => ({
					code: '10005',
					title: 'Invalid parameters',
					detail: `${numbers[index]} is not allowed`,
					meta: { url: 'https://developers.telnyx.com/docs/overview/errors/10005' },
					source: { pointer: `/body/phone_numbers/${index}` },
				})),
			},
		});

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, numbers.join(' ')),
		});

		expect(result.items.map((item) => statusOf(item))).toEqual(['refused', 'failed', 'refused']);
		expect(result.items[2].json.error).toContain(`${numbers[2]} is not allowed`);
		expect(details(result.items[0]).httpCode).toBe('422');
	});

	test('with the error output on, registered numbers go to the main output and failures to the error output', async () => {
		const numbers = usNumbers(150);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers.slice(0, 149));

		const result = await runNode({
			credential: api.credential,
			onError: 'continueErrorOutput',
			items: numbers.map((phone, row) => ({ phone, row })),
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}', { concurrency: 1 }),
		});

		expect(result.items).toHaveLength(100);
		expect(result.items.every((item) => item.json.phone_number && !item.json.error)).toBe(true);
		expect(result.errorItems).toHaveLength(50);
		// n8n merges the input item into each error item, so the row travels with its failure.
		expect(result.errorItems[49].json).toMatchObject({
			row: 149,
			phone: numbers[149],
			error: `Bad Request: ${numbers[149]} is not in your Telnyx phone number inventory`,
			// One line for the Table view: which number, its status and where; the reason is in `error`.
			message: `${numbers[149]} (refused): Telnyx error 10015 at /body/phone_numbers/49 - https://developers.telnyx.com/docs/overview/errors/10015. In request 2 of 2 (50 numbers for enterprise ${enterpriseId}).`,
		});
		expect(result.errorItems[0].json).toMatchObject({
			row: 100,
			message: expect.stringMatching(/^\+1\d{10} \(failed\): In request 2 of 2/),
		});
	});

	test('when request 2 of 3 fails, stops, says what was registered and what was not sent', async () => {
		const numbers = usNumbers(300);
		const enterpriseId = api.sandbox.state.enterpriseOwning(
			numbers.filter((_, index) => index !== 150),
		);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, numbers.join('\n'), { concurrency: 1 }),
		});

		expect(api.sandbox.requests).toHaveLength(2);
		expect(api.sandbox.state.registrations.size).toBe(100);
		expect(result.error?.message).toBe(
			`Bad Request: ${numbers[150]} is not in your Telnyx phone number inventory`,
		);
		expect(result.error?.description).toContain('In request 2 of 3 (100 numbers for enterprise');
		expect(result.error?.description).toContain(
			'100 numbers were registered by the requests that succeeded, and billed; leave them out of a re-run: ',
		);
		expect(result.error?.description).toContain(
			`Bad Request: ${numbers[150]} is not in your Telnyx phone number inventory`,
		);
		expect(result.error?.description).toContain(
			'99 numbers: Not sent through: Telnyx refused the whole request',
		);
		expect(result.error?.description).toContain(
			'100 numbers in 1 request were not sent after this failure.',
		);
	});

	test('with Continue On Fail, a failed request does not stop the others; every number is accounted for', async () => {
		const numbers = usNumbers(300);
		const enterpriseId = api.sandbox.state.enterpriseOwning(
			numbers.filter((_, index) => index !== 150),
		);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, numbers.join('\n'), { concurrency: 1 }),
		});

		expect(api.sandbox.requests).toHaveLength(3);
		expect(result.items).toHaveLength(300);
		const counts = result.items.reduce<Record<string, number>>((all, item) => {
			const status = String(statusOf(item));
			return { ...all, [status]: (all[status] ?? 0) + 1 };
		}, {});
		expect(counts).toEqual({ registered: 200, refused: 1, failed: 99 });
		expect(result.hints[0]?.message).toBe('200 registered, 100 not registered, in 3 requests');
	});

	test('a 502 with an HTML body gets a clear message and the body text, not a parse error', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
		api.sandbox.injectReply({
			status: 502,
			headers: { 'content-type': 'text/html' },
			body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
		});

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, '+19493253498'),
		});

		expect(result.error?.message).toContain('(the request: Telnyx answered 502 Bad Gateway)');
		expect(result.error?.description).toContain('"502 Bad Gateway nginx"');
		expect(result.error).toMatchObject({ httpCode: '502' });
		expectNoSecret(result);
	});

	test('a server that cannot be reached is named, and with Continue On Fail each number says so', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);
		const closed = await import('../../support/sandbox/server').then(async ({ startSandbox }) => {
			const other = await startSandbox();
			await other.close();
			return other.url;
		});

		const stopped = await runNode({
			credential: { apiKey: SECRET_KEY, baseUrl: closed },
			parameters: registerParameters(enterpriseId, '+19493253498'),
		});
		expect(stopped.error?.message).toBe(
			'Could not reach the Telnyx API: the connection was refused',
		);
		expect(stopped.error?.description).toContain(
			`${closed}/enterprises/${enterpriseId}/reputation/numbers`,
		);
		expectNoSecret(stopped);

		const continued = await runNode({
			credential: { apiKey: SECRET_KEY, baseUrl: closed },
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, '+19493253498 +12134445566'),
		});
		expect(continued.items.map((item) => statusOf(item))).toEqual(['failed', 'failed']);
		expect(continued.items[0].json.error).toBe(
			'Could not reach the Telnyx API: the connection was refused',
		);
		expectNoSecret(continued);
	});

	test('a 201 that does not list a sent number does not report it lost: free reads find out', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);
		api.sandbox.injectReply({ status: 201, body: { data: [], meta: {} } });

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, '+19493253498, +12134445566'),
		});

		// The sandbox's answer was replaced before it stored anything: neither is monitored.
		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']);
		expect(result.items.map((item) => statusOf(item))).toEqual(['failed', 'failed']);
		expect(result.items[0].json.error).toBe(
			'Not registered: a free read shows the number is not monitored, so it can be sent again (the request: Telnyx answered 201 but did not confirm every number of request 1 of 1 (2 numbers for enterprise ' +
				enterpriseId +
				'))',
		);
	});
});
