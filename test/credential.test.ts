import { TelnyxReputationApi } from '../credentials/TelnyxReputationApi.credentials';
import { runNode, testCredential } from '../support/engine/runNode';
import { expectNoSecret } from './harness/items';
import { byId, operation } from './harness/parameters';
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

	describe('values as people paste them', () => {
		const pastedKeys = [
			['with "Bearer " in front, as in Telnyx\'s curl examples', `Bearer ${SECRET_KEY}`],
			['with spaces and a line break around it', `  ${SECRET_KEY}\n`],
			['lower-case "bearer" and a tab', `bearer\t${SECRET_KEY} `],
		];

		test.each(pastedKeys)('an API key %s passes the credential test', async (_how, apiKey) => {
			const result = await testCredential({ ...api.credential, apiKey });

			expect(result.error).toBeUndefined();
			expect(api.sandbox.requests.map((request) => request.authorized)).toEqual([true]);
		});

		test.each(pastedKeys)(
			'an API key %s works for declarative and batched operations alike',
			async (_how, apiKey) => {
				const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
				const credential = { ...api.credential, apiKey };

				const list = await runNode({
					credential,
					parameters: operation('phoneNumber', 'getMany', { enterpriseId: byId(enterpriseId) }),
				});
				const register = await runNode({
					credential,
					parameters: operation('phoneNumber', 'register', {
						enterpriseId: byId(enterpriseId),
						phoneNumbers: '+19493253498',
					}),
				});

				expect([list.error, register.error]).toEqual([undefined, undefined]);
				expect(api.sandbox.requests.every((request) => request.authorized)).toBe(true);
				expectNoSecret(list);
				expectNoSecret(register);
			},
		);

		test('a Base URL with spaces around it works for the credential test and the node', async () => {
			const credential = { ...api.credential, baseUrl: ` ${api.sandbox.url}/ \n` };

			const tested = await testCredential(credential);
			const list = await runNode({
				credential,
				parameters: operation('phoneNumber', 'getMany', {
					enterpriseId: byId(api.sandbox.state.addEnterprise('Acme').id),
				}),
			});

			expect([tested.error, list.error]).toEqual([undefined, undefined]);
		});

		test.each([
			['without /v2', (url: string) => url.replace(/\/v2$/, ''), 'must end in /v2'],
			[
				'without a scheme',
				(url: string) => url.replace(/^http:\/\//, ''),
				'must start with https://',
			],
		])(
			'a Base URL %s stops every operation before anything is sent, naming the Base URL',
			async (_how, spoil, problem) => {
				const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
				const credential = { ...api.credential, baseUrl: spoil(api.sandbox.url) };

				const runs = await Promise.all(
					[
						operation('phoneNumber', 'getMany', { enterpriseId: byId(enterpriseId) }),
						operation('phoneNumber', 'register', {
							enterpriseId: byId(enterpriseId),
							phoneNumbers: '+19493253498',
						}),
					].map(async (parameters) => await runNode({ credential, parameters })),
				);

				for (const run of runs)
					expect(run.error?.message).toBe(
						`The credential's Base URL ${problem}, as https://api.telnyx.com/v2 does: it is "${spoil(api.sandbox.url)}"`,
					);
				expect(api.sandbox.requests).toEqual([]);
			},
		);

		test('a 404 that does not come from Telnyx says to check the Base URL, not the enterprise ID', async () => {
			api.sandbox.injectReply({
				status: 404,
				body: '<html>Not Found</html>',
				headers: { 'content-type': 'text/html' },
			});

			const result = await runNode({
				credential: api.credential,
				parameters: operation('phoneNumber', 'getMany', {
					enterpriseId: byId(api.sandbox.state.addEnterprise('Acme').id),
				}),
			});

			expect(result.error?.description).toContain(
				"Nothing at this address answers as the Telnyx API: check the credential's Base URL.",
			);
			expect(result.error?.description).not.toContain('enterprise ID');
		});
	});
});
