// A 2xx answer that is not the JSON the API documents (a captive portal's page, a body cut off
// mid-way, nothing at all) is never taken for a success: every kind of operation, the enterprise
// picker and both triggers stop with an error naming the status and what came instead.
import type { Reply } from '../../support/sandbox/envelope';
import { PollingTrigger, WebhookTrigger } from '../../support/engine/triggers';
import { runNode, searchList } from '../../support/engine/runNode';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();

const answers: Array<[string, Reply, string]> = [
	[
		'a captive portal’s HTML page',
		{
			status: 200,
			headers: { 'content-type': 'text/html' },
			body: '<!doctype html><html><body><h1>Sign in to the hotel Wi-Fi</h1></body></html>',
		},
		'Telnyx answered 200, but not with the JSON the API documents: it sent an HTML page',
	],
	[
		'JSON cut off mid-way',
		{ status: 200, body: '{"data": [{"phone_number": "+1949' },
		'Telnyx answered 200, but not with the JSON the API documents: it sent JSON cut off or malformed (33 characters)',
	],
	[
		'an empty body',
		{ status: 200, body: '' },
		'Telnyx answered 200, but not with the JSON the API documents: it sent an empty body',
	],
];

/** Reads are retried like any transient failure (3 times), so the answer is given 4 times. */
const EVERY_TRY = 4;

describe.each(answers)('A 2xx with %s', (_name, reply, message) => {
	test('Get (declarative, one record) stops with the status and what came', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(['+19493253498']);
		api.sandbox.injectReply(reply, EVERY_TRY);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'get', {
				enterpriseId: byId(enterpriseId),
				phoneNumber: '+19493253498',
			}),
		});

		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe(`+19493253498: ${message}`);
		expect(result.error?.description).toContain('a proxy, a captive portal, a firewall');
	});

	test('Get Many (declarative, paged) stops, outputting nothing', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(['+19493253498']);
		api.sandbox.injectReply(reply, EVERY_TRY);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', { enterpriseId: byId(enterpriseId) }),
		});

		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe(message);
	});

	test('Register (custom, billable): not taken for a success; free reads settle it', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
		api.sandbox.injectReply({ ...reply, status: 201 }, 1, { method: 'POST' });

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, '+19493253498'),
		});

		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(result.items[0].json).toMatchObject({ phone_number: '+19493253498', status: 'failed' });
		expect(String(result.items[0].json.error)).toContain(
			`(the request: ${message.replace('200', '201')})`,
		);
	});

	test('Sync (custom, its free plan read) stops before sending anything', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
		api.sandbox.injectReply(reply, EVERY_TRY, { method: 'GET' });

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'sync', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '+19493253498',
				dryRun: false,
			}),
		});

		expect(result.error?.message).toBe(message);
		expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
	});

	test('the enterprise picker shows the error, not an empty list', async () => {
		api.sandbox.injectReply(reply, EVERY_TRY);

		await expect(searchList(api.credential, 'searchEnterprises')).rejects.toThrow(message);
	});

	test('the polling trigger’s poll fails (keeping its state), rather than reading an empty pool', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(['+19493253498']);
		const poll = new PollingTrigger(api.credential, {
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
		} as never);
		expect(await poll.poll()).toBeNull();
		const before = JSON.stringify(poll.staticData);
		api.sandbox.injectReply(reply, EVERY_TRY);

		await expect(poll.poll()).rejects.toThrow(message);
		expect(JSON.stringify(poll.staticData)).toBe(before);
	});
});

describe('The webhook trigger’s activation', () => {
	test('an HTML page answered 200 to setting the URL fails the activation (an empty 200 is the documented answer)', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		const trigger = new WebhookTrigger(
			{ ...api.credential, webhookPublicKey: api.sandbox.webhooks.publicKey },
			{ enterpriseId: byId(enterpriseId) },
		);
		await trigger.start();
		try {
			api.sandbox.injectReply(answers[0][1], EVERY_TRY);
			await expect(trigger.activate()).rejects.toThrow(answers[0][2]);
			await trigger.activate();
			expect(api.sandbox.state.enterprises.get(enterpriseId)?.ownershipWebhookUrl).toContain(
				trigger.url,
			);
		} finally {
			await trigger.stop();
		}
	});
});
