import { runNode } from '../../support/engine/runNode';
import { expectNoSecret, statusOf } from '../harness/items';
import { useSandbox } from '../harness/useSandbox';
import type { Reply } from '../../support/sandbox/envelope';
import { badRequest, entry, errors, inUse, invalid } from '../../support/sandbox/envelope';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();
const NUMBERS = ['+19493253498', '+12134445566'];

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(() => process.on('unhandledRejection', onRejection));
afterAll(() => process.off('unhandledRejection', onRejection));

interface Fault {
	name: string;
	reply: Reply;
	/** What the stopped run's message says. */
	message: string | RegExp;
	httpCode?: string;
	/** Requests the sandbox sees: 1, or 4 when the fault is retried to the end. */
	requests: number;
	/** The request may have been processed: free reads then find out (here: it was not). */
	processed?: boolean;
}

const retryAfterZero = { 'retry-after': '0' };
const faults: Fault[] = [
	{
		name: '400',
		reply: errors(400, badRequest('Reputation is not approved for this enterprise.')),
		message: 'Bad Request: Reputation is not approved for this enterprise.',
		httpCode: '400',
		requests: 1,
	},
	{
		name: '401',
		reply: errors(401, entry('10009', 'Authentication failed', 'Bad key.')),
		message: 'Authentication failed: Bad key.',
		httpCode: '401',
		requests: 1,
	},
	{
		name: '403',
		reply: errors(403, entry('10010', 'Forbidden', 'Terms not accepted.')),
		message: 'Forbidden: Terms not accepted.',
		httpCode: '403',
		requests: 1,
	},
	{
		name: '404',
		reply: errors(404, entry('10009', 'Resource not found', 'Enterprise not found.')),
		message: 'Resource not found: Enterprise not found.',
		httpCode: '404',
		requests: 1,
	},
	{
		name: '409',
		reply: errors(409, inUse('Numbers are being changed.')),
		message: 'Resource in use: Numbers are being changed.',
		httpCode: '409',
		requests: 1,
	},
	{
		name: '422 with one entry per number',
		reply: errors(
			422,
			...NUMBERS.map((n, i) =>
				invalid(`${n} is not allowed`, { pointer: `/body/phone_numbers/${i}` }),
			),
		),
		message: `Invalid parameters: ${NUMBERS[0]} is not allowed (and 1 more)`,
		httpCode: '422',
		requests: 1,
	},
	{
		name: '429 with x-ratelimit headers, retried to the end',
		reply: {
			...errors(429, entry('10011', 'Too many requests', 'Rate limit exceeded.')),
			headers: {
				'x-ratelimit-limit': '20',
				'x-ratelimit-remaining': '0',
				'x-ratelimit-reset': '0',
			},
		},
		message: 'Too many requests: Rate limit exceeded.',
		httpCode: '429',
		requests: 21,
	},
	{
		name: '429 with Retry-After, retried to the end',
		reply: {
			...errors(429, entry('10011', 'Too many requests', 'Slow down.')),
			headers: retryAfterZero,
		},
		message: 'Too many requests: Slow down.',
		httpCode: '429',
		requests: 21,
	},
	{
		name: '500',
		reply: errors(500, entry('10000', 'Internal error', 'Something broke.')),
		message: 'Internal error: Something broke.',
		httpCode: '500',
		requests: 1,
		processed: true,
	},
	{
		name: '502 with an HTML body',
		reply: {
			status: 502,
			headers: { 'content-type': 'text/html' },
			body: '<html><h1>502 Bad Gateway</h1></html>',
		},
		message: 'Telnyx answered 502 Bad Gateway',
		httpCode: '502',
		requests: 1,
		processed: true,
	},
	{
		name: '503',
		reply: errors(503, entry('10000', 'Service unavailable', 'Try later.')),
		message: 'Service unavailable: Try later.',
		httpCode: '503',
		requests: 1,
		processed: true,
	},
	{
		name: 'a connection reset mid-response',
		reply: { status: 201, fault: 'reset' },
		message: /Could not reach the Telnyx API: /,
		requests: 1,
		processed: true,
	},
	{
		name: 'an answer that never comes',
		reply: { status: 201, fault: 'hang' },
		message: 'Could not reach the Telnyx API: the request timed out',
		requests: 1,
		processed: true,
	},
	{
		name: 'a 201 with malformed JSON',
		reply: { status: 201, body: '{"data": [{"phone_number": ' },
		message: 'Telnyx answered 201, but not with the JSON the API documents: it sent JSON cut off',
		httpCode: '201',
		requests: 1,
		processed: true,
	},
	{
		name: 'a 201 with an empty body',
		reply: { status: 201, body: '' },
		message: 'Telnyx answered 201, but not with the JSON the API documents: it sent an empty body',
		httpCode: '201',
		requests: 1,
		processed: true,
	},
];

function arrange(fault: Fault) {
	const enterprise = api.sandbox.state.addEnterprise('Acme');
	api.sandbox.state.addInventory(NUMBERS);
	for (let i = 0; i < fault.requests; i++) api.sandbox.injectReply(fault.reply);
	return registerParameters(enterprise.id, NUMBERS.join(','), { timeout: 1 });
}

describe.each(faults)('Register Numbers under $name', (fault) => {
	test('stops with a clear error naming what happened, and its status', async () => {
		const result = await runNode({ credential: api.credential, parameters: arrange(fault) });

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(fault.message);
		if (fault.httpCode) expect(result.error).toMatchObject({ httpCode: fault.httpCode });
		// A fault that may hide a processed request is settled by free reads, one per number:
		// the sandbox did not store them, so they are not registered, and safe to send again.
		const reads = fault.processed ? NUMBERS.length : 0;
		if (fault.processed)
			expect(result.error?.message).toMatch(
				/^Not registered: a free read shows the number is not monitored, so it can be sent again \(the request: /,
			);
		expect(api.sandbox.requests).toHaveLength(fault.requests + reads);
		expect(api.sandbox.requests.slice(fault.requests).every((r) => r.method === 'GET')).toBe(true);
		expectNoSecret(result);
		expect(rejections).toEqual([]);
	});

	test('with Continue On Fail, every number comes back as a failure item', async () => {
		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: arrange(fault),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.phone_number)).toEqual(NUMBERS);
		expect(result.items.every((item) => ['failed', 'refused'].includes(statusOf(item)))).toBe(true);
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }], [{ item: 0 }]]);
		expectNoSecret(result);
		expect(rejections).toEqual([]);
	});
});
