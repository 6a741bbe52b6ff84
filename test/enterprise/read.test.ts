import { runNode } from '../../support/engine/runNode';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { ACME_FIELDS, enterprise } from './params';

const api = useSandbox();

describe('Enterprise → Get and Get Many', () => {
	test('Get returns the enterprise as Create made it, and whether reputation is enabled', async () => {
		const created = await runNode({
			credential: api.credential,
			parameters: enterprise('create', ACME_FIELDS),
		});
		const id = String(created.items[0].json.id);

		const result = await runNode({
			credential: api.credential,
			parameters: enterprise('get', { enterpriseId: byId(id) }),
		});

		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id,
				legal_name: 'Acme Plumbing LLC',
				organization_contact: expect.objectContaining({ phone_number: '+13125550000' }),
				billing_address: expect.objectContaining({ city: 'Chicago' }),
				number_reputation_enabled: false,
			}),
		]);
		expect(api.sandbox.requests.at(-1)).toMatchObject({
			method: 'GET',
			path: `/enterprises/${id}`,
		});
	});

	test('Get of an ID mapped from a row that is not one is refused before anything is sent', async () => {
		const result = await runNode({
			credential: api.credential,
			parameters: enterprise('get', { enterpriseId: byId('={{ $json.id }}') }),
			items: [{ id: '../terms_of_service' }],
		});

		expect(result.error?.message).toBe('Enterprise ID "../terms_of_service" is not valid');
		expect(api.sandbox.requests).toEqual([]);
	});

	test('Get Many sends the published filters and outputs the matching enterprises', async () => {
		api.sandbox.state.addEnterprise('Acme Dental LLC');
		api.sandbox.state.addEnterprise('Globex Clinics Inc');
		const bpo = api.sandbox.state.addEnterprise('Acme Call Center LLC');
		bpo.role_type = 'bpo';

		const result = await runNode({
			credential: api.credential,
			parameters: enterprise('getMany', {
				returnAll: true,
				filters: { legalNameContains: ' acme ', roleType: 'enterprise' },
			}),
		});

		expect(result.items.map((item) => item.json.legal_name)).toEqual(['Acme Dental LLC']);
		expect(api.sandbox.requests[0]).toMatchObject({
			method: 'GET',
			path: '/enterprises',
			query: { 'filter[legal_name][contains]': 'acme', 'filter[role_type]': 'enterprise' },
		});
	});

	test('Get Many with a limit reads only the pages it needs', async () => {
		for (let index = 0; index < 30; index++) api.sandbox.state.addEnterprise(`Clinic ${index}`);

		const result = await runNode({
			credential: api.credential,
			parameters: enterprise('getMany', { returnAll: false, limit: 25 }),
		});

		expect(result.items).toHaveLength(25);
		expect(api.sandbox.requests.map((request) => request.query['page[size]'])).toEqual(['25']);
	});
});
