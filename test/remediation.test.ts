import { statusOf } from './harness/items';
import { runNode } from '../support/engine/runNode';
import { byId, operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';
import { usNumbers } from '../support/sandbox/state';

const api = useSandbox();
const remediation = (name: string, fields = {}) => operation('remediation', name, fields);

/** The free reads Submit makes before it sends: the enterprise's pending and in-progress requests. */
const openReads = (enterpriseId: string) =>
	['pending', 'in_progress'].map((status) => ({
		method: 'GET',
		path: `/enterprises/${enterpriseId}/reputation/remediation`,
		status,
	}));

const posts = () => api.sandbox.requests.filter((request) => request.method === 'POST');

describe('Remediation: Submit', () => {
	test('numbers from many items with the same purpose go in one request, paired with every item', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);

		const result = await runNode({
			credential: api.credential,
			items: numbers.map((number) => ({ number })),
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.number }}',
				callPurpose: 'Appointment reminders for our dental clinic.',
				additionalFields: { contactEmail: 'ops@example.com' },
			}),
		});

		expect(api.sandbox.requests.map((r) => [r.path, r.body])).toEqual([
			...openReads(enterpriseId).map((read) => [read.path, undefined]),
			[
				`/enterprises/${enterpriseId}/reputation/remediation`,
				{
					phone_numbers: numbers,
					call_purpose: 'Appointment reminders for our dental clinic.',
					contact_email: 'ops@example.com',
				},
			],
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			status: 'pending',
			phone_numbers_count: 3,
			contact_email: 'ops@example.com',
		});
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a new node (version 1.1) sends only the flagged numbers, read first for free; the others are not billed', async () => {
		const [high, low, unchecked, category] = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([high, low, unchecked, category]);
		api.sandbox.state.setReputation(high, { spam_risk: 'high' });
		api.sandbox.state.setReputation(low, { spam_risk: 'low', spam_category: null });
		api.sandbox.state.setReputation(category, { spam_risk: 'low', spam_category: 'Survey' });
		api.sandbox.state.charges = [];

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.1,
			items: [{ number: high }, { number: low }, { number: unchecked }, { number: category }],
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.number }}',
				callPurpose: 'Appointment reminders',
			}),
		});

		expect(api.sandbox.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/enterprises/${enterpriseId}/reputation/numbers`],
			...openReads(enterpriseId).map((read) => [read.method, read.path]),
			['POST', `/enterprises/${enterpriseId}/reputation/remediation`],
		]);
		expect(api.sandbox.requests.at(-1)?.body).toMatchObject({ phone_numbers: [high, category] });
		expect(api.sandbox.state.charges.map((charge) => charge.phone_number)).toEqual([
			high,
			category,
		]);
		expect(result.items.map((item) => [item.json.phone_number, item.json.status])).toEqual([
			[null, 'pending'],
			[low, 'not_flagged'],
			[unchecked, 'not_flagged'],
		]);
		// Before 1.3, the request's one item: it names the numbers it billed, and the amount.
		expect(result.items[0].json).toMatchObject({ phone_numbers: [high, category], billed_usd: 2 });
		expect(result.items[1]).toMatchObject({
			json: { submitted: false, reputation_data: expect.objectContaining({ spam_risk: 'low' }) },
			pairedItem: [{ item: 1 }],
		});
		expect(result.hints[0].message).toBe(
			'2 submitted and billed (USD 2.00), 2 not flagged (not sent), in 1 request',
		);
	});

	test('version 1.3: an item per number billed, with its amount and request; a medium risk alone is not a flag', async () => {
		const [high, medium, low, category] = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([high, medium, low, category]);
		api.sandbox.state.setReputation(high, { spam_risk: 'high', spam_category: null });
		api.sandbox.state.setReputation(medium, { spam_risk: 'medium', spam_category: null });
		api.sandbox.state.setReputation(low, { spam_risk: 'low', spam_category: null });
		api.sandbox.state.setReputation(category, { spam_risk: 'low', spam_category: 'Survey' });
		api.sandbox.state.charges = [];

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			items: [{ number: high }, { number: medium }, { number: low }, { number: category }],
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.number }}',
				callPurpose: 'Appointment reminders',
			}),
		});

		const [request] = [...api.sandbox.state.remediations.values()];
		expect(result.items.map((item) => [item.json.phone_number, item.json.status])).toEqual([
			[high, 'submitted'],
			[medium, 'not_flagged'],
			[low, 'not_flagged'],
			[category, 'submitted'],
		]);
		expect(result.items[0]).toEqual({
			json: expect.objectContaining({
				phone_number: high,
				status: 'submitted',
				error: null,
				billed_usd: 1,
				remediation_id: request.id,
				remediation_status: 'pending',
				enterprise_id: enterpriseId,
			}),
			pairedItem: [{ item: 0 }],
		});
		// What the items say was billed is what the sandbox billed, to the cent.
		const billed = result.items.reduce((sum, item) => sum + Number(item.json.billed_usd ?? 0), 0);
		const charged = api.sandbox.state.charges.reduce((sum, charge) => sum + charge.usd, 0);
		expect(billed).toBe(charged);
		expect(api.sandbox.state.charges.map((charge) => charge.phone_number)).toEqual([
			high,
			category,
		]);
		expect(result.hints[0].message).toBe(
			'2 submitted and billed (USD 2.00), 2 not flagged (not sent), in 1 request',
		);
	});

	test('a node saved before version 1.1 sends every number, as it did', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);

		await runNode({
			credential: api.credential,
			typeVersion: 1,
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
				callPurpose: 'Appointment reminders',
			}),
		});

		expect(api.sandbox.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
		expect(api.sandbox.state.charges).toHaveLength(2);
	});

	test('items with different purposes make separate requests', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);

		const result = await runNode({
			credential: api.credential,
			items: [
				{ number: numbers[0], purpose: 'Reminders' },
				{ number: numbers[1], purpose: 'Surveys' },
			],
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.number }}',
				callPurpose: '={{ $json.purpose }}',
			}),
		});

		expect(posts().map((r) => (r.body as { call_purpose: string }).call_purpose)).toEqual([
			'Reminders',
			'Surveys',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }]]);
	});

	test('a number in a pending request made elsewhere (its numbers unnamed) gets the 409 in the API words, pointing at it', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const parameters = remediation('submit', {
			enterpriseId: byId(enterpriseId),
			phoneNumbers: numbers.join(','),
			callPurpose: 'Reminders',
		});
		api.sandbox.state.addRemediation(enterpriseId, numbers);

		const again = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters,
		});

		expect(again.items.map((item) => statusOf(item, 'submitted'))).toEqual(['refused', 'refused']);
		expect(again.items[0].json.error).toContain(
			`${numbers[0]} already has a remediation request in progress`,
		);
		expect(again.items[0].json.details).toMatchObject({ httpCode: '409' });
	});

	test('when a later request is refused, the error counts the numbers the earlier one submitted', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers.slice(0, 2));

		const result = await runNode({
			credential: api.credential,
			items: [
				{ number: numbers[0], purpose: 'Reminders' },
				{ number: numbers[1], purpose: 'Reminders' },
				{ number: numbers[2], purpose: 'Surveys' },
			],
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.number }}',
				callPurpose: '={{ $json.purpose }}',
				options: { concurrency: 1 },
			}),
		});

		expect(result.error?.message).toBe(
			`Invalid parameters: ${numbers[2]} is not monitored on this enterprise`,
		);
		expect(result.error?.description).toContain(
			`2 numbers were submitted by the requests that succeeded, and billed; leave them out of a re-run: ${numbers[0]}, ${numbers[1]}.`,
		);
	});

	test('a bad email or a plain-http webhook is refused before anything is sent', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(usNumbers(1));
		const base = {
			enterpriseId: byId(enterpriseId),
			phoneNumbers: usNumbers(1)[0],
			callPurpose: 'Reminders',
		};

		const email = await runNode({
			credential: api.credential,
			parameters: remediation('submit', {
				...base,
				additionalFields: { contactEmail: 'ops at example' },
			}),
		});
		const webhook = await runNode({
			credential: api.credential,
			parameters: remediation('submit', {
				...base,
				additionalFields: { webhookUrl: 'http://example.com/hook' },
			}),
		});

		expect(email.error?.message).toBe('Contact Email "ops at example" is not an email address');
		expect(webhook.error?.message).toBe(
			'Webhook URL "http://example.com/hook" must be an https URL',
		);
		expect(api.sandbox.requests).toHaveLength(0);
	});
});

describe('Remediation: Get and Get Many', () => {
	test('Get follows a request from pending to completed with its results', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const submitted = await runNode({
			credential: api.credential,
			parameters: remediation('submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
				callPurpose: 'Reminders',
			}),
		});
		const id = submitted.items[0].json.id as string;
		const get = remediation('get', { enterpriseId: byId(enterpriseId), remediationId: id });

		const first = await runNode({ credential: api.credential, parameters: get });
		const second = await runNode({ credential: api.credential, parameters: get });

		expect(first.items[0].json).toMatchObject({ id, status: 'in_progress', results: null });
		expect(second.items[0].json).toMatchObject({
			id,
			status: 'completed',
			results: { remediated: [numbers[0]], not_flagged: [numbers[1]] },
		});
		expect(api.sandbox.requests[3].path).toBe(
			`/enterprises/${enterpriseId}/reputation/remediation/${id}`,
		);
	});

	test('Get refuses an ID that is not a UUID before any request', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([]);

		const result = await runNode({
			credential: api.credential,
			parameters: remediation('get', {
				enterpriseId: byId(enterpriseId),
				remediationId: '../numbers',
			}),
		});

		expect(result.error?.message).toBe('Remediation ID "../numbers" is not valid');
		expect(api.sandbox.requests).toHaveLength(0);
	});

	test('Get Many filters by status and creation time, and pages', async () => {
		const numbers = usNumbers(30);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		for (const number of numbers) {
			await runNode({
				credential: api.credential,
				parameters: remediation('submit', {
					enterpriseId: byId(enterpriseId),
					phoneNumbers: number,
					callPurpose: 'Reminders',
				}),
			});
		}
		api.sandbox.requests.length = 0;

		const all = await runNode({
			credential: api.credential,
			parameters: remediation('getMany', { enterpriseId: byId(enterpriseId), returnAll: true }),
		});
		const limited = await runNode({
			credential: api.credential,
			parameters: remediation('getMany', { enterpriseId: byId(enterpriseId), limit: 5 }),
		});
		const filtered = await runNode({
			credential: api.credential,
			parameters: remediation('getMany', {
				enterpriseId: byId(enterpriseId),
				returnAll: true,
				filters: {
					status: 'completed',
					createdAfter: '2000-01-01T00:00:00.000Z',
					createdBefore: '2999-01-01T00:00:00.000Z',
				},
			}),
		});

		expect(all.items).toHaveLength(30);
		expect(Object.keys(all.items[0].json).sort()).toEqual([
			'call_purpose',
			'created_at',
			'id',
			'phone_numbers_count',
			'status',
			'tier1_completed_at',
			'tier2_completed_at',
			'updated_at',
		]);
		expect(limited.items).toHaveLength(5);
		expect(filtered.items).toHaveLength(0);
		expect(api.sandbox.requests[2].query).toEqual({
			'page[number]': '1',
			'page[size]': '250',
			'filter[status]': 'completed',
			'filter[created_at][gte]': '2000-01-01T00:00:00.000Z',
			'filter[created_at][lte]': '2999-01-01T00:00:00.000Z',
		});
	});
});
