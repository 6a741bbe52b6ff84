// What monitoring costs, said where a choice changes it and counted as it bills (node version
// 1.3): Enable names the fee and a number's checks, Update Frequency the cost before and after;
// the pool summary says this month so far and the forecast beside the Monthly Budget; and what
// Refresh, a live lookup and Remediation Submit say they billed is, to the cent, what the
// sandbox billed.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { monthOf } from '../../nodes/shared/prices';
import { runNode } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

/** An enterprise monitoring `count` numbers, checked at `frequency`. */
function enterpriseChecked(count: number, frequency: string, first = 0) {
	const id = api.sandbox.state.enterpriseMonitoring(usNumbers(count, first));
	api.sandbox.state.enterprises.get(id)!.reputation!.check_frequency = frequency;
	return id;
}

const run = async (parameters: INodeParameters) =>
	await runNode({ credential: api.credential, typeVersion: 1.3, parameters });

/** The sandbox's charges, in USD to the cent. */
const charged = () =>
	Math.round(api.sandbox.state.charges.reduce((sum, charge) => sum + charge.usd, 0) * 100) / 100;

describe('Enable and Update Frequency say what the frequency costs (1.3)', () => {
	test('Enable weekly: USD 100 a month for the enterprise, about USD 0.43 a number', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme', { reputation: 'none' });
		api.sandbox.state.termsAgreedAt = api.sandbox.state.now();

		const result = await run(
			operation('reputationSettings', 'enable', {
				enterpriseId: byId(enterprise.id),
				loaDocumentId: '2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
				additionalFields: { checkFrequency: 'weekly' },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.monthly_cost).toEqual({
			summary:
				'Monitoring here costs USD 100.00 a month for the enterprise, and about USD 0.43 a month for each number it will monitor (weekly checks at USD 0.10).',
			check_frequency: 'weekly',
			enterprise_fee_usd: 100,
			each_number_usd: 0.43,
		});
	});

	test('Update Frequency, 1,000 numbers from business_daily to weekly: USD 2,275.00 before, USD 533.33 after', async () => {
		const enterpriseId = enterpriseChecked(1000, 'business_daily');

		const result = await run(
			operation('reputationSettings', 'updateFrequency', {
				enterpriseId: byId(enterpriseId),
				checkFrequency: 'weekly',
			}),
		);

		expect(result.items[0].json).toMatchObject({
			check_frequency: 'weekly',
			monthly_cost: {
				summary:
					'Monitoring 1,000 numbers now costs about USD 533.33 a month (weekly checks); it cost about USD 2,275.00 a month (business_daily checks): USD 1,741.67 less a month.',
				numbers: 1000,
				before: { check_frequency: 'business_daily', total_usd: 2275 },
				after: { check_frequency: 'weekly', total_usd: 533.33 },
				change_usd: -1741.67,
			},
		});
		// Free reads before the change, then the change itself; nothing billed.
		expect(api.sandbox.requests.map((request) => request.method).sort()).toEqual([
			'GET',
			'GET',
			'PATCH',
		]);
		expect(api.sandbox.state.charges).toEqual([]);
	});
});

describe('The pool summary: this month so far and the forecast, beside the Monthly Budget (1.3)', () => {
	const { days, elapsed, month } = monthOf(Date.now());

	test('an enterprise of 1,000 numbers with 3 numbers remediated this month, a budget of USD 2,000', async () => {
		const enterpriseId = enterpriseChecked(1000, 'business_daily');
		const numbers = usNumbers(3);
		api.sandbox.state.addRemediation(enterpriseId, numbers.slice(0, 2));
		api.sandbox.state.addRemediation(enterpriseId, numbers.slice(2));
		const before = api.sandbox.state.charges.length;

		const result = await run(
			operation('phoneNumber', 'getPoolSummary', {
				enterpriseId: byId(enterpriseId),
				options: { monthlyBudget: 2000 },
			}),
		);

		// The checks of the days begun: 1,000 × 21.75 × USD 0.10 × elapsed / days.
		const checks = Math.round(2175 * (elapsed / days) * 100) / 100;
		const cost = result.items[0].json.monthly_cost as IDataObject;
		expect(cost.this_month).toEqual({
			month,
			days_elapsed: elapsed,
			days_in_month: days,
			checks_usd: checks,
			remediated_numbers: 3,
			remediations_usd: 3,
			spent_usd: Math.round((100 + checks + 3) * 100) / 100,
			forecast_usd: 2278,
			budget_usd: 2000,
			over_budget: true,
		});
		expect(String(result.items[0].json.summary)).toContain(
			'forecast USD 2,278.00, over the budget of USD 2,000.00.',
		);
		expect(api.sandbox.state.charges).toHaveLength(before);
	});

	test('over the whole account: the fees and checks of each enterprise at its own frequency, no budget', async () => {
		enterpriseChecked(300, 'business_daily');
		const weekly = enterpriseChecked(120, 'weekly', 300);
		api.sandbox.state.addRemediation(weekly, usNumbers(1, 300));

		const result = await run(
			operation('phoneNumber', 'getPoolSummary', {
				enterpriseId: { __rl: true, mode: 'list', value: '' },
			}),
		);

		// 300 × 2.175 + 120 × 0.4333… = 652.50 + 52.00 checks, two fees of USD 100.
		const checks = Math.round(704.5 * (elapsed / days) * 100) / 100;
		const cost = result.items[0].json.monthly_cost as IDataObject;
		expect(cost.this_month).toMatchObject({
			checks_usd: checks,
			remediated_numbers: 1,
			spent_usd: Math.round((200 + checks + 1) * 100) / 100,
			forecast_usd: 905.5,
			budget_usd: null,
			over_budget: null,
		});
	});
});

describe('What a billable operation says it billed is what the sandbox billed, to the cent', () => {
	test('Refresh of 7 numbers: 7 checks, USD 0.70', async () => {
		const numbers = usNumbers(7);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);

		const result = await run(
			operation('phoneNumber', 'refresh', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
			}),
		);

		const billed = result.items.reduce((sum, item) => sum + Number(item.json.billed_usd), 0);
		expect(result.items.filter((item) => item.json.billed_usd === 0.1)).toHaveLength(7);
		expect(Math.round(billed * 100) / 100).toBe(charged());
		expect(charged()).toBe(0.7);
	});

	test('a live lookup: one check, USD 0.10', async () => {
		const [number] = usNumbers(1);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([number]);

		const result = await run(
			operation('phoneNumber', 'get', {
				enterpriseId: byId(enterpriseId),
				phoneNumber: number,
				options: { fresh: true },
			}),
		);

		expect(result.items[0].json.billed_usd).toBe(charged());
		expect(api.sandbox.state.charges).toHaveLength(1);
	});

	test('Remediation Submit of 3 numbers: 3 numbers remediated, USD 3.00, and the next summary counts them', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		for (const number of numbers)
			api.sandbox.state.setReputation(number, { spam_risk: 'high', spam_category: null });
		api.sandbox.state.charges = [];

		const result = await run(
			operation('remediation', 'submit', {
				enterpriseId: byId(enterpriseId),
				phoneNumbers: numbers.join(','),
				callPurpose: 'Appointment reminders',
			}),
		);
		const summary = await run(
			operation('phoneNumber', 'getPoolSummary', { enterpriseId: byId(enterpriseId) }),
		);

		const billed = result.items.reduce((sum, item) => sum + Number(item.json.billed_usd), 0);
		expect(result.items.map((item) => item.json.phone_number)).toEqual(numbers);
		expect(billed).toBe(charged());
		expect(charged()).toBe(3);
		const month = (summary.items[0].json.monthly_cost as IDataObject).this_month as IDataObject;
		expect(month).toMatchObject({ remediated_numbers: 3, remediations_usd: charged() });
	});
});
