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
import type { Remembered, RunSettings } from '../../callerIdPool/changes';
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
			'Whether to forget what this node remembered and list every monitored number as joined, so the rules look at every row again (after rows were changed by hand, or a morning failed before its rows were saved). Forgets once: not again in the parts that continue the run.',
	},
	{
		displayName: 'Max Numbers per Run',
		name: 'mostNumbers',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			"The most numbers this run outputs (0: no limit), so that no execution carries the whole pool. The rest are left for the next run, which continues this one when its Part Key to Continue is this run's part key (in the last item). The last item says how many are left and whether to run again.",
	},
	{
		displayName: 'Part Key to Continue',
		name: 'lastPartKey',
		type: 'string',
		default: '',
		placeholder: "e.g. {{ $('When the morning runs a part').first().json.part_key }}",
		description:
			"The part key from the last item of the run this one continues; empty for a new run. A continuing run counts on from that part (Apply Pool Rules sends the morning's alerts in part 1 only), goes on with a first fill and does not forget again. If what this node remembers was saved by another run (another execution of this workflow can put back an older memory), this run starts again at part 1.",
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

/** The sentence's end: what is left for the next part, and whether it runs. */
function leftFor(memory: PoolMemory): string {
	if (!memory.left) return '';
	const more = `${formatCount(memory.left)} more`;
	if (memory.nextPart) return ` ${more} left for part ${memory.part + 1}.`;
	const before = formatCount(memory.leftBefore ?? 0);
	return ` ${more} left (part ${memory.part - 1} left ${before}): no next part; the next morning goes on.`;
}

/** The last item: what was compared, in a sentence and in counts. */
function comparedItem(memory: PoolMemory, unlisted: number, how: Compared): IDataObject {
	const count = (change: string) =>
		memory.changes.filter((entry) => entry.change === change).length;
	const [joined, changed] = [count('joined'), count('changed')];
	return {
		pool_change: 'compared',
		summary: `${formatCount(joined + changed + unlisted)} of ${formatCount(memory.listedCount)} monitored numbers to look at: ${formatCount(joined)} new, ${formatCount(changed)} changed, ${formatCount(unlisted)} no longer listed.${leftFor(memory)}`,
		enterprise_id: how.enterpriseId || null,
		monitored: memory.listedCount,
		joined,
		changed,
		unlisted,
		pool_was_empty: how.poolWasEmpty,
		first_fill: memory.filling,
		part: memory.part,
		part_key: memory.partKey,
		more_to_come: memory.left,
		next_part: memory.nextPart,
		pages_read: how.pages,
		...(how.listChange ? { list_changed_while_read: true, list_change: how.listChange } : {}),
	};
}

/** The node's parameters, as the memory reads them. */
function runSettings(context: IExecuteFunctions, enterpriseId: string): RunSettings {
	const most = context.getNodeParameter('mostNumbers', 0, 0) as number;
	return {
		enterpriseId,
		poolWasEmpty: context.getNodeParameter('poolIsEmpty', 0, false) as boolean,
		lastPartKey: String(context.getNodeParameter('lastPartKey', 0, '') ?? ''),
		listEveryNumber: context.getNodeParameter('listEveryNumber', 0, false) as boolean,
		most: most > 0 ? most : Infinity,
	};
}

/**
 * List Pool Changes: an item per number that joined, changed or left since the last run n8n
 * kept static data for (every run but a manual one: a sub-workflow's part too), then one item
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
	const run = runSettings(this, enterpriseId);
	const staticData = this.getWorkflowStaticData('node');
	let memory = new PoolMemory(staticData as Remembered, run);
	const scan = await scanSettled(this, numberList(enterpriseId), {}, () => {
		memory = new PoolMemory(staticData as Remembered, run);
		return (records) => records.forEach((record) => memory.listed(record));
	});
	const unlisted = memory.unlisted();
	Object.assign(staticData, memory.remembered());
	const listChange = scan.moved && listChanged(scan.moved, scan.reads);
	const how = {
		enterpriseId,
		poolWasEmpty: run.poolWasEmpty,
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
