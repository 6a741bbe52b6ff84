import { expectNoSecret, sentNumbers } from '../harness/items';
import { runNode } from '../../support/engine/runNode';
import { byId, operation } from '../harness/parameters';
import { SECRET_KEY, useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';

const api = useSandbox();
const phone = (name: string, fields = {}) => operation('phoneNumber', name, fields);
const anyEnterprise = { __rl: true, mode: 'list', value: '' };

describe('Phone number: Get', () => {
	test('reads the stored record through the free list filtered by the number: a first Get bills nothing', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');

		const result = await runNode({
			credential: api.credential,
			parameters: phone('get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '(949) 325-3498',
				options: {},
			}),
		});

		expect(api.sandbox.requests.map((r) => [r.path, r.query])).toEqual([
			[
				`/enterprises/${enterprise.id}/reputation/numbers`,
				{ 'filter[phone_number][eq]': '+19493253498', 'page[size]': '1' },
			],
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ phone_number: '+19493253498', reputation_data: null }),
		]);
		expect(api.sandbox.state.charges).toEqual([]);
	});

	test('Live Lookup sends the number as one path segment (+ as %2B) with fresh=true, and is billed', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');

		const result = await runNode({
			credential: api.credential,
			parameters: phone('get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '(949) 325-3498',
				options: { fresh: true },
			}),
		});

		expect(api.sandbox.requests.map((r) => [r.path, r.query])).toEqual([
			[`/enterprises/${enterprise.id}/reputation/numbers/%2B19493253498`, { fresh: 'true' }],
		]);
		expect(result.items[0].json).toMatchObject({
			phone_number: '+19493253498',
			reputation_data: expect.objectContaining({
				spam_risk: expect.any(String),
				maturity_score: expect.any(Number),
			}),
			billed_usd: 0.1,
		});
		expect(api.sandbox.state.charges).toEqual([
			{ kind: 'reputation check', phone_number: '+19493253498', usd: 0.1 },
		]);
	});

	test('with the enterprise left empty, reads the account-wide endpoints', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');
		api.sandbox.state.setReputation('+19493253498', { spam_risk: 'high' });

		const stored = await runNode({
			credential: api.credential,
			parameters: phone('get', { enterpriseId: anyEnterprise, phoneNumber: '+19493253498' }),
		});
		await runNode({
			credential: api.credential,
			parameters: phone('get', {
				enterpriseId: anyEnterprise,
				phoneNumber: '+19493253498',
				options: { fresh: true },
			}),
		});

		expect(stored.items[0].json.reputation_data).toMatchObject({ spam_risk: 'high' });
		expect(api.sandbox.requests.map((r) => [r.path, r.query])).toEqual([
			['/reputation/numbers', { 'filter[phone_number][eq]': '+19493253498', 'page[size]': '1' }],
			['/reputation/numbers/%2B19493253498', { fresh: 'true' }],
		]);
	});

	test('an unmonitored number shows the 404; a bad number is refused before any request', async () => {
		api.sandbox.state.addEnterprise('Acme');

		const missing = await runNode({
			credential: api.credential,
			parameters: phone('get', { enterpriseId: anyEnterprise, phoneNumber: '+19493253498' }),
		});
		const bad = await runNode({
			credential: api.credential,
			parameters: phone('get', { enterpriseId: anyEnterprise, phoneNumber: '949-32' }),
		});

		expect(missing.error?.message).toBe(
			'+19493253498: Resource not found: Phone number is not monitored.',
		);
		expect(bad.error?.message).toBe('Invalid phone number "949-32": too short for United States');
		expect(api.sandbox.requests).toHaveLength(1);
	});

	test('with Continue On Fail, each item gets its own result or error, paired', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [{ phone: '+19493253498' }, { phone: '+12134445566' }],
			parameters: phone('get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '={{ $json.phone }}',
			}),
		});

		expect(
			result.items.map((item) => [item.json.phone_number ?? item.json.error, item.pairedItem]),
		).toEqual([
			['+19493253498', { item: 0 }],
			['+12134445566: Resource not found: Phone number is not monitored.', { item: 1 }],
		]);
	});
});

describe('Phone number: Get Many', () => {
	const monitored = (count: number) => api.sandbox.state.enterpriseMonitoring(usNumbers(count));
	const pages = () =>
		api.sandbox.requests.map((r) => [r.query['page[number]'], r.query['page[size]']]);

	test('an empty account gives no items from one request', async () => {
		const enterpriseId = monitored(0);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('getMany', { enterpriseId: byId(enterpriseId), returnAll: true }),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
		expect(pages()).toEqual([['1', '250']]);
	});

	test('items show the number first (the Table view), then the ids', async () => {
		const enterpriseId = monitored(2);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('getMany', { enterpriseId: byId(enterpriseId), returnAll: true }),
		});

		expect(result.items.map((item) => Object.keys(item.json)[0])).toEqual([
			'phone_number',
			'phone_number',
		]);
	});

	test('Return All over exactly one page makes one request', async () => {
		const enterpriseId = monitored(250);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('getMany', { enterpriseId: byId(enterpriseId), returnAll: true }),
		});

		expect(result.items).toHaveLength(250);
		expect(pages()).toEqual([['1', '250']]);
	});

	test('Return All follows the pages to the last, partial one', async () => {
		const enterpriseId = monitored(600);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('getMany', { enterpriseId: byId(enterpriseId), returnAll: true }),
		});

		expect(result.items).toHaveLength(600);
		expect(new Set(result.items.map((item) => item.json.phone_number)).size).toBe(600);
		expect(pages()).toEqual([
			['1', '250'],
			['2', '250'],
			['3', '250'],
		]);
	});

	test('a Limit smaller than a page asks for that many, once (page size always sent)', async () => {
		const enterpriseId = monitored(40);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('getMany', {
				enterpriseId: byId(enterpriseId),
				returnAll: false,
				limit: 7,
			}),
		});

		expect(result.items).toHaveLength(7);
		expect(pages()).toEqual([['1', '7']]);
	});

	test('a Limit over a page pages until it has enough', async () => {
		const enterpriseId = monitored(600);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('getMany', {
				enterpriseId: byId(enterpriseId),
				returnAll: false,
				limit: 300,
			}),
		});

		expect(result.items).toHaveLength(300);
		expect(pages()).toEqual([
			['1', '250'],
			['2', '250'],
		]);
	});

	test('filters: "is" is normalized to E.164; "contains" needs 5 digits; all enterprises when empty', async () => {
		monitored(3);

		const exact = await runNode({
			credential: api.credential,
			parameters: phone('getMany', {
				enterpriseId: anyEnterprise,
				returnAll: true,
				filters: { equals: '(949) 325-0001' },
			}),
		});
		const tooShort = await runNode({
			credential: api.credential,
			parameters: phone('getMany', {
				enterpriseId: anyEnterprise,
				returnAll: true,
				filters: { contains: '949' },
			}),
		});

		expect(exact.items.map((item) => item.json.phone_number)).toEqual(['+19493250001']);
		expect(api.sandbox.requests[0]).toMatchObject({
			path: '/reputation/numbers',
			query: { 'filter[phone_number][eq]': '+19493250001', 'page[size]': '250' },
		});
		expect(tooShort.error?.message).toBe(
			'"Phone Number Contains" needs at least 5 digits; got "949"',
		);
		expect(api.sandbox.requests).toHaveLength(1);
	});

	test('a wrong key on a paged read shows the 401', async () => {
		const enterpriseId = monitored(1);

		const result = await runNode({
			credential: { ...api.credential, apiKey: 'KEY_wrong' },
			parameters: phone('getMany', { enterpriseId: byId(enterpriseId), returnAll: true }),
		});

		expect(result.error).toMatchObject({
			httpCode: '401',
			message: expect.stringContaining('Authentication failed'),
		});
	});
});

describe('Phone number: Refresh', () => {
	test('refreshes numbers from many items in shared requests and surfaces each failed result', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		const numbers = usNumbers(150);
		for (const number of numbers.slice(0, 149)) api.sandbox.state.register(enterprise.id, number);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: numbers.map((number) => ({ number })),
			parameters: phone('refresh', {
				enterpriseId: byId(enterprise.id),
				phoneNumbers: '={{ $json.number }}',
			}),
		});

		expect(
			api.sandbox.requests.map((r, index) => [
				r.path,
				sentNumbers(api.sandbox.requests)[index].length,
			]),
		).toEqual([
			[`/enterprises/${enterprise.id}/reputation/numbers/refresh`, 100],
			[`/enterprises/${enterprise.id}/reputation/numbers/refresh`, 50],
		]);
		expect(result.items).toHaveLength(150);
		// Beside a failure, a success has its columns too (null where it has no value).
		expect(result.items[0].json).toEqual({
			phone_number: numbers[0],
			status: 'refreshed',
			error: null,
			success: true,
			billed_usd: 0.1,
			input: null,
			details: null,
		});
		expect(result.items[149].json).toMatchObject({
			phone_number: numbers[149],
			status: 'refused',
			error: `Refresh of ${numbers[149]} failed: Phone number is not monitored on this enterprise`,
		});
		expect(result.items[149].pairedItem).toEqual([{ item: 149 }]);
		expect(result.hints[0].message).toBe(
			'149 refreshed and billed (USD 14.90), 1 not refreshed, in 2 requests',
		);
	});

	test('a failed result stops the workflow when Continue On Fail is off', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const result = await runNode({
			credential: api.credential,
			parameters: phone('refresh', {
				enterpriseId: byId(enterprise.id),
				phoneNumbers: '+19493253498',
			}),
		});

		expect(result.error?.message).toBe(
			'Refresh of +19493253498 failed: Phone number is not monitored on this enterprise',
		);
	});
	test('Stop mode names the numbers that were refreshed and billed, so a re-run can leave them out', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		const numbers = usNumbers(3);
		api.sandbox.state.register(enterprise.id, numbers[0]);
		api.sandbox.state.register(enterprise.id, numbers[2]);

		const result = await runNode({
			credential: api.credential,
			parameters: phone('refresh', {
				enterpriseId: byId(enterprise.id),
				phoneNumbers: numbers.join(', '),
			}),
		});

		expect(api.sandbox.state.charges.map((charge) => charge.phone_number)).toEqual([
			numbers[0],
			numbers[2],
		]);
		expect(result.error?.message).toBe(
			`Refresh of ${numbers[1]} failed: Phone number is not monitored on this enterprise`,
		);
		const lines = result.error?.description?.split('\n') ?? [];
		expect(lines).toContain(
			`2 numbers were refreshed by the requests that succeeded, and billed; leave them out of a re-run: ${numbers[0]}, ${numbers[2]}.`,
		);
		// n8n shows the description as one paragraph: every line ends as a sentence.
		expect(lines.filter((line) => line !== '' && !/[.!?:]$/.test(line))).toEqual([]);
	});
});

describe('Phone number: Remove', () => {
	test('removes with %2B in the path and confirms; enterprise optional', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');
		api.sandbox.state.register(enterprise.id, '+12134445566');

		const scoped = await runNode({
			credential: api.credential,
			parameters: phone('remove', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '+1 949 325 3498',
			}),
		});
		const anywhere = await runNode({
			credential: api.credential,
			parameters: phone('remove', { enterpriseId: anyEnterprise, phoneNumber: '2134445566' }),
		});

		expect(api.sandbox.requests.map((r) => [r.method, r.path])).toEqual([
			['DELETE', `/enterprises/${enterprise.id}/reputation/numbers/%2B19493253498`],
			['DELETE', '/reputation/numbers/%2B12134445566'],
		]);
		expect(scoped.items[0].json).toEqual({ phone_number: '+19493253498', removed: true });
		expect(anywhere.items[0].json).toEqual({ phone_number: '+12134445566', removed: true });
		expect(api.sandbox.state.registrations.size).toBe(0);
	});

	test('removing an unmonitored number shows the 404', async () => {
		const result = await runNode({
			credential: api.credential,
			parameters: phone('remove', { enterpriseId: anyEnterprise, phoneNumber: '+19493253498' }),
		});

		expect(result.error?.message).toBe(
			'+19493253498: Resource not found: Phone number is not monitored.',
		);
		expect(result.error).toMatchObject({ httpCode: '404' });
	});
});

describe('Declarative operations: the key never leaks', () => {
	test('a server that cannot be reached is named, and the key is in no error, item or log', async () => {
		const { startSandbox } = await import('../../support/sandbox/server');
		const closed = await startSandbox();
		await closed.close();

		const result = await runNode({
			credential: { apiKey: SECRET_KEY, baseUrl: closed.url },
			parameters: phone('get', { enterpriseId: anyEnterprise, phoneNumber: '+19493253498' }),
		});

		expect(result.error?.message).toBe(
			'Could not reach the Telnyx API: the connection was refused',
		);
		expect(result.error?.description).toContain(
			`Request to ${closed.url}/reputation/numbers got no answer (ECONNREFUSED)`,
		);
		expectNoSecret(result);
	});

	test('a 401 on a declarative operation leaks no key', async () => {
		const wrong = `${SECRET_KEY}-wrong`;
		const result = await runNode({
			credential: { ...api.credential, apiKey: wrong },
			parameters: phone('getMany', { enterpriseId: anyEnterprise, returnAll: true }),
		});

		expect(result.error).toMatchObject({ httpCode: '401' });
		expectNoSecret(result, wrong);
	});
});
