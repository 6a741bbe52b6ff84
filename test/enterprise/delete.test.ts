import { runNode } from '../../support/engine/runNode';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { enterprise } from './params';

const api = useSandbox();

const run = (name: string, enterpriseId: string) =>
	runNode({
		credential: api.credential,
		parameters: enterprise(name, { enterpriseId: byId(enterpriseId) }),
	});

describe('Enterprise → Delete', () => {
	test('deletes the enterprise, says so, and a Get of it afterwards is a 404 (soft delete)', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC', { reputation: 'none' });

		const deleted = await run('delete', id);
		const after = await run('get', id);
		const listed = await runNode({
			credential: api.credential,
			parameters: enterprise('getMany', { returnAll: true }),
		});

		expect(deleted.items.map((item) => item.json)).toEqual([{ enterprise_id: id, deleted: true }]);
		expect(api.sandbox.requests[0]).toMatchObject({
			method: 'DELETE',
			path: `/enterprises/${id}`,
			status: 204,
		});
		expect(after.error?.message).toBe('Resource not found: Enterprise not found.');
		expect(after.error?.description).toContain('or it was deleted');
		expect(listed.items).toEqual([]);
		expect(api.sandbox.state.deletedEnterprises.get(id)).toMatchObject({
			legal_name: 'Acme Plumbing LLC',
		});
	});

	test('refused by Telnyx, it says what still depends on the enterprise (free reads)', async () => {
		const id = api.sandbox.state.enterpriseMonitoring(['+19493253498', '+12134445566']);

		const result = await run('delete', id);

		expect(result.error?.message).toBe(
			'Bad Request: Cannot delete an enterprise while Number Reputation is enabled (status approved, 2 monitored numbers). Disable it first.',
		);
		expect(result.error?.description).toContain(
			'Still on this enterprise: Number Reputation (approved), 2 monitored numbers. Turn reputation off first (Reputation Setting → Disable',
		);
		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['DELETE', 'GET', 'GET']);
		expect(api.sandbox.state.enterprises.has(id)).toBe(true);
	});

	test('with Continue On Fail, each item gets its own outcome', async () => {
		const free = api.sandbox.state.addEnterprise('Globex', { reputation: 'none' });
		const busy = api.sandbox.state.addEnterprise('Acme');

		const result = await runNode({
			credential: api.credential,
			parameters: enterprise('delete', { enterpriseId: '={{ $json.id }}' }),
			items: [{ id: free.id }, { id: busy.id }],
			onError: 'continueRegularOutput',
		});

		expect(
			result.items.map((item) => [item.json.deleted ?? item.json.error, item.pairedItem]),
		).toEqual([
			[true, { item: 0 }],
			[expect.stringContaining('Cannot delete'), { item: 1 }],
		]);
	});
});
