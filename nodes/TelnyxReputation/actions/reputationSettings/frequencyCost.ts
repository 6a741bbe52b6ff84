// What a check frequency costs, said where it is set (node version 1.3), in the item's
// `monthly_cost` (n8n gives a declarative operation's steps no execution hints): Enable names
// the enterprise's monthly fee and what each number it will monitor costs at its frequency;
// Update Frequency the monthly cost before and after, from free reads made before the change
// (the settings and how many numbers the enterprise monitors).
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkFrequencyOf } from '../../../shared/api/enterprises';
import { monitoredCount } from '../../../shared/api/numbers';
import { ofItem, readEnterpriseId } from '../../../shared/parameters/items';
import { checksMonthlyUsd, monthlyCost, usd } from '../../../shared/prices';
import { pricesOf } from '../../../shared/transport/credentials';
import type { Fetch } from '../../routing/declarative';
import { formatCount } from '../../../shared/text';

const SAYS_COST = 1.3;

/** Enable's last output step: the fee, and a number's checks at the frequency the answer names. */
export async function enabledCost(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNode().typeVersion < SAYS_COST) return items;
	const prices = await pricesOf(this);
	return items.map((item) => {
		const frequency = String(item.json.check_frequency ?? 'business_daily');
		const each = checksMonthlyUsd(1, frequency, prices);
		const cost = {
			summary: `Monitoring here costs ${usd(prices.enterpriseMonthlyUsd)} a month for the enterprise, and about ${usd(each)} a month for each number it will monitor (${frequency} checks at ${usd(prices.checkUsd)}).`,
			check_frequency: frequency,
			enterprise_fee_usd: prices.enterpriseMonthlyUsd,
			each_number_usd: each,
		};
		return { ...item, json: { ...item.json, monthly_cost: cost } };
	});
}

/** "about USD 533.33 a month (weekly checks)" */
const perMonth = (cost: ReturnType<typeof monthlyCost>) =>
	`about ${usd(cost.total_usd)} a month (${cost.check_frequency} checks)`;

/** Update Frequency's request between two free reads: the items say the monthly cost before and after. */
export function withCostBeforeAndAfter(send: Fetch): Fetch {
	return async function (requestData) {
		if (this.getNode().typeVersion < SAYS_COST) return await send.call(this, requestData);
		const enterpriseId = readEnterpriseId(ofItem(this));
		const read = await Promise.all([
			checkFrequencyOf(this, enterpriseId),
			monitoredCount(this, enterpriseId),
		]).catch(() => undefined);
		const items = await send.call(this, requestData);
		const [was, numbers] = read ?? [];
		if (was === undefined || numbers === undefined) return items;
		const prices = await pricesOf(this);
		return items.map((item) => {
			const now = String(item.json.check_frequency ?? was);
			const [before, after] = [was, now].map((at) => monthlyCost(numbers, at, prices));
			const change = Math.round((after.total_usd - before.total_usd) * 100) / 100;
			const by =
				change === 0 ? '' : `: ${usd(Math.abs(change))} ${change < 0 ? 'less' : 'more'} a month`;
			const of = (cost: typeof before): IDataObject => ({
				check_frequency: cost.check_frequency,
				total_usd: cost.total_usd,
			});
			const monthly = {
				summary: `Monitoring ${formatCount(numbers)} ${numbers === 1 ? 'number' : 'numbers'} now costs ${perMonth(after)}; it cost ${perMonth(before)}${by}.`,
				numbers,
				before: of(before),
				after: of(after),
				change_usd: change,
			};
			return { ...item, json: { ...item.json, monthly_cost: monthly } };
		});
	};
}
