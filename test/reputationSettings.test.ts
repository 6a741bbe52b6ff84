import { loaPdf } from '../support/sandbox/loaPdf';
import { runNode } from '../support/engine/runNode';
import { byId, operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();
const settings = (name: string, fields = {}) => operation('reputationSettings', name, fields);

describe('Reputation settings', () => {
	test('Get returns the settings of the enterprise', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme Dental LLC');

		const result = await runNode({
			credential: api.credential,
			parameters: settings('get', { enterpriseId: byId(enterprise.id) }),
		});

		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				enterprise_id: enterprise.id,
				status: 'approved',
				loa_status: 'approved',
				check_frequency: 'business_daily',
			}),
		]);
		expect(api.sandbox.requests[0]).toMatchObject({
			method: 'GET',
			path: `/enterprises/${enterprise.id}/reputation`,
		});
	});

	test('Get on an enterprise without reputation shows the 404 in the API words', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme Dental LLC', { reputation: 'none' });

		const result = await runNode({
			credential: api.credential,
			parameters: settings('get', { enterpriseId: byId(enterprise.id) }),
		});

		expect(result.error?.message).toBe(
			'Resource not found: Reputation is not enabled for this enterprise.',
		);
		expect(result.error).toMatchObject({ httpCode: '404' });
	});

	test('Enable sends the LOA, and the check frequency only when set', async () => {
		const first = api.sandbox.state.addEnterprise('Acme', { reputation: 'none' });
		const second = api.sandbox.state.addEnterprise('Globex', { reputation: 'none' });
		api.sandbox.state.termsAgreedAt = api.sandbox.state.now();
		const loa = '2a7e8337-e803-4057-a4ae-26c40eb0bc6c';

		const plain = await runNode({
			credential: api.credential,
			parameters: settings('enable', {
				enterpriseId: byId(first.id),
				loaDocumentId: loa,
				additionalFields: {},
			}),
		});
		const weekly = await runNode({
			credential: api.credential,
			parameters: settings('enable', {
				enterpriseId: byId(second.id),
				loaDocumentId: loa,
				additionalFields: { checkFrequency: 'weekly' },
			}),
		});

		expect(api.sandbox.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', `/enterprises/${first.id}/reputation`, { loa_document_id: loa }],
			[
				'POST',
				`/enterprises/${second.id}/reputation`,
				{ loa_document_id: loa, check_frequency: 'weekly' },
			],
		]);
		expect(plain.items[0].json).toMatchObject({
			status: 'pending',
			check_frequency: 'business_daily',
		});
		expect(weekly.items[0].json).toMatchObject({ status: 'pending', check_frequency: 'weekly' });
	});

	test('Enable before agreeing to the terms shows the 403', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme', { reputation: 'none' });

		const result = await runNode({
			credential: api.credential,
			parameters: settings('enable', { enterpriseId: byId(enterprise.id), loaDocumentId: 'doc-1' }),
		});

		expect(result.error?.message).toBe(
			'Forbidden: The Number Reputation terms of service have not been accepted.',
		);
		expect(result.error?.description).toContain('terms');
	});

	test('Disable removes every monitored number and says so', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.state.register(enterprise.id, '+19493253498');

		const result = await runNode({
			credential: api.credential,
			parameters: settings('disable', { enterpriseId: byId(enterprise.id) }),
		});

		expect(result.items.map((item) => item.json)).toEqual([
			{ enterprise_id: enterprise.id, disabled: true },
		]);
		expect(api.sandbox.state.registrations.size).toBe(0);
		expect(api.sandbox.requests[0].method).toBe('DELETE');
	});

	test('Update Frequency changes the cadence, and is refused while reputation is pending', async () => {
		const approved = api.sandbox.state.addEnterprise('Acme');
		const pending = api.sandbox.state.addEnterprise('Globex', { reputation: 'pending' });

		const ok = await runNode({
			credential: api.credential,
			parameters: settings('updateFrequency', {
				enterpriseId: byId(approved.id),
				checkFrequency: 'monthly',
			}),
		});
		const refused = await runNode({
			credential: api.credential,
			parameters: settings('updateFrequency', {
				enterpriseId: byId(pending.id),
				checkFrequency: 'monthly',
			}),
		});

		expect(ok.items[0].json).toMatchObject({ check_frequency: 'monthly' });
		expect(api.sandbox.requests[0]).toMatchObject({
			method: 'PATCH',
			path: `/enterprises/${approved.id}/reputation/frequency`,
			body: { check_frequency: 'monthly' },
		});
		expect(refused.error?.message).toBe(
			'Bad Request: Cannot change the frequency while reputation is pending.',
		);
	});

	test('Replace LOA points at a new document, and is refused once the LOA is approved', async () => {
		const pending = api.sandbox.state.addEnterprise('Globex', { reputation: 'pending' });
		const approved = api.sandbox.state.addEnterprise('Acme');

		const ok = await runNode({
			credential: api.credential,
			parameters: settings('replaceLoa', {
				enterpriseId: byId(pending.id),
				loaDocumentId: 'new-doc',
			}),
		});
		const refused = await runNode({
			credential: api.credential,
			parameters: settings('replaceLoa', {
				enterpriseId: byId(approved.id),
				loaDocumentId: 'new-doc',
			}),
		});

		expect(ok.items[0].json).toMatchObject({ loa_document_id: 'new-doc', loa_status: 'pending' });
		expect(refused.error?.message).toBe(
			'Bad Request: The LOA is already approved and cannot be replaced.',
		);
	});

	test('Generate LOA puts the PDF in a binary property, byte for byte, with a file name and MIME type', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme Dental LLC');

		const result = await runNode({
			credential: api.credential,
			parameters: settings('generateLoa', {
				enterpriseId: byId(enterprise.id),
				binaryPropertyName: 'loa',
				additionalFields: { signerName: 'Jane Doe' },
			}),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const binary = item.binary!.loa;
		expect(binary).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `letter-of-authorization-${enterprise.id}.pdf`,
			fileExtension: 'pdf',
		});
		expect(Buffer.from(binary.data, 'base64').equals(loaPdf('Acme Dental LLC'))).toBe(true);
		expect(item.json).toMatchObject({ enterprise_id: enterprise.id, mime_type: 'application/pdf' });
		expect(api.sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: `/enterprises/${enterprise.id}/reputation/loa`,
			body: {},
		});
	});

	test('Generate LOA sends the agent, and its error body is read even though a PDF was asked for', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme Dental LLC');
		const agent = {
			legal_name: 'Dialer Partners LLC',
			street_address: '311 W Superior St',
			city: 'Chicago',
			administrative_area: 'IL',
			postal_code: '60654',
			country: 'US',
			contact_name: 'Sam Lee',
			contact_title: 'COO',
			contact_email: 'sam@example.com',
			contact_phone: '',
		};

		const result = await runNode({
			credential: api.credential,
			parameters: settings('generateLoa', {
				enterpriseId: byId(enterprise.id),
				binaryPropertyName: 'data',
				additionalFields: { agent: { details: agent } },
			}),
		});

		const { contact_phone: _empty, ...sent } = agent;
		expect(api.sandbox.requests[0].body).toEqual({ agent: sent });
		expect(result.error?.message).toBe('Invalid parameters: field required');
		expect(result.error?.description).toContain('at /body/agent/contact_phone');
	});
});
