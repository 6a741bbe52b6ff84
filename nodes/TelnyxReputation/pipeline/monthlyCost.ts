// What the numbers a run adds to monitoring cost a month. Telnyx checks each monitored number
// at its enterprise's check frequency and bills every check, so Register and Sync say it before
// the bill comes, and with Monthly Budget leave out the numbers that would take an enterprise's
// monitoring (its fee and its numbers' checks) over it; what the enterprise monitors already is
// never touched. Free reads decide both.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkFrequencies, checkFrequencyOf } from '../../shared/api/enterprises';
import { monitoredCount } from '../../shared/api/numbers';
import { CHECKS_PER_MONTH, checksMonthlyUsd, PRICES, usd } from '../../shared/prices';
import { plural } from '../../shared/text';
import { pricesOf } from '../../shared/transport/credentials';
import { CONTINUE_ADVICE } from './outputItems';
import type { Failure, NumberGroup, SentBatches } from './types';

export const monthlyBudgetOption: INodeProperties = {
	displayName: 'Monthly Budget (USD)',
	name: 'monthlyBudget',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	description: `The most the enterprise's monitoring may cost a month: its fee (${usd(PRICES.enterpriseMonthlyUsd)}) and every monitored number's scheduled checks at its check frequency (${usd(PRICES.checkUsd)} each). Numbers that would take it over are not sent. 0 sets no budget.`,
};

const readBudget = (context: IExecuteFunctions) =>
	context.getNodeParameter('options.monthlyBudget', 0, 0) as number;

/** What an enterprise costs a month now, and what one more number adds (free reads). */
async function enterpriseCost(context: IExecuteFunctions, enterpriseId: string) {
	const frequency = await checkFrequencyOf(context, enterpriseId);
	if (frequency === undefined) return undefined;
	const monitored = await monitoredCount(context, enterpriseId);
	const prices = await pricesOf(context);
	const now = prices.enterpriseMonthlyUsd + checksMonthlyUsd(monitored, frequency, prices);
	// Unrounded: a cent rounded off each number would add up over thousands.
	const perNumber = (CHECKS_PER_MONTH[frequency] ?? 0) * prices.checkUsd;
	return { frequency, monitored, now, perNumber };
}

function overBudgetFailure(
	context: IExecuteFunctions,
	group: NumberGroup,
	e164: string,
	why: string,
): Failure {
	const entry = group.numbers.get(e164)!;
	const message = `Not sent: over the Monthly Budget. ${why}`;
	return {
		status: 'over_budget',
		phoneNumber: e164,
		sources: entry.sources,
		error: new NodeOperationError(context.getNode(), `${e164}: ${message}`),
		message,
		description: 'Nothing was sent for this number. Raise Monthly Budget to monitor it.',
	};
}

/**
 * Each group within the budget: its first numbers, in input order, as many as the budget left
 * takes; the others as failures. Without a budget, or where reputation is not enabled (Telnyx
 * refuses the numbers then, and says why), every number stays.
 */
export async function withinBudget(
	context: IExecuteFunctions,
	groups: NumberGroup[],
): Promise<{ toSend: NumberGroup[]; over: Failure[] }> {
	const budget = readBudget(context);
	if (!budget) return { toSend: groups, over: [] };
	const over: Failure[] = [];
	const toSend: NumberGroup[] = [];
	for (const group of groups) {
		const cost = await enterpriseCost(context, group.enterpriseId);
		if (!cost || cost.perNumber === 0) {
			toSend.push(group);
			continue;
		}
		const room = Math.max(0, Math.floor((budget - cost.now) / cost.perNumber + 1e-9));
		const numbers = [...group.numbers.keys()];
		const why = `The enterprise monitors ${plural(cost.monitored, 'number')} at ${cost.frequency} checks (${usd(cost.now)} a month); the budget of ${usd(budget)} leaves room for ${plural(room, 'more number')} (${usd(cost.perNumber)} each).`;
		for (const e164 of numbers.slice(room)) over.push(overBudgetFailure(context, group, e164, why));
		toSend.push({ ...group, numbers: new Map([...group.numbers].slice(0, room)) });
	}
	return { toSend: toSend.filter((group) => group.numbers.size > 0), over };
}

/** With Continue On Fail off, numbers over the budget stop the run before anything is sent. */
export function stopIfOverBudget(context: IExecuteFunctions, over: Failure[]): void {
	if (over.length === 0 || context.continueOnFail()) return;
	throw new NodeOperationError(
		context.getNode(),
		`${plural(over.length, 'number')} would take the monthly cost over the Monthly Budget (${usd(readBudget(context))})`,
		{
			description: `${over[0].message}\nNothing was sent. Raise Monthly Budget, or ${CONTINUE_ADVICE} to send the numbers within it and get the others back as items.`,
		},
	);
}

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
