// The sandbox's controls (`npm run sandbox -- <control>`, over HTTP to a running sandbox), and
// what the triggers, run through n8n-core, make of them: what `npm run dev` shows firing.
import { PollingTrigger, WebhookTrigger } from '../support/engine/triggers';
import type { ControlRequest } from '../support/sandbox/controls';
import { usNumbers } from '../support/sandbox/state';
import { byId } from './harness/parameters';
import { SECRET_KEY, useSandbox } from './harness/useSandbox';

const api = useSandbox();

/** What the CLI sends: POST /_sandbox/{control} with the sandbox's key. */
async function control(name: string, body: ControlRequest, key = SECRET_KEY) {
	const response = await fetch(`${api.sandbox.url.replace(/\/v2$/, '')}/_sandbox/${name}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let webhook: WebhookTrigger | undefined;
afterEach(async () => await webhook?.stop());

describe('Sandbox controls', () => {
	test('high-risk: the polling trigger reports the rise at its next poll', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		for (const number of numbers) api.sandbox.state.setReputation(number, { spam_risk: 'low' });
		const poll = new PollingTrigger(api.credential, {
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
			minimumLevel: 'high',
		});
		expect(await poll.poll()).toBeNull();

		const answer = await control('high-risk', { phoneNumber: numbers[1] });
		const [items] = (await poll.poll()) ?? [[]];

		expect(answer.status).toBe(200);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				phone_number: numbers[1],
				previous: { spam_risk: 'low' },
				current: expect.objectContaining({ spam_risk: 'high', spam_category: 'Telemarketer' }),
			}),
		]);
	});

	test('high-risk on a number not monitored says to register it; a wrong key is refused', async () => {
		const missing = await control('high-risk', { phoneNumber: '+19493253498' });
		const wrongKey = await control('high-risk', { phoneNumber: '+19493253498' }, 'KEY_wrong');

		expect(missing).toEqual({
			status: 409,
			body: {
				error: '+19493253498 is not monitored: register it first (the "Register numbers" workflow)',
			},
		});
		expect(wrongKey.status).toBe(401);
	});

	test('finish-remediation: the newest unfinished request completes with results, and Remediation Finished reports it', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const request = api.sandbox.state.addRemediation(enterpriseId, numbers);
		const poll = new PollingTrigger(api.credential, {
			event: 'remediationFinished',
			enterpriseId: byId(enterpriseId),
		});
		expect(await poll.poll()).toBeNull();

		const answer = await control('finish-remediation', {});
		const [items] = (await poll.poll()) ?? [[]];

		expect(answer.body).toMatchObject({ id: request.id, status: 'completed' });
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: request.id,
				status: 'completed',
				results: expect.objectContaining({
					remediated: [numbers[0]],
					not_flagged: numbers.slice(1),
				}),
			}),
		]);
	});

	test('ownership-event: a signed event reaches the published webhook trigger, which verifies it and starts a run', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		webhook = new WebhookTrigger(
			{ ...api.credential, webhookPublicKey: api.sandbox.webhooks.publicKey },
			{ enterpriseId: byId(enterpriseId) },
		);
		await webhook.start();
		await webhook.activate();

		const answer = await control('ownership-event', { phoneNumber: '+13125550142' });

		expect(answer.body).toMatchObject({
			url: `${webhook.url}/webhook/trigger-test/trigger/webhook`,
			eventType: 'number_reputation.number.flagged',
			deliveries: [{ attempt: 1, status: 200 }],
		});
		expect(webhook.deliveries.map((delivery) => delivery.started?.[0]?.json)).toEqual([
			expect.objectContaining({
				event_type: 'number_reputation.number.flagged',
				phone_number: '+13125550142',
				enterprise_id: enterpriseId,
				ownership_status: 'pending_confirmation',
			}),
		]);
	});

	test('ownership-event before any webhook URL is set says how to set one', async () => {
		api.sandbox.state.addEnterprise('Acme');

		const answer = await control('ownership-event', { event: 'removed' });

		expect(answer).toEqual({
			status: 409,
			body: {
				error:
					'Enterprise "Acme" has no ownership webhook URL: publish a workflow with the webhook trigger, or give --to <url>',
			},
		});
	});
});
