// What the monitored numbers cost a month, for Get Pool Summary: each enterprise's scheduled
// checks at its own check frequency (read for free), its monthly fee, what every other
// frequency would cost, and this month so far (the numbers remediated counted from the
// remediation requests, free reads) against the Monthly Budget. Figures come from the price
// table (shared/prices.ts).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { runBounded } from '../../shared/bounded';
import { checkFrequencies, checkFrequencyOf } from '../../shared/api/enterprises';
import { remediationList } from '../../shared/api/remediations';
import type { Prices } from '../../shared/prices';
import {
	CHECKS_PER_MONTH,
	monthlyCost,
	monthOf,
	monthToDate,
	totalUsd,
	usd,
} from '../../shared/prices';
import { pricesOf } from '../../shared/transport/credentials';
import { listAll, PAGE_CONCURRENCY } from '../../shared/transport/pages';

type Cost = ReturnType<typeof monthlyCost>;

/** The account's cost: the sum of its enterprises' (those with reputation enabled). */
function accountCost(costs: Cost[], prices: Prices): IDataObject {
	const sum = (of: (cost: Cost) => number) =>
		totalUsd(
			1,
			costs.reduce((t, c) => t + of(c), 0),
		);
	return {
		enterprises_billed: costs.length,
		numbers: costs.reduce((total, cost) => total + cost.numbers, 0),
		checks_usd: sum((cost) => cost.checks_usd),
		enterprise_fees_usd: totalUsd(costs.length, prices.enterpriseMonthlyUsd),
		total_usd: sum((cost) => cost.total_usd),
		at_each_frequency_usd: Object.fromEntries(
			Object.keys(CHECKS_PER_MONTH).map((frequency) => [
				frequency,
				sum((cost) => cost.at_each_frequency_usd[frequency]),
			]),
		),
	};
}

/**
 * The numbers the enterprises submitted for remediation since `since`: each request's count
 * (which includes numbers later cancelled), from free reads of their requests.
 */
async function remediatedSince(
	context: IExecuteFunctions,
	enterpriseIds: string[],
	since: string,
): Promise<number> {
	const counts = await runBounded(
		enterpriseIds.map((id) => async () => {
			const requests = await listAll(context, remediationList(id), {
				'filter[created_at][gte]': since,
			});
			return requests.reduce((sum, request) => sum + Number(request.phone_numbers_count ?? 0), 0);
		}),
		PAGE_CONCURRENCY,
	);
	return counts.reduce((sum: number, count) => sum + (count ?? 0), 0);
}

/** This month so far and its forecast, for the enterprises billed (`ids`), against `budget`. */
/** The account's prices, the Monthly Budget (0: none), and the time the costs are read at. */
interface Billing {
	prices: Prices;
	budget: number;
	now: number;
}

async function thisMonth(
	context: IExecuteFunctions,
	ids: string[],
	month: { feesUsd: number; checksUsd: number },
	{ prices, budget, now }: Billing,
) {
	const remediatedNumbers = await remediatedSince(context, ids, monthOf(now).start);
	return monthToDate({ ...month, remediatedNumbers }, prices, now, budget);
}

/** One enterprise's summary with what it costs a month: null where reputation is not enabled. */
async function withEnterpriseCost(
	context: IExecuteFunctions,
	summary: IDataObject,
	enterpriseId: string,
	at: Billing,
): Promise<IDataObject> {
	const frequency = await checkFrequencyOf(context, enterpriseId);
	if (!frequency) return { ...summary, monthly_cost: null };
	const cost = monthlyCost(Number(summary.numbers), frequency, at.prices);
	const month = { feesUsd: cost.enterprise_fee_usd, checksUsd: cost.checks_usd };
	const spent = await thisMonth(context, [enterpriseId], month, at);
	return { ...summary, monthly_cost: { ...cost, this_month: spent } };
}

/**
 * The summary with what it costs a month: `monthly_cost` for the enterprise (null where
 * reputation is not enabled) or the whole account, each listed enterprise's own, and this
 * month so far (`this_month`) beside `budget` (0: none).
 */
export async function withMonthlyCost(
	context: IExecuteFunctions,
	summary: IDataObject,
	enterpriseId: string,
	budget: number,
): Promise<IDataObject> {
	const prices = await pricesOf(context);
	const at = { prices, budget, now: Date.now() };
	if (enterpriseId !== '') return await withEnterpriseCost(context, summary, enterpriseId, at);
	const listed = summary.enterprises as IDataObject[];
	const byId = await checkFrequencies(
		context,
		listed.map((enterprise) => String(enterprise.enterprise_id)),
	);
	const costs: Cost[] = [];
	const billed: string[] = [];
	const enterprises = listed.map((enterprise) => {
		const frequency = byId.get(String(enterprise.enterprise_id));
		const cost = frequency ? monthlyCost(Number(enterprise.numbers), frequency, prices) : undefined;
		if (cost) {
			costs.push(cost);
			billed.push(String(enterprise.enterprise_id));
		}
		return { ...enterprise, check_frequency: frequency ?? null, monthly_usd: cost?.total_usd ?? 0 };
	});
	const account = accountCost(costs, prices);
	const month = {
		feesUsd: Number(account.enterprise_fees_usd),
		checksUsd: Number(account.checks_usd),
	};
	const spent = await thisMonth(context, billed, month, at);
	return { ...summary, monthly_cost: { ...account, this_month: spent }, enterprises };
}

/**
 * "Monitoring costs about USD 2,275.00 a month (business_daily checks); this month so far
 * about USD 540.00, forecast USD 2,278.00, within the budget of USD 2,500.00."
 */
export function costSentence(cost: IDataObject | null): string {
	if (!cost) return 'Reputation is not enabled here: nothing is billed.';
	const how = cost.check_frequency
		? `${String(cost.check_frequency)} checks`
		: `${String(cost.enterprises_billed)} enterprises`;
	const month = cost.this_month as ReturnType<typeof monthToDate>;
	const budget =
		month.budget_usd === null
			? ''
			: `, ${month.over_budget ? 'over' : 'within'} the budget of ${usd(month.budget_usd)}`;
	return `Monitoring costs about ${usd(Number(cost.total_usd))} a month (${how}); this month so far about ${usd(month.spent_usd)}, forecast ${usd(month.forecast_usd)}${budget}.`;
}
