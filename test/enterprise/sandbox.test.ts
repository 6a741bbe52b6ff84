// What the sandbox answers to requests the node never sends (it checks them first): the
// contract's refusals, so that the engine tests meet a server that refuses what Telnyx refuses.
import { SECRET_KEY, useSandbox } from '../harness/useSandbox';
import { ACME_BODY } from './params';

const api = useSandbox();

async function send(method: string, path: string, body?: unknown) {
	const response = await fetch(`${api.sandbox.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const pointers = (body: { errors: Array<{ source?: { pointer?: string } }> }) =>
	body.errors.map((entry) => entry.source?.pointer);

describe('The sandbox enterprise endpoints, as the contract publishes them', () => {
	test('POST: 201 with the record, then 409 for the same legal name and FEIN', async () => {
		const created = await send('POST', '/enterprises', ACME_BODY);
		const twin = await send('POST', '/enterprises', { ...ACME_BODY, fein: '123456789' });

		expect(created.status).toBe(201);
		expect(created.body.data).toMatchObject({
			legal_name: 'Acme Plumbing LLC',
			role_type: 'enterprise',
		});
		expect(twin.status).toBe(409);
		expect(api.sandbox.state.enterprises.size).toBe(1);
	});

	test('POST: 422 names each missing field and each value outside its enum; 400 for an unknown industry', async () => {
		const { legal_name: _name, billing_address: _address, ...rest } = ACME_BODY;
		const missing = await send('POST', '/enterprises', { ...rest, organization_type: 'charity' });
		const industry = await send('POST', '/enterprises', { ...ACME_BODY, industry: 'plumbing' });

		expect(missing.status).toBe(422);
		expect(pointers(missing.body)).toEqual([
			'/body/legal_name',
			'/body/billing_address',
			'/body/organization_type',
		]);
		expect(industry.status).toBe(400);
		expect(pointers(industry.body)).toEqual(['/body/industry']);
	});

	test('PUT: 400 for a field fixed at creation, and for a locked one once reputation is enabled', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC');

		const fixed = await send('PUT', `/enterprises/${id}`, { country_code: 'CA' });
		const locked = await send('PUT', `/enterprises/${id}`, { fein: '12-3456789' });
		const free = await send('PUT', `/enterprises/${id}`, { customer_reference: 'q3' });

		expect([fixed.status, fixed.body.errors[0].detail]).toEqual([
			400,
			"Field 'country_code' is not allowed in this request",
		]);
		expect(locked.status).toBe(400);
		expect(free.status).toBe(200);
		expect(free.body.data).toMatchObject({
			customer_reference: 'q3',
			legal_name: 'Acme Plumbing LLC',
		});
	});

	test('DELETE: 204, then 404 for a Get, a second Delete and its reputation; not listed', async () => {
		const { id } = api.sandbox.state.addEnterprise('Acme Plumbing LLC', { reputation: 'none' });

		const deleted = await send('DELETE', `/enterprises/${id}`);

		expect(deleted.status).toBe(204);
		expect((await send('GET', `/enterprises/${id}`)).status).toBe(404);
		expect((await send('DELETE', `/enterprises/${id}`)).status).toBe(404);
		expect((await send('GET', `/enterprises/${id}/reputation`)).status).toBe(404);
		expect((await send('GET', '/enterprises')).body.meta.total_results).toBe(0);
	});
});
