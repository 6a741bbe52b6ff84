// What monitoring costs, as Get Pool Summary says it (node version 1.3): each enterprise's
// scheduled checks at its own frequency (USD 0.10 a check), its USD 100 monthly fee, and what
// every other frequency would cost; exact to the cent, from free reads only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { CHECKS_PER_MONTH, monthlyCost, usd } from '../../nodes/shared/prices';

import { runNode } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { byId, operation } from '../harness/parameters';
import { registerParameters } from './params';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();
const anyEnterprise = { __rl: true, mode: 'list', value: '' };

async function summary(enterpriseId: string) {
	const result = await runNode({
		credential: api.credential,
		typeVersion: 1.3,
		parameters: operation('phoneNumber', 'getPoolSummary', {
			enterpriseId: enterpriseId === '' ? anyEnterprise : byId(enterpriseId),
		}),
	});
	expect(result.error).toBeUndefined();
	return { json: result.items[0].json, hints: result.hints.map((hint) => hint.message) };
}

/** An enterprise monitoring `count` numbers, checked at `frequency`. */
function enterpriseChecked(count: number, frequency: string, first = 0) {
	const id = api.sandbox.state.enterpriseMonitoring(usNumbers(count, first));
	api.sandbox.state.enterprises.get(id)!.reputation!.check_frequency = frequency;
	return id;
}

describe('Get Pool Summary: what monitoring costs a month', () => {
	test.each([
		// numbers × checks a month × USD 0.10, plus USD 100 for the enterprise.
		['business_daily', 1000, 2275],
		['daily', 1000, 3141.67],
		['weekly', 1000, 533.33],
		['biweekly', 1000, 316.67],
		['monthly', 1000, 200],
		['never', 1000, 100],
	])('%s: %i numbers cost USD %d a month', async (frequency, count, total) => {
		const enterpriseId = enterpriseChecked(count, frequency);
		const readsBefore = api.sandbox.requests.length;

		const { json, hints } = await summary(enterpriseId);

		expect(json.monthly_cost).toMatchObject({
			check_frequency: frequency,
			numbers: count,
			enterprise_fee_usd: 100,
			total_usd: total,
		});
		const each = (json.monthly_cost as IDataObject).at_each_frequency_usd as IDataObject;
		expect(each).toEqual({
			business_daily: 2275,
			daily: 3141.67,
			weekly: 533.33,
			biweekly: 316.67,
			monthly: 200,
			never: 100,
		});
		expect(String(json.summary)).toContain(`Monitoring costs about USD`);
		expect(hints[0]).toBe(json.summary);
		// Free reads only: the pages, and the enterprise's settings.
		const sent = api.sandbox.requests.slice(readsBefore);
		expect(sent.every((request) => request.method === 'GET' && !request.query.fresh)).toBe(true);
		expect(api.sandbox.state.charges).toEqual([]);
	});

	test('over the whole account: each enterprise at its own frequency, the sum, and none for one without reputation', async () => {
		const daily = enterpriseChecked(300, 'business_daily');
		const weekly = enterpriseChecked(120, 'weekly', 300);
		const off = api.sandbox.state.addEnterprise('Globex Clinics Inc', { reputation: 'none' }).id;

		const { json } = await summary('');

		expect(Object.keys(json)[0]).toBe('summary');
		expect(json).not.toHaveProperty('enterprise_id');

		// 300 × 21.75 × 0.10 + 100 = 752.50; 120 × 52/12 × 0.10 + 100 = 152.00.
		expect(json.monthly_cost).toMatchObject({
			enterprises_billed: 2,
			numbers: 420,
			enterprise_fees_usd: 200,
			total_usd: 904.5,
		});
		const enterprises = json.enterprises as IDataObject[];
		const of = (id: string) => enterprises.find((enterprise) => enterprise.enterprise_id === id);
		expect(of(daily)).toMatchObject({ check_frequency: 'business_daily', monthly_usd: 752.5 });
		expect(of(weekly)).toMatchObject({ check_frequency: 'weekly', monthly_usd: 152 });
		expect(of(off)).toMatchObject({ check_frequency: null, monthly_usd: 0 });
		expect(String(json.summary)).toMatch(
			/Monitoring costs about USD 904\.50 a month \(2 enterprises\); this month so far about USD [\d,.]+, forecast USD 904\.50\.$/,
		);
	});

	test('an enterprise without reputation enabled bills nothing, and says so', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Initech', { reputation: 'none' }).id;

		const { json } = await summary(enterpriseId);

		expect(json.monthly_cost).toBeNull();
		expect(String(json.summary)).toMatch(/Reputation is not enabled here: nothing is billed\.$/);
	});
});

describe('Register and Sync say what the numbers they add cost a month (1.3)', () => {
	test("Register: the numbers registered, at the enterprise's frequency", async () => {
		const numbers = usNumbers(40);
		const enterpriseId = api.sandbox.state.enterpriseOwning(numbers);
		api.sandbox.state.enterprises.get(enterpriseId)!.reputation!.check_frequency = 'weekly';

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			parameters: registerParameters(enterpriseId, numbers.join(',')),
		});

		// 40 × 52/12 × 0.10 = 17.33.
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'40 registered, in 1 request',
			'Monitoring the 40 numbers added costs about USD 17.33 a month (weekly checks at USD 0.10)',
		]);
	});

	test('Sync Dry Run: the numbers it would add, before anything is sent or billed', async () => {
		const monitored = usNumbers(10);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(monitored);
		const more = usNumbers(100, 10);
		api.sandbox.state.addInventory(more);

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			items: [...monitored, ...more].map((phone) => ({ phone })),
			parameters: operation('phoneNumber', 'sync', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.phone }}',
			}),
		});

		// 100 × 21.75 × 0.10 = 217.50.
		expect(result.hints.map((hint) => hint.message)).toContain(
			'Monitoring the 100 numbers to add costs about USD 217.50 a month (business_daily checks at USD 0.10)',
		);
		expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
	});
});

describe("The README's cost table", () => {
	test('is the price table: every frequency, at 1,000, 10,000 and 100,000 numbers', () => {
		const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
		const table = /<!-- cost-table -->\n([\s\S]*?)\n<!-- \/cost-table -->/.exec(readme)![1];
		const pools = [1000, 10000, 100000];
		const rows = Object.keys(CHECKS_PER_MONTH).map(
			(frequency) =>
				`| \`${frequency}\` | ${CHECKS_PER_MONTH[frequency].toFixed(2)} | ${pools
					.map((numbers) => usd(monthlyCost(numbers, frequency).total_usd))
					.join(' | ')} |`,
		);
		expect(table.split('\n').slice(2)).toEqual(rows);
	});
});

describe('Monthly Budget: Register and Sync send only what the budget takes', () => {
	/** An enterprise checked business_daily that monitors `count` numbers and owns 10 more. */
	function enterpriseWithRoom(count: number) {
		const monitored = usNumbers(count);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(monitored);
		const more = usNumbers(10, count);
		api.sandbox.state.addInventory(more);
		return { enterpriseId, monitored, more };
	}

	// 100 monitored at business_daily: 100 + 100 × 2.175 = USD 317.50; USD 330 leaves room for 5.
	test('Register: numbers past the budget are not sent, each with the reason; Continue sends the rest', async () => {
		const { enterpriseId, monitored, more } = enterpriseWithRoom(100);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, more.join(','), { monthlyBudget: 330 }),
		});

		const posts = api.sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.body)).toEqual([{ phone_numbers: more.slice(0, 5) }]);
		expect(result.items.map((item) => item.json.status)).toEqual([
			...Array(5).fill('registered'),
			...Array(5).fill('over_budget'),
		]);
		expect(result.items[5].json).toMatchObject({
			phone_number: more[5],
			error:
				'Not sent: over the Monthly Budget. The enterprise monitors 100 numbers at business_daily checks (USD 317.50 a month); the budget of USD 330.00 leaves room for 5 more numbers (USD 2.18 each).',
		});
		expect(result.hints[0].message).toBe('5 registered, 5 over budget (not sent), in 1 request');
		// What it monitored before is untouched.
		expect(monitored.every((number) => api.sandbox.state.registrations.has(number))).toBe(true);
	});

	test('Register, Stop: numbers over the budget stop the run before anything is sent', async () => {
		const { enterpriseId, more } = enterpriseWithRoom(100);

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, more.join(','), { monthlyBudget: 330 }),
		});

		expect(api.sandbox.requests.filter((request) => request.method !== 'GET')).toEqual([]);
		expect(result.error?.message).toBe(
			'5 numbers would take the monthly cost over the Monthly Budget (USD 330.00)',
		);
		expect(result.error?.description).toContain('Nothing was sent. Raise Monthly Budget');
	});

	test('Sync Dry Run: the numbers the budget leaves out are shown, nothing sent', async () => {
		const { enterpriseId, monitored, more } = enterpriseWithRoom(100);

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			onError: 'continueRegularOutput',
			items: [...monitored, ...more].map((phone) => ({ phone })),
			parameters: operation('phoneNumber', 'sync', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: '={{ $json.phone }}',
				options: { monthlyBudget: 330 },
			}),
		});

		const statuses = result.items.map((item) => item.json.status);
		expect(statuses.filter((status) => status === 'over_budget')).toHaveLength(5);
		expect(statuses.filter((status) => status === 'would-add')).toHaveLength(5);
		expect(api.sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
	});
});

describe('Negotiated prices, set in the credential, are the figures every output says', () => {
	const negotiated = () => ({
		...api.credential,
		negotiatedPrices: true,
		checkPriceUsd: 0.08,
		remediationPriceUsd: 0.75,
		enterpriseFeeUsd: 80,
	});

	test('the pool summary: 1,000 numbers at business_daily cost USD 1,820.00 (was 2,275.00)', async () => {
		const enterpriseId = enterpriseChecked(1000, 'business_daily');

		const result = await runNode({
			credential: negotiated(),
			typeVersion: 1.3,
			parameters: operation('phoneNumber', 'getPoolSummary', { enterpriseId: byId(enterpriseId) }),
		});

		// 1,000 × 21.75 × 0.08 + 80.
		expect(result.items[0].json.monthly_cost).toMatchObject({
			checks_usd: 1740,
			enterprise_fee_usd: 80,
			total_usd: 1820,
		});
	});

	test('Remediation Submit: each number billed at the negotiated price, and the hint says so', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		for (const number of numbers)
			api.sandbox.state.setReputation(number, { spam_risk: 'high', spam_category: null });

		const result = await runNode({
			credential: negotiated(),
			typeVersion: 1.3,
			parameters: operation('remediation', 'submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
				callPurpose: 'Appointment reminders',
			}),
		});

		expect(result.items.map((item) => item.json.billed_usd)).toEqual([0.75, 0.75]);
		expect(result.hints[0].message).toBe('2 submitted and billed (USD 1.50), in 1 request');
	});
});
