// The Remediation ID and Agreement ID pickers (From List), called as the editor calls them,
// through n8n-core, and the operations reading what they pick (or an ID, or a plain string as
// workflows saved before they were pickers have it).
import { runNode, searchList } from '../support/engine/runNode';
import { usNumbers } from '../support/sandbox/state';
import { byId, operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();

const picked = (value: string) => ({ __rl: true, mode: 'list', value });

/** The panel of Remediation → Get with this enterprise picked. */
const remediationPanel = (enterpriseId: ReturnType<typeof byId>) =>
	operation('remediation', 'get', {
		enterpriseId,
		remediationId: { __rl: true, mode: 'list', value: '' },
	});

function arrangeRemediations(purposes: string[]) {
	const numbers = usNumbers(purposes.length);
	const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
	const requests = purposes.map((purpose, index) =>
		api.sandbox.state.addRemediation(enterpriseId, [numbers[index]], { call_purpose: purpose }),
	);
	return { enterpriseId, requests };
}

describe('Remediation ID picker (From List)', () => {
	test("lists the picked enterprise's requests, named by day, status, count and purpose", async () => {
		const { enterpriseId, requests } = arrangeRemediations(['Appointment reminders', 'Billing']);
		const other = api.sandbox.state.enterpriseMonitoring([]);
		api.sandbox.state.addRemediation(other, [usNumbers(3)[2]]);

		const result = await searchList(
			api.credential,
			'searchRemediations',
			undefined,
			undefined,
			remediationPanel(picked(enterpriseId)),
		);

		const day = requests[0].created_at.slice(0, 10);
		expect(result).toEqual({
			results: [
				{ name: `${day} · Pending · 1 number · Appointment reminders`, value: requests[0].id },
				{ name: `${day} · Pending · 1 number · Billing`, value: requests[1].id },
			],
			paginationToken: undefined,
		});
		expect(api.sandbox.requests.map((request) => [request.path, request.query])).toEqual([
			[
				`/enterprises/${enterpriseId}/reputation/remediation`,
				{ 'page[number]': '1', 'page[size]': '50' },
			],
		]);
	});

	test('the search text filters by name or ID; the enterprise may be given by ID', async () => {
		const { enterpriseId, requests } = arrangeRemediations(['Appointment reminders', 'Billing']);
		const panel = remediationPanel(byId(enterpriseId));

		const byPurpose = await searchList(
			api.credential,
			'searchRemediations',
			'bill',
			undefined,
			panel,
		);
		const byRequestId = await searchList(
			api.credential,
			'searchRemediations',
			requests[0].id.slice(0, 8),
			undefined,
			panel,
		);

		expect(byPurpose.results.map((entry) => entry.value)).toEqual([requests[1].id]);
		expect(byRequestId.results.map((entry) => entry.value)).toEqual([requests[0].id]);
	});

	test('pages through more than 50 requests', async () => {
		const { enterpriseId } = arrangeRemediations(
			Array.from({ length: 70 }, (_, index) => `Purpose ${index}`),
		);
		const panel = remediationPanel(picked(enterpriseId));

		const first = await searchList(api.credential, 'searchRemediations', '', undefined, panel);
		const second = await searchList(
			api.credential,
			'searchRemediations',
			'',
			first.paginationToken,
			panel,
		);

		expect([first.results.length, second.results.length]).toEqual([50, 20]);
		expect([first.paginationToken, second.paginationToken]).toEqual(['2', undefined]);
	});

	test('without an enterprise picked it says to pick one first, and sends nothing', async () => {
		await expect(
			searchList(
				api.credential,
				'searchRemediations',
				undefined,
				undefined,
				remediationPanel(picked('')),
			),
		).rejects.toThrow('Pick the Enterprise first');
		expect(api.sandbox.requests).toHaveLength(0);
	});
});

describe('Agreement ID picker (From List)', () => {
	test("lists the account's agreements by product, version and day agreed; the search text filters", async () => {
		await runNode({ credential: api.credential, parameters: operation('termsOfService', 'agree') });
		const [agreement] = api.sandbox.state.termsAgreements;
		const panel = operation('termsOfService', 'getAgreement', {
			agreementId: { __rl: true, mode: 'list', value: '' },
		});

		const all = await searchList(api.credential, 'searchAgreements', undefined, undefined, panel);
		const none = await searchList(api.credential, 'searchAgreements', 'branded', undefined, panel);

		expect(all.results).toEqual([
			{
				name: `Number Reputation terms ${agreement.terms_version}, agreed ${agreement.agreed_at.slice(0, 10)}`,
				value: agreement.id,
			},
		]);
		expect(none.results).toEqual([]);
		expect(api.sandbox.requests.at(-1)?.path).toBe('/terms_of_service/agreements');
	});
});

describe('The operations read what the pickers pick', () => {
	test.each([
		['picked from the list', picked],
		['typed by ID', byId],
		['a plain string (a workflow saved before the picker)', (id: string) => id],
	])('Remediation → Get: an ID %s', async (_, form) => {
		const { enterpriseId, requests } = arrangeRemediations(['Appointment reminders']);

		for (const typeVersion of [1, 1.2]) {
			const result = await runNode({
				credential: api.credential,
				typeVersion,
				parameters: operation('remediation', 'get', {
					enterpriseId: byId(enterpriseId),
					remediationId: form(requests[0].id),
				}),
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ id: requests[0].id });
		}
	});

	test.each([
		['picked from the list', picked],
		['typed by ID', byId],
		['a plain string (a workflow saved before the picker)', (id: string) => id],
	])('Terms of Service → Get Agreement: an ID %s', async (_, form) => {
		await runNode({ credential: api.credential, parameters: operation('termsOfService', 'agree') });
		const [agreement] = api.sandbox.state.termsAgreements;

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.2,
			parameters: operation('termsOfService', 'getAgreement', { agreementId: form(agreement.id) }),
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: agreement.id });
	});
});
