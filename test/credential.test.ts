import { TelnyxReputationApi } from '../credentials/TelnyxReputationApi.credentials';
import { testCredential } from '../support/engine/runNode';
import { expectNoSecret } from './harness/items';
import { SECRET_KEY, useSandbox } from './harness/useSandbox';

const api = useSandbox();

/** What n8n's credential tester shows for a failed test: the message of the credential's rule for that status. */
function shownByN8n(result: Awaited<ReturnType<typeof testCredential>>): string | undefined {
	const rules = new TelnyxReputationApi().test.rules ?? [];
	const rule = rules.find(
		(candidate) =>
			candidate.type === 'responseCode' &&
			candidate.properties.value === Number((result.error as { httpCode?: string })?.httpCode),
	);
	return rule?.properties.message;
}

describe('Telnyx Number Reputation API credential', () => {
	test('has a name no other Telnyx package uses, and hides the key', () => {
		const credential = new TelnyxReputationApi();
		expect(credential.name).toBe('telnyxReputationApi');
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(
			true,
		);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://api.telnyx.com/v2',
		);
	});

	test('the test request passes with the right key, sending it as a Bearer token', async () => {
		const result = await testCredential(api.credential);

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/enterprises',
				query: { 'page[size]': '1' },
				authorized: true,
			}),
		]);
	});

	test('the test request fails with a wrong key, and the key is nowhere in the error', async () => {
		const result = await testCredential({ ...api.credential, apiKey: `${SECRET_KEY}-wrong` });

		expect(result.error).toMatchObject({ httpCode: '401' });
		expect(api.sandbox.requests[0].authorized).toBe(false);
		expectNoSecret(result);
	});

	test('a wrong key or a Base URL without /v2: n8n shows what to fix, not the bare status', async () => {
		const wrongKey = await testCredential({ ...api.credential, apiKey: `${SECRET_KEY}-wrong` });
		const withoutVersion = await testCredential({
			...api.credential,
			baseUrl: api.sandbox.url.replace(/\/v2$/, ''),
		});

		expect(shownByN8n(wrongKey)).toBe(
			'Telnyx refused the API key: copy a V2 API key from Mission Control → Account Settings → Keys & Credentials',
		);
		expect(shownByN8n(withoutVersion)).toBe(
			'Nothing answers at this Base URL: it must start with https:// and end in /v2, as https://api.telnyx.com/v2 does',
		);
	});

	test('a Base URL without a scheme: n8n shows that it needs https://, not a bare ERR_INVALID_URL', async () => {
		const schemeless = await testCredential({
			...api.credential,
			baseUrl: api.sandbox.url.replace(/^http:\/\//, ''),
		});

		expect(schemeless.error).toMatchObject({ httpCode: '404' });
		expect(shownByN8n(schemeless)).toBe(
			'Nothing answers at this Base URL: it must start with https:// and end in /v2, as https://api.telnyx.com/v2 does',
		);
	});

	test('a Base URL with a trailing slash still works', async () => {
		const result = await testCredential({ ...api.credential, baseUrl: `${api.sandbox.url}/` });

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests[0].path).toBe('/enterprises');
	});
});
