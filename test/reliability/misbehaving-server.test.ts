import { PAGE_CONCURRENCY } from '../../nodes/shared/transport/pages';
import { byId, operation } from '../harness/parameters';
import { runNode } from '../../support/engine/runNode';
import { sentNumbers, statusOf } from '../harness/items';
import { useSandbox } from '../harness/useSandbox';
import { badRequest, errors } from '../../support/sandbox/envelope';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();

/** A full page of made-up records. */
const records = (count: number, first = 0) =>
	usNumbers(count, first).map((phone_number) => ({ phone_number }));

describe('A server that repeats itself or refuses forever does not make the node spin', () => {
	test('Retry Without Refused Numbers stops when the refusal names no number of the request', async () => {
		const numbers = usNumbers(3);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		// Points past the end of a 3-number request, every time.
		api.sandbox.injectReply(
			errors(
				400,
				badRequest('+19995550100 is not in your Telnyx phone number inventory', {
					pointer: '/body/phone_numbers/3',
				}),
			),
			Infinity,
		);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterprise.id, numbers.join(','), {
				retryWithoutRefused: true,
			}),
		});

		expect(api.sandbox.requests).toHaveLength(1);
		expect(result.items.map((item) => statusOf(item))).toEqual(['failed', 'failed', 'failed']);
		expect(result.items[0].json.error).toBe(
			'Bad Request: +19995550100 is not in your Telnyx phone number inventory',
		);
	});

	test('every resend drops a named number, and the resends of one request are capped', async () => {
		const numbers = usNumbers(30);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		// Refuses the first number of whatever it is sent, forever.
		api.sandbox.injectReply((request) => {
			const [[first]] = sentNumbers([request]);
			return errors(
				400,
				badRequest(`${first} is not in your Telnyx phone number inventory`, {
					pointer: '/body/phone_numbers/0',
				}),
			);
		}, Infinity);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterprise.id, numbers.join(','), {
				retryWithoutRefused: true,
			}),
		});

		const sent = sentNumbers(api.sandbox.requests).map((numbers) => numbers.length);
		expect(sent).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
		const statuses = result.items.map((item) => statusOf(item));
		expect(statuses.filter((status) => status === 'refused')).toHaveLength(10);
		expect(statuses.filter((status) => status === 'failed')).toHaveLength(20);
		expect(result.items[29].json.error).toContain('sent 10 times');
	});

	test('Return All stops when the server keeps answering the same page number', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply(
			{ status: 200, body: { data: records(250), meta: { page_number: 1, total_pages: 3 } } },
			Infinity,
		);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterprise.id),
				returnAll: true,
			}),
		});

		// Page 1 says there are 3: pages 2 and 3 are read together, and the list stops there.
		expect(api.sandbox.requests).toHaveLength(3);
		expect(result.error?.message).toBe('Telnyx answered page 1 when page 2 was asked for');
		expect(result.error?.description).toContain('stopped rather than read the same results again');
	});

	test('Return All refuses a list of more pages than it reads, before reading them', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply(
			{
				status: 200,
				body: { data: records(250), meta: { page_number: 1, total_pages: 1_000_000 } },
			},
			Infinity,
		);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterprise.id),
				returnAll: true,
			}),
		});

		expect(api.sandbox.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Telnyx lists 1,000,000 pages: more than the 1,000 pages (250,000 results) read in one go',
		);
	});

	test('Return All stops at the page cap when the server never runs out of pages (and never says how many)', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply((request) => {
			const pageNumber = Number(request.query['page[number]']);
			return {
				status: 200,
				body: { data: records(250, pageNumber * 250), meta: { page_number: pageNumber } },
			};
		}, Infinity);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterprise.id),
				returnAll: true,
			}),
		});

		expect(api.sandbox.requests).toHaveLength(1000);
		expect(result.error?.message).toBe(
			'Telnyx kept answering with more pages: stopped after 1,000 pages (250,000 results)',
		);
	}, 60_000);

	test('Return All ends at a short page even if the server claims more pages', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.injectReply({
			status: 200,
			body: { data: records(250), meta: { page_number: 1, total_pages: 9 } },
		});
		api.sandbox.injectReply({
			status: 200,
			body: { data: records(10, 250), meta: { page_number: 2, total_pages: 9 } },
		});

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterprise.id),
				returnAll: true,
			}),
		});

		expect(result.error).toBeUndefined();
		// Pages after the first are read a few at a time; none starts after the short one.
		expect(api.sandbox.requests.length).toBeLessThanOrEqual(1 + PAGE_CONCURRENCY);
		expect(result.items).toHaveLength(260);
	});
});
