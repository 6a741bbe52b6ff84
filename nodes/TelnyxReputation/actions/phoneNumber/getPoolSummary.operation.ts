import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ofExecuteItem, readEnterpriseId } from '../../../shared/parameters/items';
import { optionalEnterpriseLocator } from '../../../shared/locators';
import { enterpriseName } from '../../../shared/listSearch/enterprises';
import { listEnterprises } from '../../../shared/api/enterprises';
import { numberList } from '../../../shared/api/numbers';
import { tableOrder } from '../../../shared/tableView';
import { costSentence, withMonthlyCost } from '../../monitoredNumbers/cost';
import { scanSettled } from '../../monitoredNumbers/scan';
import { listChanged } from '../../monitoredNumbers/answer';
import { simplified, simplifyFields } from '../../monitoredNumbers/simplify';
import { perInputItem } from '../../monitoredNumbers/items';
import { monthlyBudgetOption } from '../../pipeline/monthlyCost';
import { PoolSummary } from '../../monitoredNumbers/summary';

export const option: INodePropertyOptions = {
	name: 'Get Pool Summary',
	value: 'getPoolSummary',
	description:
		'Summarize every monitored number: counts per spam risk and ownership status, never checked and stale numbers, score spreads, spam categories, the worst numbers and the healthy numbers per area code',
	action: 'Get pool summary and cost (free)',
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	{
		displayName: 'Stale After (Days)',
		name: 'staleAfterDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 14,
		description: 'Numbers last checked longer ago than this count as stale',
	},
	{
		displayName: 'Worst Numbers',
		name: 'worst',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1000 },
		default: 10,
		description:
			'How many of the worst numbers to list: high risk first, then medium, then low; the lowest score first within each',
		hint: '0 lists none, only the counts',
	},
	...simplifyFields.map((field) => ({
		...field,
		description:
			'Whether to list the worst numbers as their spam risk, scores, spam category and last check, instead of the full records of the API',
	})),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...monthlyBudgetOption,
				description:
					"The most monitoring here may cost a month (the enterprise's, or the whole account's without one), shown beside this month's forecast. Set the same budget as on Register and Sync. 0 sets no budget.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getPoolSummary'] } },
	properties,
);

/** The account's enterprises by ID, named as the enterprise picker names them. */
async function enterpriseNames(context: IExecuteFunctions): Promise<Map<string, string>> {
	const enterprises = await listEnterprises(context);
	return new Map(
		enterprises.map((enterprise) => [
			String(enterprise.id),
			enterpriseName(enterprise as Parameters<typeof enterpriseName>[0]),
		]),
	);
}

/**
 * From this version the summary opens with a sentence and says what the pool costs a month
 * (one more free read per enterprise: its check frequency).
 */
const WITH_COST = 1.3;

/** Get Pool Summary: for each input item, one item that sums up the pool (free list reads). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await perInputItem(this, async (itemIndex) => {
		const enterpriseId = readEnterpriseId(ofExecuteItem(this, itemIndex), true);
		const newSummary = () =>
			new PoolSummary({
				staleAfterDays: this.getNodeParameter('staleAfterDays', itemIndex, 14) as number,
				worst: this.getNodeParameter('worst', itemIndex, 10) as number,
				now: Date.now(),
				neverCheckedKey: this.getNode().typeVersion < 1.3 ? 'none' : 'never_checked',
			});
		let summary = newSummary();
		// Read again once when the list moved meanwhile; the summary is of the last read only.
		const scan = await scanSettled(this, numberList(enterpriseId), {}, () => {
			summary = newSummary();
			return (records, position) =>
				records.forEach((record, index) => summary.add(record, position + index));
		});
		const { pages } = scan;
		const changed = scan.moved && listChanged(scan.moved, scan.reads);
		const moved = changed ? { list_changed_while_read: true, list_change: changed } : {};
		if (changed) this.addExecutionHints({ message: changed, location: 'outputPane' });
		const names = enterpriseId === '' ? await enterpriseNames(this) : undefined;
		const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
		const result = summary.result(simplify ? simplified : tableOrder, names);
		if (this.getNode().typeVersion < WITH_COST) {
			return [{ enterprise_id: enterpriseId || null, ...result, pages_read: pages, ...moved }];
		}
		const budget = this.getNodeParameter('options.monthlyBudget', itemIndex, 0) as number;
		const costed = await withMonthlyCost(this, result, enterpriseId, budget);
		const sentence = `${summary.sentence()} ${costSentence(costed.monthly_cost as IDataObject)}`;
		this.addExecutionHints({ message: sentence, location: 'outputPane' });
		// Over the whole account, `enterprises` says whose each count is: no enterprise_id of null.
		const scope = enterpriseId ? { enterprise_id: enterpriseId } : {};
		return [{ summary: sentence, ...scope, ...costed, pages_read: pages, ...moved }];
	});
}
