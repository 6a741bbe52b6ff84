import { expectNoSecret } from './harness/items';
import { operation } from './harness/parameters';
import { runNode } from '../support/engine/runNode';
import { SECRET_KEY, useSandbox } from './harness/useSandbox';

const api = useSandbox();
const terms = (name: string, fields = {}) => operation('termsOfService', name, fields);

describe('Terms of Service: agreements and current terms', () => {
	test('Get Many Agreements lists what Agree recorded, filtered by product; Get Agreement reads one', async () => {
		await runNode({ credential: api.credential, parameters: terms('agree') });

		const many = await runNode({
			credential: api.credential,
			parameters: terms('getManyAgreements', {
				returnAll: true,
				filters: { productType: 'number_reputation' },
			}),
		});
		const [agreement] = many.items.map((item) => item.json);
		const one = await runNode({
			credential: api.credential,
			parameters: terms('getAgreement', { agreementId: agreement.id }),
		});

		expect(api.sandbox.requests[1].query).toEqual({
			product_type: 'number_reputation',
			'page[number]': '1',
			'page[size]': '250',
		});
		expect(agreement).toMatchObject({
			product_type: 'number_reputation',
			terms_version: expect.any(String),
			version: expect.any(String),
		});
		expect(one.items[0].json).toEqual(agreement);
	});

	test('Get Agreement: an unknown ID is the API 404; a value that is not an ID is refused before sending', async () => {
		const unknown = await runNode({
			credential: api.credential,
			parameters: terms('getAgreement', { agreementId: '7d0c5a8e-3b1f-4c2d-9e6a-5f4b3c2d1e0f' }),
		});
		const notAnId = await runNode({
			credential: api.credential,
			parameters: terms('getAgreement', { agreementId: '../status' }),
		});

		expect(unknown.error).toMatchObject({
			message: 'Resource not found: Agreement not found.',
			httpCode: '404',
		});
		expect(notAnId.error?.message).toBe('Agreement ID "../status" is not valid');
		expect(api.sandbox.requests).toHaveLength(1);
	});

	test('Get Current Terms: one item per product, from the unwrapped answer', async () => {
		const one = await runNode({
			credential: api.credential,
			parameters: terms('getInfo', { productType: 'number_reputation' }),
		});
		const all = await runNode({
			credential: api.credential,
			parameters: terms('getInfo', { productType: '' }),
		});

		expect(api.sandbox.requests.map((request) => request.query)).toEqual([
			{ product_type: 'number_reputation' },
			{},
		]);
		expect(one.items.map((item) => item.json.product_type)).toEqual(['number_reputation']);
		expect(all.items.map((item) => item.json.product_type)).toEqual([
			'branded_calling',
			'number_reputation',
		]);
		expect(one.items[0].json).toMatchObject({
			current_version: expect.any(String),
			terms_url: expect.any(String),
		});
	});

	test('a wrong key on each new read is the API 401, with the key nowhere', async () => {
		const wrong = `${SECRET_KEY}-wrong`;
		for (const parameters of [
			terms('getManyAgreements', { returnAll: true }),
			terms('getInfo', { productType: '' }),
		]) {
			const result = await runNode({
				credential: { ...api.credential, apiKey: wrong },
				parameters,
			});
			expect(result.error).toMatchObject({ httpCode: '401' });
			expectNoSecret(result, wrong);
		}
	});
});
