// Monthly Budget (Register, Sync): the most an enterprise's monitoring may cost a month, its
// fee and its numbers' scheduled checks at its check frequency. Numbers that would take it over
// are not sent; what the enterprise monitors already is never touched. Free reads decide.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkFrequencyOf } from '../../shared/api/enterprises';
import { monitoredCount } from '../../shared/api/numbers';
import { CHECKS_PER_MONTH, checksMonthlyUsd, PRICES, usd } from '../../shared/prices';
import { plural } from '../../shared/text';
import { pricesOf } from '../../shared/transport/credentials';
import { CONTINUE_ADVICE } from './outputItems';
import type { Failure, NumberGroup } from './types';

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

/** A number left out by the budget, as a failure item reads it. */
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
