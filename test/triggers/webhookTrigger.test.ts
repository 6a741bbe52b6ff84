import { generateKeyPairSync, sign } from 'node:crypto';

import type { NodeApiError } from 'n8n-workflow';

import { WebhookTrigger } from '../../support/engine/triggers';
import { errors, invalid } from '../../support/sandbox/envelope';
import type { OwnershipEventType } from '../../support/sandbox/webhooks';
import { expectNoSecret } from '../harness/items';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

const flagged = (enterpriseId: string) => ({
	record_type: 'reputation_phone_number',
	phone_number: '+13125550142',
	enterprise_id: enterpriseId,
	source: 'external',
	ownership_status: 'pending_confirmation',
	flag_reason: 'carrier_changed',
	confirm_by: '2026-10-08T07:00:00+00:00',
});

let trigger: WebhookTrigger | undefined;
afterEach(async () => await trigger?.stop());

/** An active workflow with the webhook trigger for a new enterprise, the credential holding the sandbox's public key. */
async function activeTrigger(events?: OwnershipEventType[]) {
	const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
	trigger = new WebhookTrigger(
		{ ...api.credential, webhookPublicKey: api.sandbox.webhooks.publicKey },
		{ enterpriseId: byId(enterpriseId), ...(events ? { events } : {}) },
	);
	await trigger.start();
	await trigger.activate();
	return { enterpriseId, trigger };
}

describe('Telnyx Number Reputation Webhook Trigger', () => {
	test("activation sets the enterprise's ownership webhook URL to the node's production URL; deactivation clears it", async () => {
		const { enterpriseId, trigger } = await activeTrigger();
		const enterprise = api.sandbox.state.enterprises.get(enterpriseId)!;

		expect(enterprise.ownershipWebhookUrl).toBe(
			`${trigger.url}/webhook/trigger-test/trigger/webhook`,
		);
		expect(api.sandbox.requests.at(-1)).toMatchObject({
			method: 'PATCH',
			path: `/enterprises/${enterpriseId}/reputation/webhook`,
			body: { webhook_url: enterprise.ownershipWebhookUrl },
		});

		await trigger.deactivate();
		expect(enterprise.ownershipWebhookUrl).toBeNull();
	});

	test('listening for a test event in a published workflow changes nothing at Telnyx: after it, a signed event still starts an execution', async () => {
		const { enterpriseId, trigger } = await activeTrigger();
		const enterprise = api.sandbox.state.enterprises.get(enterpriseId)!;
		const productionUrl = enterprise.ownershipWebhookUrl;
		const sent = api.sandbox.requests.length;

		await trigger.listenForTestEvent();
		await trigger.stopListening();

		expect(api.sandbox.requests.slice(sent)).toEqual([]);
		expect(enterprise.ownershipWebhookUrl).toBe(productionUrl);
		const [delivery] = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.flagged',
			flagged(enterpriseId),
		);
		expect(delivery.status).toBe(200);
		expect(trigger.deliveries.at(-1)?.started).toHaveLength(1);

		// Unpublishing still clears the URL the node set.
		await trigger.deactivate();
		expect(enterprise.ownershipWebhookUrl).toBeNull();
	});

	test('listening for a test event in an unpublished workflow changes nothing at Telnyx either', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		api.sandbox.state.enterprises.get(enterpriseId)!.ownershipWebhookUrl =
			'https://elsewhere.example.com/telnyx';
		trigger = new WebhookTrigger(
			{ ...api.credential, webhookPublicKey: api.sandbox.webhooks.publicKey },
			{ enterpriseId: byId(enterpriseId) },
		);
		await trigger.start();
		const sent = api.sandbox.requests.length;

		await trigger.listenForTestEvent();
		await trigger.stopListening();

		expect(api.sandbox.requests.slice(sent)).toEqual([]);
		expect(api.sandbox.state.enterprises.get(enterpriseId)!.ownershipWebhookUrl).toBe(
			'https://elsewhere.example.com/telnyx',
		);
	});

	test('events without an id each start an execution (none is taken for a redelivery)', async () => {
		const { enterpriseId, trigger } = await activeTrigger();

		for (let event = 0; event < 2; event++) {
			await api.sandbox.webhooks.deliver(
				enterpriseId,
				'number_reputation.number.flagged',
				flagged(enterpriseId),
				{ id: null },
			);
		}

		expect(trigger.deliveries.map((delivery) => delivery.started?.[0].json.event_id)).toEqual([
			null,
			null,
		]);
	});

	test('a signed event starts one execution with the payload, the event type, id and time', async () => {
		const { enterpriseId, trigger } = await activeTrigger();

		const deliveries = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.flagged',
			flagged(enterpriseId),
		);

		expect(deliveries).toEqual([{ attempt: 1, status: 200 }]);
		expect(trigger.deliveries).toHaveLength(1);
		expect(trigger.deliveries[0].started?.map((item) => item.json)).toEqual([
			{
				...flagged(enterpriseId),
				event_type: 'number_reputation.number.flagged',
				event_id: expect.any(String),
				occurred_at: expect.any(String),
				attempt: 1,
			},
		]);
	});

	test('a forged signature gets a 401 and starts nothing; the sender keeps trying and is refused each time', async () => {
		const { enterpriseId, trigger } = await activeTrigger();

		const deliveries = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.flagged',
			flagged(enterpriseId),
			{
				forge: true,
			},
		);

		expect(deliveries.map((delivery) => delivery.status)).toEqual([401, 401, 401]);
		expect(trigger.deliveries.every((delivery) => delivery.started === undefined)).toBe(true);
	});

	test('a stale timestamp (over 300 s) gets a 401 and starts nothing', async () => {
		const { enterpriseId, trigger } = await activeTrigger();

		const [delivery] = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.removed',
			flagged(enterpriseId),
			{
				ageSeconds: 301,
				maxAttempts: 1,
			},
		);

		expect(delivery.status).toBe(401);
		expect(trigger.deliveries[0].started).toBeUndefined();
	});

	test('a body changed after signing does not verify: the raw bytes are what is checked', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		const keys = generateKeyPairSync('ed25519');
		const publicKey = keys.publicKey
			.export({ format: 'der', type: 'spki' })
			.subarray(-32)
			.toString('base64');
		trigger = new WebhookTrigger(
			{ ...api.credential, webhookPublicKey: publicKey },
			{ enterpriseId: byId(enterpriseId) },
		);
		await trigger.start();
		const timestamp = String(Math.floor(Date.now() / 1000));
		const signed = JSON.stringify({
			data: { id: 'a', event_type: 'number_reputation.number.flagged', payload: {} },
			meta: { attempt: 1 },
		});
		const send = async (body: string) =>
			await fetch(`${trigger!.url}/webhook/trigger-test/trigger/webhook`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'telnyx-timestamp': timestamp,
					'telnyx-signature-ed25519': sign(
						null,
						Buffer.from(`${timestamp}|${signed}`),
						keys.privateKey,
					).toString('base64'),
				},
				body,
			});

		// The same JSON with other white space: equal once parsed, but not the bytes that were signed.
		const respaced = await send(JSON.stringify(JSON.parse(signed), null, 1));
		const original = await send(signed);

		expect([respaced.status, original.status]).toEqual([401, 200]);
		expect(trigger.deliveries.map((delivery) => delivery.started !== undefined)).toEqual([
			false,
			true,
		]);
	});

	test('a signed delivery whose body is not an event is answered 400 and starts nothing', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		const keys = generateKeyPairSync('ed25519');
		trigger = new WebhookTrigger(
			{
				...api.credential,
				webhookPublicKey: keys.publicKey
					.export({ format: 'der', type: 'spki' })
					.subarray(-32)
					.toString('base64'),
			},
			{ enterpriseId: byId(enterpriseId) },
		);
		await trigger.start();
		const timestamp = String(Math.floor(Date.now() / 1000));
		const sendSigned = async (body: string) =>
			await fetch(`${trigger!.url}/webhook/trigger-test/trigger/webhook`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'telnyx-timestamp': timestamp,
					'telnyx-signature-ed25519': sign(
						null,
						Buffer.from(`${timestamp}|${body}`),
						keys.privateKey,
					).toString('base64'),
				},
				body,
			});

		const answers = [];
		for (const body of ['null', '[1, 2]', '"text"', '42', '{}', '{"data": {"id": "x"}}'])
			answers.push((await sendSigned(body)).status);

		expect(answers).toEqual([400, 400, 400, 400, 400, 400]);
		expect(trigger.deliveries.some((delivery) => delivery.started !== undefined)).toBe(false);
	});

	test('a redelivery of the same event (meta.attempt 2) starts no second execution', async () => {
		const { enterpriseId, trigger } = await activeTrigger();
		const [first] = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.flagged',
			flagged(enterpriseId),
			{
				id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
			},
		);
		const [again] = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.flagged',
			flagged(enterpriseId),
			{
				id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
				firstAttempt: 2,
			},
		);

		expect([first.status, again.status]).toEqual([200, 200]);
		expect(trigger.deliveries.filter((delivery) => delivery.started)).toHaveLength(1);
	});

	test('a redelivery that arrives before n8n has saved the first execution’s static data starts nothing either', async () => {
		const { enterpriseId, trigger } = await activeTrigger();
		// The same workflow as n8n loads it for the next request while the first execution still
		// runs: its static data as saved before that event.
		const before = new WebhookTrigger(
			{ ...api.credential, webhookPublicKey: api.sandbox.webhooks.publicKey },
			{ enterpriseId: byId(enterpriseId) },
		);
		await before.start();
		try {
			const event = { id: '6f7b1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d' };
			await api.sandbox.webhooks.deliver(
				enterpriseId,
				'number_reputation.number.flagged',
				flagged(enterpriseId),
				event,
			);
			api.sandbox.state.enterprises.get(enterpriseId)!.ownershipWebhookUrl = before.url;
			await api.sandbox.webhooks.deliver(
				enterpriseId,
				'number_reputation.number.flagged',
				flagged(enterpriseId),
				{ ...event, firstAttempt: 2 },
			);
		} finally {
			await before.stop();
		}

		expect(trigger.deliveries.map((delivery) => delivery.started?.length)).toEqual([1]);
		expect(before.deliveries.map((delivery) => [delivery.status, delivery.started])).toEqual([
			[200, undefined],
		]);
	});

	test('an event the node is not set to receive is acknowledged and starts nothing', async () => {
		const { enterpriseId, trigger } = await activeTrigger(['number_reputation.number.removed']);

		const [delivery] = await api.sandbox.webhooks.deliver(
			enterpriseId,
			'number_reputation.number.flagged',
			flagged(enterpriseId),
		);

		expect(delivery.status).toBe(200);
		expect(trigger.deliveries[0].started).toBeUndefined();
	});

	test('without a Webhook Public Key in the credential, activation fails and says what to add', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		trigger = new WebhookTrigger(api.credential, { enterpriseId: byId(enterpriseId) });
		await trigger.start();

		await expect(trigger.activate()).rejects.toThrow('The credential has no Webhook Public Key');
		expect(api.sandbox.state.enterprises.get(enterpriseId)?.ownershipWebhookUrl).toBeUndefined();
	});

	test("a refused URL on activation says that Telnyx needs n8n's public https URL when n8n's is not", async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		trigger = new WebhookTrigger(
			{ ...api.credential, webhookPublicKey: api.sandbox.webhooks.publicKey },
			{ enterpriseId: byId(enterpriseId) },
		);
		await trigger.start();
		api.sandbox.injectReply(
			errors(422, invalid('must be an https URL', { pointer: '/webhook_url' })),
		);

		const error = await trigger.activate().catch((caught: NodeApiError) => caught);

		expect(error?.description).toContain(
			`n8n's production URL is ${trigger.url}/webhook/trigger-test/trigger/webhook: Telnyx delivers only to a public https URL. Set n8n's WEBHOOK_URL`,
		);
	});

	test('a wrong API key on activation is the API error, with no key in it', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		trigger = new WebhookTrigger(
			{
				...api.credential,
				apiKey: 'KEY_wrong_but_secret',
				webhookPublicKey: api.sandbox.webhooks.publicKey,
			},
			{ enterpriseId: byId(enterpriseId) },
		);
		await trigger.start();

		const error = await trigger.activate().catch((caught: Error) => caught);
		expect(error).toMatchObject({
			message: expect.stringContaining('Authentication failed'),
			httpCode: '401',
		});
		expectNoSecret({ run: {}, error, logs: [] } as never, 'KEY_wrong_but_secret');
	});
});
