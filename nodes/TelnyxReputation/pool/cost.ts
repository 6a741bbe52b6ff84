// What the monitored numbers cost a month, for Get Pool Summary: each enterprise's scheduled
// checks at its own check frequency (read for free), its monthly fee, and what every other
// frequency would cost. Figures come from the price table (shared/prices.ts).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkFrequencies, checkFrequencyOf } from '../../shared/api/enterprises';
import type { Prices } from '../../shared/prices';
import { CHECKS_PER_MONTH, monthlyCost, totalUsd, usd } from '../../shared/prices';
import { pricesOf } from '../../shared/transport/credentials';

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
 * The summary with what it costs a month: `monthly_cost` for the enterprise (null where
 * reputation is not enabled) or the whole account, and each listed enterprise's own.
 */
export async function withMonthlyCost(
	context: IExecuteFunctions,
	summary: IDataObject,
	enterpriseId: string,
): Promise<IDataObject> {
	const prices = await pricesOf(context);
	if (enterpriseId !== '') {
		const frequency = await checkFrequencyOf(context, enterpriseId);
		const cost = frequency ? monthlyCost(Number(summary.numbers), frequency, prices) : null;
		return { ...summary, monthly_cost: cost };
	}
	const listed = summary.enterprises as IDataObject[];
	const byId = await checkFrequencies(
		context,
		listed.map((enterprise) => String(enterprise.enterprise_id)),
	);
	const costs: Cost[] = [];
	const enterprises = listed.map((enterprise) => {
		const frequency = byId.get(String(enterprise.enterprise_id));
		const cost = frequency ? monthlyCost(Number(enterprise.numbers), frequency, prices) : undefined;
		if (cost) costs.push(cost);
		return { ...enterprise, check_frequency: frequency ?? null, monthly_usd: cost?.total_usd ?? 0 };
	});
	return { ...summary, monthly_cost: accountCost(costs, prices), enterprises };
}

/** "Monitoring costs about USD 2,275.00 a month (business_daily checks)." */
export function costSentence(cost: IDataObject | null): string {
	if (!cost) return 'Reputation is not enabled here: nothing is billed.';
	const how = cost.check_frequency
		? `${String(cost.check_frequency)} checks`
		: `${String(cost.enterprises_billed)} enterprises`;
	return `Monitoring costs about ${usd(Number(cost.total_usd))} a month (${how}).`;
}
