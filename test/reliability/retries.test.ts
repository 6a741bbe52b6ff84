import { sentNumbers, statusOf } from '../harness/items';
import { runNode } from '../../support/engine/runNode';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import type { Reply } from '../../support/sandbox/envelope';
import { entry, errors } from '../../support/sandbox/envelope';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();

const tooMany: Reply = {
	...errors(429, entry('10011', 'Too many requests', 'Slow down.')),
	headers: { 'retry-after': '0' },
};
const unavailable = errors(503, entry('10000', 'Service unavailable', 'Try later.'));

describe('Billable requests are retried only when they provably were not processed', () => {
	test('Register: a 429 is waited out and sent again; every number registered once', async () => {
		const numbers = usNumbers(3);
		api.sandbox.state.addInventory(numbers);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply(tooMany);
		api.sandbox.injectReply(tooMany);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterprise.id, numbers.join(',')),
		});

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests).toHaveLength(3);
		expect(result.items).toHaveLength(3);
		expect(api.sandbox.state.registrations.size).toBe(3);
	});

	test('Register: a 503 is not sent again; a free read finds out the number was not registered', async () => {
		api.sandbox.state.addInventory(['+19493253498']);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply(unavailable);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterprise.id, '+19493253498'),
		});

		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(result.error?.message).toBe(
			'Not registered: a free read shows the number is not monitored, so it can be sent again (the request: Service unavailable: Try later.)',
		);
	});

	test('Register: a timed-out request is not sent again', async () => {
		api.sandbox.state.addInventory(['+19493253498']);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply({ status: 201, fault: 'hang' });

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterprise.id, '+19493253498', { timeout: 1 }),
		});

		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(result.error?.message).toContain(
			'(the request: Could not reach the Telnyx API: the request timed out)',
		);
	});

	test('Enable (declarative, billable): a 429 is retried, a 500 is not', async () => {
		api.sandbox.state.termsAgreedAt = api.sandbox.state.now();
		const first = api.sandbox.state.addEnterprise('Acme', { reputation: 'none' });
		const second = api.sandbox.state.addEnterprise('Globex', { reputation: 'none' });
		const enable = (id: string) =>
			operation('reputationSettings', 'enable', { enterpriseId: byId(id), loaDocumentId: 'doc-1' });

		api.sandbox.injectReply(tooMany);
		const retried = await runNode({ credential: api.credential, parameters: enable(first.id) });
		const afterRetry = api.sandbox.requests.length;
		api.sandbox.injectReply(errors(500, entry('10000', 'Internal error', 'Something broke.')));
		const failed = await runNode({ credential: api.credential, parameters: enable(second.id) });

		expect(retried.items[0].json).toMatchObject({ enterprise_id: first.id, status: 'pending' });
		expect(afterRetry).toBe(2);
		expect(failed.error?.message).toBe('Outcome unknown: Internal error: Something broke.');
		expect(api.sandbox.requests.length - afterRetry).toBe(1);
	});

	test('a rate limit that asks for more than a minute is reported, not waited for', async () => {
		api.sandbox.state.addInventory(['+19493253498']);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply({ ...tooMany, headers: { 'retry-after': '3600' } });

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterprise.id, '+19493253498'),
		});

		expect(api.sandbox.requests).toHaveLength(1);
		expect(result.error).toMatchObject({ httpCode: '429' });
		expect(result.error?.description).toContain('rate limiting');
	});
});

describe('Waits the API asks for, in every form HTTP allows', () => {
	const limited = (headers: Record<string, string>): Reply => ({ ...tooMany, headers });
	const getMany = (enterpriseId: string) =>
		operation('phoneNumber', 'getMany', { enterpriseId: byId(enterpriseId), returnAll: true });
	const httpDate = (msFromNow: number) => new Date(Date.now() + msFromNow).toUTCString();

	test('Retry-After as an HTTP date a moment ahead: the read is sent again, not before that time', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');
		// HTTP dates have whole seconds: two seconds ahead is at least one second's wait.
		const date = httpDate(2000);
		api.sandbox.injectReply(limited({ 'retry-after': date }));

		const result = await runNode({
			credential: api.credential,
			parameters: getMany(enterprise.id),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(api.sandbox.requests).toHaveLength(2);
		expect(api.sandbox.requests[1].at).toBeGreaterThanOrEqual(Date.parse(date));
	});

	test('Retry-After: 0 is sent again at once', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply(limited({ 'retry-after': '0' }), 3);

		const result = await runNode({
			credential: api.credential,
			parameters: getMany(enterprise.id),
		});

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests).toHaveLength(4);
	});

	const farAhead: Array<[string, () => Record<string, string>]> = [
		['Retry-After as an HTTP date an hour ahead', () => ({ 'retry-after': httpDate(3_600_000) })],
		['Retry-After of 3,600 seconds', () => ({ 'retry-after': '3600' })],
		[
			'x-ratelimit-reset as a time (epoch seconds) an hour ahead',
			() => ({ 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }),
		],
	];

	test.each(farAhead)(
		'%s: a read (declarative) and a billable Register stop at once, saying when to run again',
		async (_form, headers) => {
			api.sandbox.state.addInventory(['+19493253498']);
			const enterprise = api.sandbox.state.addEnterprise('Acme');
			api.sandbox.injectReply(limited(headers()), 2);

			const read = await runNode({
				credential: api.credential,
				parameters: getMany(enterprise.id),
			});
			const register = await runNode({
				credential: api.credential,
				parameters: registerParameters(enterprise.id, '+19493253498'),
			});

			expect(api.sandbox.requests).toHaveLength(2);
			for (const { error } of [read, register]) {
				expect(error).toMatchObject({ httpCode: '429' });
				expect(error?.description).toMatch(
					/Telnyx asks to wait until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(60 minutes from now\), longer than the node waits: it stopped at once\. Run it again after that time\./,
				);
			}
		},
	);

	test('a 503 with Retry-After far ahead: the read stops at once and says when', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply({ ...unavailable, headers: { 'retry-after': httpDate(600_000) } });

		const result = await runNode({
			credential: api.credential,
			parameters: getMany(enterprise.id),
		});

		expect(api.sandbox.requests).toHaveLength(1);
		expect(result.error?.description).toContain('Telnyx asks to wait until');
	});
});

describe('Idempotent reads are retried with backoff', () => {
	test('Get Many: two 503s, then the page', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		for (const number of usNumbers(5)) api.sandbox.state.register(enterprise.id, number);
		api.sandbox.injectReply(unavailable);
		api.sandbox.injectReply(unavailable);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterprise.id),
				returnAll: true,
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(api.sandbox.requests).toHaveLength(3);
	});

	test('Get: a connection reset, then the answer', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');
		api.sandbox.injectReply({ status: 200, fault: 'reset' });

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '+19493253498',
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.phone_number).toBe('+19493253498');
		expect(api.sandbox.requests).toHaveLength(2);
	});

	test('Settings Get: gives up after 3 retries and reports the last error', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		for (let i = 0; i < 4; i++) api.sandbox.injectReply(unavailable);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('reputationSettings', 'get', { enterpriseId: byId(enterprise.id) }),
		});

		expect(result.error?.message).toBe('Service unavailable: Try later.');
		expect(api.sandbox.requests).toHaveLength(4);
	});
});

describe('Partial success', () => {
	test('Retry Without Refused Numbers registers the good numbers of a refused request', async () => {
		const numbers = usNumbers(5);
		api.sandbox.state.addInventory([numbers[0], numbers[2], numbers[4]]);
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterprise.id, numbers.join(','), {
				retryWithoutRefused: true,
			}),
		});

		expect(sentNumbers(api.sandbox.requests)).toEqual([
			numbers,
			[numbers[0], numbers[2], numbers[4]],
		]);
		expect(result.items.map((item) => statusOf(item))).toEqual([
			'registered',
			'refused',
			'registered',
			'refused',
			'registered',
		]);
	});

	test('with it on and Continue On Fail off, the good numbers are registered and the refused ones stop the workflow', async () => {
		const numbers = usNumbers(3);
		api.sandbox.state.addInventory([numbers[0], numbers[2]]);
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterprise.id, numbers.join(','), {
				retryWithoutRefused: true,
			}),
		});

		expect(api.sandbox.state.registrations.size).toBe(2);
		expect(result.error?.message).toBe(
			`Bad Request: ${numbers[1]} is not in your Telnyx phone number inventory`,
		);
		expect(result.error?.description).toContain(
			'2 numbers were registered by the requests that succeeded, and billed; leave them out of a re-run: ',
		);
	});
});
