import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../support/engine/runNode';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { enterprise } from './params';

const api = useSandbox();

const update = (enterpriseId: string, updateFields: INodeParameters) =>
	runNode({
		credential: api.credential,
		parameters: enterprise('update', { enterpriseId: byId(enterpriseId), updateFields }),
	});

describe('Enterprise → Update', () => {
	test('sends only the fields set, and outputs the enterprise as changed', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC', { reputation: 'none' });

		const result = await update(id, {
			customerReference: 'internal-ref-2026Q2',
			website: 'https://acme.example.com',
			billingContact: {
				details: {
					first_name: 'Alex',
					last_name: 'Bill',
					email: 'billing@acme.example.com',
					phone_number: '+13125550001',
				},
			},
		});

		// The website is locked once reputation is enabled: a free read says it is not, first.
		expect(api.sandbox.requests.map((request) => [request.method, request.body])).toEqual([
			['GET', undefined],
			[
				'PUT',
				{
					customer_reference: 'internal-ref-2026Q2',
					website: 'https://acme.example.com',
					billing_contact: {
						first_name: 'Alex',
						last_name: 'Bill',
						email: 'billing@acme.example.com',
						phone_number: '+13125550001',
					},
				},
			],
		]);
		expect(result.items[0].json).toMatchObject({
			id,
			legal_name: 'Acme Plumbing LLC',
			customer_reference: 'internal-ref-2026Q2',
			website: 'https://acme.example.com',
		});
	});

	test('a field Telnyx locks once reputation is enabled is refused with its name, after one free read and before any change is sent', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC');

		const result = await update(id, { legalName: 'Acme Plumbing Inc', fein: '12-3456780' });

		expect(result.error?.message).toBe(
			'Legal Name and FEIN are locked: Number Reputation is enabled on this enterprise',
		);
		expect(result.error?.description).toContain('Remove them from Update Fields');
		expect(api.sandbox.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `/enterprises/${id}`],
		]);
		expect(api.sandbox.state.enterprises.get(id)?.legal_name).toBe('Acme Plumbing LLC');
	});

	test('the same fields change while reputation is not enabled', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC', { reputation: 'none' });

		const result = await update(id, { legalName: 'Acme Plumbing Inc' });

		expect(result.items[0].json).toMatchObject({ legal_name: 'Acme Plumbing Inc' });
		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
	});

	test('a field that is not locked changes with reputation enabled, without the read', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC');

		const result = await update(id, { customerReference: 'q3' });

		expect(result.items[0].json).toMatchObject({ customer_reference: 'q3' });
		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['PUT']);
	});

	test('with nothing under Update Fields, nothing is sent', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC');

		const result = await update(id, {});

		expect(result.error?.message).toBe('No field to update');
		expect(api.sandbox.requests).toEqual([]);
	});

	test('the locked-field refusal of Telnyx itself, should the read be out of date, reads in its words', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC', { reputation: 'none' });
		api.sandbox.injectReply(
			(request) => {
				api.sandbox.state.enableReputation(id, 'loa-1', 'business_daily');
				return {
					status: 200,
					body: { data: { id, number_reputation_enabled: false, path: request.path } },
				};
			},
			1,
			{ method: 'GET' },
		);

		const result = await update(id, { website: 'https://acme.example.com' });

		expect(result.error?.message).toBe(
			"Bad Request: Field 'website' cannot be changed while Number Reputation is enabled",
		);
	});
});
