// Settings → Request Options (Proxy, Timeout, Ignore SSL Issues) on the action node: every
// request of every operation goes the way they say, the batched operations and their free reads
// as the routed ones do, and an error through the proxy names the proxy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';

import type { INodeParameters } from 'n8n-workflow';

import { freePort } from '../../support/n8n/ports';
import type { ForwardProxy } from '../../support/proxy/forwardProxy';
import { startForwardProxy } from '../../support/proxy/forwardProxy';
import { runNode, searchList } from '../../support/engine/runNode';
import type { RunResult } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { expectNoSecret } from '../harness/items';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();
let proxy: ForwardProxy;
beforeEach(async () => {
	proxy = await startForwardProxy();
});
afterEach(async () => await proxy.close());

const withRequestOptions = (parameters: INodeParameters, requestOptions: INodeParameters) => ({
	...parameters,
	requestOptions,
});

/**
 * The proxy's password in no message, item or log line of ours. n8n keeps the node's settings as
 * typed, with the workflow, and its debug log copies the node with them (as for the proxy of its
 * own HTTP Request node): those copies are not ours to hide.
 */
function expectNoPassword(result: RunResult) {
	const shown = [result.error?.message, result.error?.description, JSON.stringify(result.items)];
	expect(shown.join('\n')).not.toContain('pr0xy-pa55');
	const settingsCopy = /"requestOptions":\{"proxy":"[^"]*"\}/g;
	expect(result.logs.join('\n').replace(settingsCopy, '')).not.toContain('pr0xy-pa55');
}

/** The requests the proxy forwarded, as the sandbox logs them: method and path, no query. */
const proxied = () =>
	proxy.requests.map((line) => line.replace(api.sandbox.url, '').replace(/\?.*$/, ''));
const received = () => api.sandbox.requests.map((request) => `${request.method} ${request.path}`);

describe('Proxy', () => {
	test('Register sends its free read and its billable POST through the proxy', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(
				registerParameters(enterpriseId, numbers.join(','), { skipMonitored: true }),
				{ proxy: proxy.url },
			),
		});

		expect(result.error).toBeUndefined();
		expect(api.sandbox.state.registrations.size).toBe(2);
		expect(proxied()).toEqual(received());
		expect(proxied().filter((line) => line.startsWith('POST'))).toHaveLength(1);
		expectNoSecret(result);
	});

	test.each([
		['Sync', 'sync', { dryRun: false, removeMissing: true }],
		['Refresh', 'refresh', {}],
	])('%s goes through the proxy, every request', async (_name, name, fields) => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(
				operation('phoneNumber', name, {
					enterpriseId: byId(enterpriseId),
					phoneNumbers: numbers.slice(0, 2).join(','),
					...fields,
				}),
				{ proxy: proxy.url },
			),
		});

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests.length).toBeGreaterThan(0);
		expect(proxied()).toEqual(received());
	});

	test('Remediation Submit and the enterprise picker go through the proxy', async () => {
		const numbers = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const parameters = withRequestOptions(
			operation('remediation', 'submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers[0],
				callPurpose: 'Appointment reminders',
				onlyFlagged: false,
			}),
			{ proxy: proxy.url },
		);

		const result = await runNode({ credential: api.credential, parameters });
		await searchList(api.credential, 'searchEnterprises', undefined, undefined, parameters);
		const got = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(
				operation('phoneNumber', 'get', {
					enterpriseId: byId(enterpriseId),
					phoneNumber: numbers[0],
				}),
				{ proxy: proxy.url },
			),
		});

		expect(result.error).toBeUndefined();
		expect(got.error).toBeUndefined();
		expect(proxied()).toEqual(received());
		expect(proxied()).toContain(`POST /enterprises/${enterpriseId}/reputation/remediation`);
		expect(proxied()).toContain(`GET /enterprises/${enterpriseId}/reputation/numbers`);
		expect(proxied()).toContain('GET /enterprises');
	});

	test('the credentials in the proxy address are sent to the proxy, and named nowhere', async () => {
		const numbers = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		const address = proxy.url.replace('http://', 'http://team:pr0xy-pa55@');

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(registerParameters(enterpriseId, numbers[0]), {
				proxy: address,
			}),
		});

		expect(result.error).toBeUndefined();
		expect(proxy.authorizations[0]).toBe(
			`Basic ${Buffer.from('team:pr0xy-pa55').toString('base64')}`,
		);
		expectNoPassword(result);
	});

	test('a proxy where nothing listens: an error that names the proxy (not its password), and nothing registered', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		const nowhere = `http://127.0.0.1:${await freePort()}`;

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(registerParameters(enterpriseId, numbers.join(',')), {
				proxy: nowhere.replace('http://', 'http://team:pr0xy-pa55@'),
			}),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(api.sandbox.state.registrations.size).toBe(0);
		expect(result.error?.message).toContain(`through the proxy ${nowhere}`);
		expect(result.error?.description).toContain('Check the proxy in Settings → Request Options');
		expectNoPassword(result);
	});

	test('https:// given for an http proxy: not processed, and the scheme to check', async () => {
		const numbers = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(registerParameters(enterpriseId, numbers[0]), {
				proxy: proxy.url.replace('http://', 'https://'),
			}),
		});

		expect(api.sandbox.state.registrations.size).toBe(0);
		expect(result.error?.message).toMatch(/a secure connection could not be set up \(E/);
		expect(result.error?.message).not.toMatch(/Outcome unknown/);
		expect(result.error?.description).toContain('No number was registered.');
	});

	test("a proxy that asks for a password: 407, named as the proxy's, nothing reached Telnyx", async () => {
		const numbers = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		proxy.requireAuthorization = true;

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(registerParameters(enterpriseId, numbers[0]), {
				proxy: proxy.url,
			}),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(result.error?.description).toContain(
			'The proxy between n8n and Telnyx asks for a user and password',
		);
		expect(result.error?.message).not.toMatch(/Outcome unknown/);
	});

	test('a routed operation (Get) names the proxy too, not the Base URL alone', async () => {
		const [number] = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([number]);
		const nowhere = `http://127.0.0.1:${await freePort()}`;

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(
				operation('phoneNumber', 'get', { enterpriseId: byId(enterpriseId), phoneNumber: number }),
				{ proxy: nowhere },
			),
		});

		expect(api.sandbox.requests).toHaveLength(0);
		expect(result.error?.message).toContain(`through the proxy ${nowhere}`);
	});

	test('an address that is not a proxy address: a clear error before anything is sent', async () => {
		const numbers = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

		const result = await runNode({
			credential: api.credential,
			parameters: withRequestOptions(registerParameters(enterpriseId, numbers[0]), {
				proxy: 'team:pr0xy-pa55@proxy.example.com:3128',
			}),
		});

		expect(result.error?.message).toBe('The proxy is not valid');
		expectNoPassword(result);
		expect(api.sandbox.requests).toHaveLength(0);
	});
});

describe('Timeout', () => {
	test("Register without a Timeout of its own waits as long as Request Options' Timeout says", async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.injectReply({ loseAnswer: 'hang' }, 1, { method: 'POST' });
		const parameters = registerParameters(enterpriseId, numbers.join(','));
		delete (parameters.options as INodeParameters).timeout;

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: withRequestOptions(parameters, { timeout: 500 }),
		});

		const posts = api.sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(1);
		// Settled by a free read: both numbers were stored before the answer was lost.
		expect(result.items.map((item) => item.json.phone_number)).toEqual(numbers);
		expect(String(result.items[0].json.notice)).toContain('the request timed out');
	});

	test("the operation's own Timeout, when set, wins over Request Options'", async () => {
		const numbers = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.injectReply({ loseAnswer: 'hang' }, 1, { method: 'POST' });

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: withRequestOptions(registerParameters(enterpriseId, numbers[0], { timeout: 1 }), {
				timeout: 120_000,
			}),
		});

		// Given up after the operation's 1 s (Request Options' 2 minutes would outlast the test).
		expect(String(result.items[0].json.notice)).toContain('the request timed out');
	});
});

describe('Ignore SSL Issues', () => {
	let work: string;
	let tls: Server;
	let httpsUrl: string;
	beforeAll(async () => {
		// A self-signed certificate, as a company's inspecting proxy or a test Telnyx stand-in has.
		work = mkdtempSync(join(tmpdir(), 'telnyx-tls-'));
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-subj',
				'/CN=127.0.0.1',
				'-days',
				'1',
				'-keyout',
				join(work, 'key.pem'),
				'-out',
				join(work, 'cert.pem'),
			],
			{ stdio: 'ignore' },
		);
		tls = createHttpsServer(
			{ key: readFileSync(join(work, 'key.pem')), cert: readFileSync(join(work, 'cert.pem')) },
			(incoming, outgoing) => {
				// Passes every request on to the sandbox.
				const target = new URL(incoming.url ?? '/', api.sandbox.url);
				const forwarded = httpRequest(
					target,
					{ method: incoming.method, headers: incoming.headers },
					(answer) => {
						outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(outgoing);
					},
				);
				incoming.pipe(forwarded);
			},
		);
		await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
		const { port } = tls.address() as AddressInfo;
		httpsUrl = `https://127.0.0.1:${port}${new URL(api.sandbox.url).pathname}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => tls.close(resolve));
		rmSync(work, { recursive: true, force: true });
	});

	test.each([
		[false, 0],
		[true, 1],
	])(
		'Register over TLS with a self-signed certificate, Ignore SSL Issues %s: %i registered',
		async (ignore, registered) => {
			const numbers = usNumbers(1);
			const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);

			const result = await runNode({
				credential: { ...api.credential, baseUrl: httpsUrl },
				parameters: withRequestOptions(registerParameters(enterpriseId, numbers[0]), {
					allowUnauthorizedCerts: ignore,
				}),
			});

			expect(api.sandbox.state.registrations.size).toBe(registered);
			expect(result.error === undefined).toBe(ignore);
			if (!ignore) {
				// Refused before anything was sent: not processed, never "unknown", and what to turn on.
				expect(result.error?.message).toBe(
					"Could not reach the Telnyx API: the server's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)",
				);
				expect(result.error?.description).toContain('Ignore SSL Issues');
				expect(api.sandbox.requests).toHaveLength(0);
			}
		},
	);
});
