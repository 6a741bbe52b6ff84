import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { numberList } from '../../../shared/api/numbers';
import { optionalEnterpriseLocator } from '../../../shared/locators';
import { ofExecuteItem, readEnterpriseId } from '../../../shared/parameters/items';
import { formatCount } from '../../../shared/text';
import type { Remembered } from '../../callerIdPool/changes';
import { PoolMemory } from '../../callerIdPool/changes';
import { listChanged, runsAsTool } from '../../monitoredNumbers/answer';
import { scanSettled } from '../../monitoredNumbers/scan';

export const option: INodePropertyOptions = {
	name: 'List Pool Changes',
	value: 'listChanges',
	description:
		'List the monitored numbers that are new, whose reading changed what the pool keeps (risk, enterprise, connection score by 10 or more), or that are no longer listed, since this node last listed them: the morning reads and writes only their rows. Ends with one item that says what was compared. Free reads.',
	action: 'List what changed in the pool (free)',
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	{
		displayName: 'Pool Table Is Empty',
		name: 'poolIsEmpty',
		type: 'boolean',
		default: false,
		placeholder: "e.g. {{ !$('Any pool row').first().json.phone_number }}",
		description:
			"Whether the pool's data table holds no row yet (the first fill): every monitored number is then listed as joined, and what this node remembered is forgotten",
	},
	{
		displayName: 'List Every Number',
		name: 'listEveryNumber',
		type: 'boolean',
		default: false,
		description:
			'Whether to forget what this node remembered and list every monitored number as joined, so the rules look at every row again (after rows were changed by hand, or a morning failed before its rows were saved)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callerIdPool'], operation: ['listChanges'] } },
	properties,
);

const itemsOf = (jsons: IDataObject[]): INodeExecutionData[] =>
	jsons.map((json) => ({ json, pairedItem: { item: 0 } }));

/** What the last item says besides the counts: where it read, and how. */
interface Compared {
	enterpriseId: string;
	poolWasEmpty: boolean;
	pages: number;
	listChange?: string;
}

/** The last item: what was compared, in a sentence and in counts. */
function comparedItem(memory: PoolMemory, unlisted: number, how: Compared): IDataObject {
	const count = (change: string) =>
		memory.changes.filter((entry) => entry.change === change).length;
	const [joined, changed] = [count('joined'), count('changed')];
	return {
		pool_change: 'compared',
		summary: `${formatCount(joined + changed + unlisted)} of ${formatCount(memory.listedCount)} monitored numbers to look at: ${formatCount(joined)} new, ${formatCount(changed)} changed, ${formatCount(unlisted)} no longer listed.`,
		enterprise_id: how.enterpriseId || null,
		monitored: memory.listedCount,
		joined,
		changed,
		unlisted,
		pool_was_empty: how.poolWasEmpty,
		pages_read: how.pages,
		...(how.listChange ? { list_changed_while_read: true, list_change: how.listChange } : {}),
	};
}

/**
 * List Pool Changes: an item per number that joined, changed or left since the last production
 * run (what it remembers is workflow static data, which n8n keeps only for those), then one item
 * `{ pool_change: 'compared', … }` that says what was compared: Apply Pool Rules runs the
 * morning's rules when it sees it.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// A model's call would move what the morning remembers, and the morning would miss changes.
	if (runsAsTool(this)) {
		throw new NodeOperationError(this.getNode(), 'List Pool Changes is not a tool', {
			description:
				'It remembers what it listed for the morning that runs it. A model can ask Get Many or Get Pool Summary instead.',
		});
	}
	const enterpriseId = readEnterpriseId(ofExecuteItem(this, 0), true);
	const poolWasEmpty = this.getNodeParameter('poolIsEmpty', 0, false) as boolean;
	const forget = poolWasEmpty || (this.getNodeParameter('listEveryNumber', 0, false) as boolean);
	const staticData = this.getWorkflowStaticData('node');
	let memory = new PoolMemory(staticData as Remembered, enterpriseId, forget);
	const scan = await scanSettled(this, numberList(enterpriseId), {}, () => {
		memory = new PoolMemory(staticData as Remembered, enterpriseId, forget);
		return (records) => records.forEach((record) => memory.listed(record));
	});
	const unlisted = memory.unlisted();
	Object.assign(staticData, memory.remembered(enterpriseId));
	const listChange = scan.moved && listChanged(scan.moved, scan.reads);
	const how = {
		enterpriseId,
		poolWasEmpty,
		pages: scan.pages,
		listChange: listChange || undefined,
	};
	const last = comparedItem(memory, unlisted.length, how);
	for (const message of [listChange, last.summary as string]) {
		if (message) this.addExecutionHints({ message, location: 'outputPane' });
	}
	return [
		[
			...itemsOf(memory.changes.map(({ change, record }) => ({ ...record, pool_change: change }))),
			...itemsOf(unlisted.map((json) => ({ ...json, pool_change: 'unlisted' }))),
			...itemsOf([last]),
		],
	];
}
