import { TelnyxReputationApi } from '../credentials/TelnyxReputationApi.credentials';
import { testCredential } from './harness/runNode';
import { allText, SECRET_KEY, useSandbox } from './harness/useSandbox';

const api = useSandbox();

describe('Telnyx Reputation API credential', () => {
	test('has a name no other Telnyx package uses, and hides the key', () => {
		const credential = new TelnyxReputationApi();
		expect(credential.name).toBe('telnyxReputationApi');
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.telnyx.com/v2');
	});

	test('the test request passes with the right key, sending it as a Bearer token', async () => {
		const result = await testCredential(api.credential);

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/enterprises', query: { 'page[size]': '1' }, authorized: true }),
		]);
	});

	test('the test request fails with a wrong key, and the key is nowhere in the error', async () => {
		const result = await testCredential({ ...api.credential, apiKey: `${SECRET_KEY}-wrong` });

		expect(result.error).toMatchObject({ httpCode: '401' });
		expect(api.sandbox.requests[0].authorized).toBe(false);
		expect(allText(result.run)).not.toContain(SECRET_KEY);
	});

	test('a Base URL with a trailing slash still works', async () => {
		const result = await testCredential({ ...api.credential, baseUrl: `${api.sandbox.url}/` });

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests[0].path).toBe('/enterprises');
	});
});
