import { runNode } from '../support/engine/runNode';
import { operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();

describe('Terms of service', () => {
	test('Get Status always asks about number reputation, whose default is another product', async () => {
		const before = await runNode({
			credential: api.credential,
			parameters: operation('termsOfService', 'getStatus'),
		});
		await runNode({ credential: api.credential, parameters: operation('termsOfService', 'agree') });
		const after = await runNode({
			credential: api.credential,
			parameters: operation('termsOfService', 'getStatus'),
		});

		expect(before.items[0].json).toMatchObject({
			product_type: 'number_reputation',
			has_agreed: false,
		});
		expect(after.items[0].json).toMatchObject({
			product_type: 'number_reputation',
			has_agreed: true,
			agreed_version: expect.any(String),
		});
		expect(api.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/terms_of_service/status', { product_type: 'number_reputation' }],
			['POST', '/terms_of_service/number_reputation/agree', {}],
			['GET', '/terms_of_service/status', { product_type: 'number_reputation' }],
		]);
	});

	test('Agree returns the agreement, and a wrong key shows the 401', async () => {
		const agreed = await runNode({
			credential: api.credential,
			parameters: operation('termsOfService', 'agree'),
		});
		const refused = await runNode({
			credential: { ...api.credential, apiKey: 'KEY_wrong' },
			parameters: operation('termsOfService', 'agree'),
		});

		expect(agreed.items[0].json).toMatchObject({
			product_type: 'number_reputation',
			terms_version: expect.any(String),
		});
		expect(refused.error).toMatchObject({ httpCode: '401' });
	});
});
