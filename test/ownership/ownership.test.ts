import { expectNoSecret } from '../harness/items';
import { byId, operation } from '../harness/parameters';
import { runNode } from '../../support/engine/runNode';
import { SECRET_KEY, useSandbox } from '../harness/useSandbox';

const api = useSandbox();
const ownership = (name: string, fields = {}) => operation('ownership', name, fields);
const WRONG_KEY = `${SECRET_KEY}-wrong`;

describe('Number Ownership: Set Webhook URL', () => {
	test('sets the URL, then clears it when left empty', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const set = await runNode({
			credential: api.credential,
			parameters: ownership('setWebhookUrl', {
				enterpriseId: byId(enterprise.id),
				webhookUrl: 'https://example.com/webhooks/telnyx',
			}),
		});
		expect(api.sandbox.requests[0]).toMatchObject({
			method: 'PATCH',
			path: `/enterprises/${enterprise.id}/reputation/webhook`,
			body: { webhook_url: 'https://example.com/webhooks/telnyx' },
		});
		// The reference shows no answer body: the item says what was set, nothing more.
		expect(set.items[0].json).toEqual({
			enterprise_id: enterprise.id,
			webhook_url: 'https://example.com/webhooks/telnyx',
		});
		expect(enterprise.ownershipWebhookUrl).toBe('https://example.com/webhooks/telnyx');

		const cleared = await runNode({
			credential: api.credential,
			parameters: ownership('setWebhookUrl', { enterpriseId: byId(enterprise.id), webhookUrl: '' }),
		});
		expect(cleared.items[0].json).toEqual({ enterprise_id: enterprise.id, webhook_url: null });
		expect(enterprise.ownershipWebhookUrl).toBeNull();
	});

	test('an http URL is refused before anything is sent; an unknown enterprise is the API 404; no key anywhere', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const plain = await runNode({
			credential: api.credential,
			parameters: ownership('setWebhookUrl', {
				enterpriseId: byId(enterprise.id),
				webhookUrl: 'http://example.com',
			}),
		});
		expect(plain.error?.message).toBe('Webhook URL "http://example.com" must be an https URL');
		expect(api.sandbox.requests).toHaveLength(0);

		const unknown = await runNode({
			credential: { ...api.credential, apiKey: SECRET_KEY },
			parameters: ownership('setWebhookUrl', {
				enterpriseId: byId('0b7c1f1c-7a9d-4f0a-9d3e-2f6a1c4b8e21'),
				webhookUrl: 'https://example.com/x',
			}),
		});
		expect(unknown.error).toMatchObject({
			message: 'Resource not found: Enterprise not found.',
			httpCode: '404',
		});
		expectNoSecret(unknown);
	});
});

describe('Number Ownership: proof for numbers hosted elsewhere', () => {
	test('Get Proof Status before any submission is "not submitted", not a failure', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const result = await runNode({
			credential: api.credential,
			parameters: ownership('getProofStatus', { enterpriseId: byId(enterprise.id) }),
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ enterprise_id: enterprise.id, status: 'not_submitted' });
	});

	test('Submit Proof sends the document IDs and the numbers in E.164; the status follows the review; approved proof lets Register take outside numbers', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const submitted = await runNode({
			credential: api.credential,
			parameters: ownership('submitProof', {
				enterpriseId: byId(enterprise.id),
				documentIds: '2a7e8337-e803-4057-a4ae-26c40eb0bc6c, 3b8f9448-f914-4168-b5bf-37d51fc1cd7d',
				options: { phoneNumbers: '(312) 555-0142' },
			}),
		});
		expect(api.sandbox.requests[0].body).toEqual({
			document_ids: [
				'2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
				'3b8f9448-f914-4168-b5bf-37d51fc1cd7d',
			],
			phone_numbers: ['+13125550142'],
		});
		expect(submitted.items[0].json).toMatchObject({
			enterprise_id: enterprise.id,
			status: 'pending',
		});

		api.sandbox.state.reviewOwnershipProof(enterprise.id, 'approved');
		const status = await runNode({
			credential: api.credential,
			parameters: ownership('getProofStatus', { enterpriseId: byId(enterprise.id) }),
		});
		expect(status.items[0].json).toMatchObject({
			status: 'approved',
			reviewed_at: expect.any(String),
		});

		const registered = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'register', {
				enterpriseId: byId(enterprise.id),
				phoneNumbers: '+13125550142',
				options: {},
			}),
		});
		expect(registered.items[0].json).toMatchObject({
			phone_number: '+13125550142',
			source: 'external',
			ownership_status: 'verified',
		});

		const again = await runNode({
			credential: api.credential,
			parameters: ownership('submitProof', {
				enterpriseId: byId(enterprise.id),
				documentIds: '2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
			}),
		});
		expect(again.error).toMatchObject({
			message:
				'Bad Request: The ownership proof of this enterprise is approved and cannot be changed.',
			httpCode: '400',
		});
	});

	test('Submit Proof without a document ID, or with a number that is not one, sends nothing', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const none = await runNode({
			credential: api.credential,
			parameters: ownership('submitProof', { enterpriseId: byId(enterprise.id), documentIds: ' ' }),
		});
		const badNumber = await runNode({
			credential: api.credential,
			parameters: ownership('submitProof', {
				enterpriseId: byId(enterprise.id),
				documentIds: 'abc',
				options: { phoneNumbers: '555' },
			}),
		});

		expect(none.error?.message).toBe('Give at least one document ID');
		expect(badNumber.error?.message).toBe(
			'Invalid phone number "555": too short for United States',
		);
		expect(api.sandbox.requests).toHaveLength(0);
	});
});

describe('Number Ownership: Confirm Ownership', () => {
	test('keep: the number is verified again; give up: it is removed at once', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(['+19493253498', '+12134445566']);
		api.sandbox.state.registrations.get('+19493253498')!.ownership_status = 'pending_confirmation';

		const kept = await runNode({
			credential: api.credential,
			parameters: ownership('confirmNumber', {
				enterpriseId: byId(enterpriseId),
				phoneNumber: '(949) 325-3498',
				stillOwn: 'keep',
			}),
		});
		const givenUp = await runNode({
			credential: api.credential,
			parameters: ownership('confirmNumber', {
				enterpriseId: byId(enterpriseId),
				phoneNumber: '+12134445566',
				stillOwn: 'giveUp',
			}),
		});

		expect(api.sandbox.requests.map((request) => [request.path, request.body])).toEqual([
			[
				`/enterprises/${enterpriseId}/reputation/numbers/%2B19493253498/ownership_confirm`,
				{ still_own: true },
			],
			[
				`/enterprises/${enterpriseId}/reputation/numbers/%2B12134445566/ownership_confirm`,
				{ still_own: false },
			],
		]);
		expect(kept.items[0].json).toMatchObject({
			phone_number: '+19493253498',
			ownership_status: 'verified',
		});
		expect(givenUp.items[0].json).toMatchObject({
			phone_number: '+12134445566',
			ownership_status: 'removed',
		});
		expect(api.sandbox.state.registrations.has('+12134445566')).toBe(false);
	});

	test('a number not monitored is the API 404 with the number hint; a wrong key leaks nowhere', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([]);

		const missing = await runNode({
			credential: api.credential,
			parameters: ownership('confirmNumber', {
				enterpriseId: byId(enterpriseId),
				phoneNumber: '+19493253498',
				stillOwn: 'keep',
			}),
		});
		const wrongKey = await runNode({
			credential: { ...api.credential, apiKey: WRONG_KEY },
			parameters: ownership('confirmNumber', {
				enterpriseId: byId(enterpriseId),
				phoneNumber: '+19493253498',
				stillOwn: 'keep',
			}),
		});

		expect(missing.error).toMatchObject({
			message: '+19493253498: Resource not found: Phone number is not monitored.',
			httpCode: '404',
		});
		expect(missing.error?.description).toContain('Check that the number is monitored');
		expect(wrongKey.error).toMatchObject({ httpCode: '401' });
		expectNoSecret(wrongKey, WRONG_KEY);
	});
});
