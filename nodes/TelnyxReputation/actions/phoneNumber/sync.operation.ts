import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Monitored } from '../../../shared/api/numbers';
import { removeNumber } from '../../../shared/api/numbers';
import { ENDPOINTS } from '../../../shared/api/endpoints';
import { runBounded, runUntil } from '../../../shared/bounded';
import { plural } from '../../../shared/text';
import { entryFailure, successItem } from '../../pipeline/outputItems';
import { groupNumbers, readInput, stopIfInvalid } from '../../pipeline/readInput';
import { failsInStopMode, report, stopOnFailure, withSucceeded } from '../../pipeline/report';
import {
	addedByEnterprise,
	addedCostHint,
	monthlyBudgetOption,
	stopIfOverBudget,
	toAddByEnterprise,
	withinBudget,
} from '../../pipeline/monthlyCost';
import { batchesOf, readSendOptions } from '../../pipeline/send';
import { answeredWith, monitoredOfGroups, skipNumbers } from '../../pipeline/skip';
import type {
	Failure,
	NumberEntry,
	NumberGroup,
	OrderedItem,
	SentBatches,
} from '../../pipeline/types';
import { batchedNumberFields } from '../common/fields';
import { registerBatch } from './register.operation';

const REGISTER = ENDPOINTS['POST /enterprises/{enterpriseId}/reputation/numbers'];

export const option: INodePropertyOptions = {
	name: 'Sync',
	value: 'sync',
	description:
		'Make the monitored numbers of an enterprise those of the input: register the missing ones, optionally remove the others',
	action: 'Sync numbers (adding is billable)',
};

const ONE_DRY_RUN_VERSION = 1.2;

const dryRunField: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: true,
	description:
		'Whether to only report what would be added and removed (would-add, would-remove), changing and billing nothing',
};

/** Versions before 1.2 had a Dry Run whose default followed Remove Numbers Not in Input. */
const beforeOnlyDryRun = { '@version': [{ _cnd: { lt: ONE_DRY_RUN_VERSION } }] };

/**
 * From version 1.2, one Dry Run, on by default: a new node first reports what it would change.
 * Nodes saved before keep their two (on with removals, off without), so a saved workflow does
 * what it did: n8n saves a parameter only when it differs from its default.
 */
const dryRunByVersion: INodeProperties[] = [
	{
		...dryRunField,
		default: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: ONE_DRY_RUN_VERSION } }] } },
	},
	{
		...dryRunField,
		default: true,
		displayOptions: { show: { ...beforeOnlyDryRun, removeMissing: [true] } },
	},
	{
		...dryRunField,
		default: false,
		displayOptions: { show: { ...beforeOnlyDryRun, removeMissing: [false] } },
	},
];

const properties = batchedNumberFields({
	billing:
		'Registering the missing numbers is billable: Dry Run reports what would change first. Numbers not in the input are removed only with Remove Numbers Not in Input on, and Max Removals stops a mistaken input from emptying the enterprise.',
	maxPerRequest: REGISTER.maxNumbers,
	own: [
		{
			displayName: 'Remove Numbers Not in Input',
			name: 'removeMissing',
			type: 'boolean',
			default: false,
			description:
				'Whether to remove from monitoring the numbers of the enterprise that no input item gives',
		},
		...dryRunByVersion,
		{
			displayName: 'Max Removals',
			name: 'maxRemovals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 10,
			description: 'Stop, changing nothing, when more numbers than this would be removed',
			hint: '0 stops the run whenever a number would be removed',
			displayOptions: { show: { removeMissing: [true] } },
		},
	],
	options: [monthlyBudgetOption],
});

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['sync'] } },
	properties,
);

/** An item for a number, with the Sync status first so it lines up in the Table view. */
const withStatus = (status: string, json: IDataObject) => ({ status, ...json });

/** The place in the output of the monitored numbers no item gave: after the input's. */
const AFTER_INPUT = Number.MAX_SAFE_INTEGER / 2;

/** Each enterprise's monitored numbers no item gave: the numbers Sync would remove. */
interface Extra {
	enterpriseId: string;
	records: IDataObject[];
}

function notInInput(groups: NumberGroup[], monitored: Array<Monitored | undefined>): Extra[] {
	return groups.map((group, index) => ({
		enterpriseId: group.enterpriseId,
		records: [...(monitored[index] ?? [])]
			.filter(([e164]) => !group.numbers.has(e164))
			.map(([, record]) => record),
	}));
}

/** Removes numbers one request each (the API has no batch removal), a few at a time. A 404 is removed already. */
async function removeNumbers(context: IExecuteFunctions, { enterpriseId, records }: Extra) {
	const { concurrency, timeoutMs } = readSendOptions(context);
	return await runBounded(
		records.map((record) => async () => {
			const e164 = String(record.phone_number);
			try {
				const { response, error } = await removeNumber(context, enterpriseId, e164, timeoutMs);
				// 404: not monitored any more, which is what Sync wanted.
				return !error || response.statusCode === 404 ? { record } : { record, error };
			} catch (error) {
				return { record, error: error as NodeApiError };
			}
		}),
		concurrency,
	);
}

/** Items after the input's, in the order they are made: the monitored numbers no item gave. */
function extraItems() {
	let order = 0;
	return (json: IDataObject): OrderedItem => ({
		order: AFTER_INPUT + order++,
		item: { json, pairedItem: [{ item: 0 }] },
	});
}

/** Dry Run: the items the real run would make, and what it would do. */
function dryRunItems(
	groups: NumberGroup[],
	extras: Extra[],
	extraItem: ReturnType<typeof extraItems>,
) {
	const toAdd = groups.flatMap((group) =>
		[...group.numbers.values()].map((entry) =>
			successItem(
				[entry],
				withStatus('would-add', { phone_number: entry.e164, enterprise_id: group.enterpriseId }),
			),
		),
	);
	const toRemove = extras.flatMap((extra) =>
		extra.records.map((record) => extraItem(withStatus('would-remove', record))),
	);
	return { toAdd, toRemove };
}

/** Removes each plan's extra numbers: an item for each one removed, a failure for each not. */
async function removeExtras(
	context: IExecuteFunctions,
	extras: Extra[],
	extraItem: ReturnType<typeof extraItems>,
) {
	const removed: OrderedItem[] = [];
	const failures: Failure[] = [];
	for (const extra of extras) {
		const results = await removeNumbers(context, extra);
		for (const { record, error } of results.filter((result) => result !== undefined)) {
			const item = extraItem(
				withStatus('removed', {
					phone_number: record.phone_number,
					enterprise_id: extra.enterpriseId,
				}),
			);
			if (!error) {
				removed.push(item);
				continue;
			}
			if (!context.continueOnFail()) throw error;
			// Not removed: a failure item in the removed item's place.
			const entry: NumberEntry = {
				e164: String(record.phone_number),
				sources: [{ item: 0, input: record.phone_number, order: item.order, ofNoRow: true }],
			};
			failures.push(entryFailure(entry, 'failed', error));
		}
	}
	return { removed, failures };
}

/** Stops the run, changing nothing, when it would remove more numbers than Max Removals. */
function overMaxRemovalsError(context: IExecuteFunctions, removals: number, maxRemovals: number) {
	return new NodeOperationError(
		context.getNode(),
		`Sync would remove ${plural(removals, 'number')}, more than Max Removals (${maxRemovals})`,
		{
			description:
				'Nothing was changed. Check the input (an empty or partial list removes every number it does not give), or raise Max Removals.',
		},
	);
}

/** Dry Run's hints: what the real run would do, and that it would stop when over Max Removals. */
function dryRunHints(added: number, removals: number, kept: number, maxRemovals?: number) {
	const hints = [
		`Dry run, nothing changed: ${added} would be added, ${removals} would be removed, ${kept} kept`,
	];
	if (maxRemovals !== undefined)
		hints.push(
			`The real run would stop, changing nothing: ${plural(removals, 'removal')} are more than Max Removals (${maxRemovals})`,
		);
	return hints;
}

/** What a Sync will do: the numbers to add and to remove, and those it keeps or leaves out. */
interface SyncPlan {
	toSend: NumberGroup[];
	extras: Extra[];
	kept: OrderedItem[];
	/** Not sent: invalid, or over the Monthly Budget. */
	invalid: Failure[];
	samples: OrderedItem[];
	extraItem: ReturnType<typeof extraItems>;
}

/** Dry Run: the items the real run would make, and its hints; nothing is changed or billed. */
async function dryRunReport(
	context: IExecuteFunctions,
	plan: SyncPlan & {
		/** Max Removals, when the real run would stop over it. */
		overMax?: number;
	},
) {
	const { toAdd, toRemove } = dryRunItems(plan.toSend, plan.extras, plan.extraItem);
	const removals = toRemove.length;
	const hints = dryRunHints(toAdd.length, removals, plan.kept.length, plan.overMax);
	return report(context, {
		verb: 'added',
		sent: { batches: [], outcomes: [] },
		failures: plan.invalid,
		samples: plan.samples,
		costHint: await addedCostHint(context, toAddByEnterprise(plan.toSend), 'to add'),
		notSent: { items: [...plan.kept, ...toAdd, ...toRemove], as: 'kept' },
		hints,
	});
}

/** "3 added, 2 kept, 1 removed, 1 not removed". */
function syncHint(sent: SentBatches, kept: number, removed: number, notRemoved: number): string {
	const added = sent.outcomes.reduce((sum, outcome) => sum + (outcome?.succeeded.length ?? 0), 0);
	return `${added} added, ${kept} kept, ${removed} removed${notRemoved ? `, ${notRemoved} not removed` : ''}`;
}

/** The real run: the missing numbers registered, then the extra ones removed. */
async function applySync(context: IExecuteFunctions, plan: SyncPlan) {
	const { toSend, extras, kept, invalid, samples, extraItem } = plan;
	const options = readSendOptions(context);
	const batches = batchesOf(toSend, REGISTER.maxNumbers);
	const tasks = batches.map((batch) => async () => await registerBatch(context, batch, options));
	const { results, end } = await runUntil(tasks, options.concurrency, failsInStopMode(context));
	const sent = { batches, outcomes: results, end };
	// Its numbers are sent by Register's requests: a stop says which were registered (and billed).
	stopOnFailure(context, 'registered', sent);
	const { removed, failures } = await removeExtras(context, extras, extraItem);
	return report(context, {
		verb: 'added',
		sent: withSucceeded(sent, { first: { status: 'added' } }),
		failures: [...invalid, ...failures],
		samples,
		notSent: { items: [...kept, ...removed], as: 'kept' },
		hints: [syncHint(sent, kept.length, removed.length, failures.length)],
		costHint: await addedCostHint(context, addedByEnterprise(sent), 'added'),
	});
}

/**
 * Sync Numbers: a custom operation over all input items. Nothing is changed before every
 * enterprise's monitored numbers are read and the removals are within Max Removals.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { items, invalid, samples } = readInput(this);
	stopIfInvalid(this, invalid);
	const groups = groupNumbers(items);
	const removeMissing = this.getNodeParameter('removeMissing', 0, false) as boolean;
	const oneDryRun = this.getNode().typeVersion >= ONE_DRY_RUN_VERSION;
	const dryRun = this.getNodeParameter('dryRun', 0, oneDryRun || removeMissing) as boolean;
	const maxRemovals = this.getNodeParameter('maxRemovals', 0, 10) as number;

	// Only when numbers not in the input may go is each enterprise's whole list read.
	const monitored = await monitoredOfGroups(this, groups, { wholeList: removeMissing });
	const extras = removeMissing ? notInInput(groups, monitored) : [];
	const inInput = answeredWith(monitored, { status: 'kept' });
	const { toSend: missing, skipped: kept } = skipNumbers(groups, inInput);
	const { toSend, over } = await withinBudget(this, missing);
	const removals = extras.reduce((sum, { records }) => sum + records.length, 0);
	const overMaxRemovals = removeMissing && removals > maxRemovals;
	if (overMaxRemovals && !dryRun) throw overMaxRemovalsError(this, removals, maxRemovals);
	const extraItem = extraItems();
	// What will not be sent (invalid, over the budget) is reported beside what will.
	const plan = { toSend, extras, kept, invalid: [...invalid, ...over], samples, extraItem };
	if (dryRun) {
		const overMax = overMaxRemovals ? maxRemovals : undefined;
		return [await dryRunReport(this, { ...plan, overMax })];
	}
	stopIfOverBudget(this, over);
	return [await applySync(this, plan)];
}
