// What the numbers a run adds to monitoring cost a month, said before the bill comes: Telnyx
// checks each monitored number at its enterprise's check frequency, and bills every check.
import type { IExecuteFunctions } from 'n8n-workflow';

import { checkFrequencies } from '../../shared/api/enterprises';
import { checksMonthlyUsd, usd } from '../../shared/prices';
import { pricesOf } from '../../shared/transport/credentials';
import { plural } from '../../shared/text';
import type { NumberGroup, SentBatches } from './types';

/** From this node version (one more free read per enterprise: its check frequency). */
const SAYS_ADDED_COST = 1.3;

/**
 * "Monitoring the 3 numbers added costs about USD 6.53 a month (business_daily checks at
 * USD 0.10)", from each enterprise's frequency (free reads); `added` counts the numbers by
 * enterprise. Undefined when nothing is added or the frequencies cannot be read.
 */
export async function addedCostHint(
	context: IExecuteFunctions,
	added: Map<string, number>,
	verb: 'added' | 'to add',
): Promise<string | undefined> {
	const numbers = [...added.values()].reduce((sum, count) => sum + count, 0);
	if (numbers === 0 || context.getNode().typeVersion < SAYS_ADDED_COST) return undefined;
	const frequencies = await checkFrequencies(context, [...added.keys()]).catch(() => undefined);
	if (!frequencies) return undefined;
	const prices = await pricesOf(context);
	let monthly = 0;
	for (const [enterpriseId, count] of added)
		monthly += checksMonthlyUsd(count, frequencies.get(enterpriseId) ?? 'never', prices);
	const used = [...new Set([...frequencies.values()].filter(Boolean))];
	const how = used.length === 1 ? `${used[0]} checks` : 'each enterprise’s check frequency';
	return `Monitoring the ${plural(numbers, 'number')} ${verb} costs about ${usd(monthly)} a month (${how} at ${usd(prices.checkUsd)})`;
}

/** The numbers each enterprise gained in a run: its batches' successes. */
export function addedByEnterprise({ batches, outcomes }: SentBatches): Map<string, number> {
	const added = new Map<string, number>();
	batches.forEach(({ enterpriseId }, index) => {
		const count = outcomes[index]?.succeeded.length ?? 0;
		if (count) added.set(enterpriseId, (added.get(enterpriseId) ?? 0) + count);
	});
	return added;
}

/** The numbers each enterprise would gain: the groups still to send. */
export const toAddByEnterprise = (groups: NumberGroup[]): Map<string, number> =>
	groups.reduce(
		(added, { enterpriseId, numbers }) =>
			added.set(enterpriseId, (added.get(enterpriseId) ?? 0) + numbers.size),
		new Map<string, number>(),
	);
