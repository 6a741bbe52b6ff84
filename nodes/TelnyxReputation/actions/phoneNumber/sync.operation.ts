import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { entryFailure } from '../../pipeline/answers';
import { plural } from '../../../shared/text';
import { isSuccess, toNodeApiError } from '../../../shared/transport/apiErrors';
import { monitoredAmong, monitoredNumbers } from '../../../shared/monitored';
import { report, sendGroups } from '../../pipeline/send';
import { collectNumbers, throwIfInvalid } from '../../pipeline/readNumbers';
import { readSendOptions } from '../../pipeline/sendOptions';
import { successItem } from '../../pipeline/outputItems';
import { buildPath } from '../../../shared/paths';
import { runBounded } from '../../../shared/bounded';
import { telnyxRequest } from '../../../shared/transport/request';
import { batchedNumberFields } from '../common/fields';
import { registerRequests, takeMonitored } from './register.operation';
import type { NumberEntry, NumberGroup, Failure, OrderedItem } from '../../pipeline/types';

export const option: INodePropertyOptions = {
	name: 'Sync',
	value: 'sync',
	description:
		'Make the monitored numbers of an enterprise those of the input: register the missing ones, optionally remove the others',
	action: 'Sync monitored phone numbers with the input (registering is billable)',
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
	maxPerRequest: registerRequests.maxPerRequest,
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
});

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['sync'] } },
	properties,
);

/** An item for a number, with the Sync status first so it lines up in the Table view. */
const withStatus = (status: string, json: IDataObject) => ({ status, ...json });

/** The place in the output of the monitored numbers no item gave: after the input's. */
const AFTER_INPUT = Number.MAX_SAFE_INTEGER / 2;

interface Plan {
	enterpriseId: string;
	/** Input numbers already monitored: their records. */
	kept: Array<[NumberEntry, IDataObject]>;
	/** Monitored numbers no item gave. */
	extra: IDataObject[];
}

/** Removes numbers one request each (the API has no batch removal), a few at a time. */
async function removeNumbers(
	context: IExecuteFunctions,
	enterpriseId: string,
	records: IDataObject[],
) {
	const { concurrency, timeoutMs } = readSendOptions(context);
	return await runBounded(
		records.map((record) => async () => {
			const path = buildPath('/enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}', {
				enterpriseId,
				phoneNumber: String(record.phone_number),
			});
			try {
				const response = await telnyxRequest.call(context, 'DELETE', path, {
					policy: 'atMostOnce',
					timeoutMs,
				});
				// 404: not monitored any more, which is what Sync wanted.
				if (isSuccess(response.statusCode) || response.statusCode === 404) return { record };
				return {
					record,
					error: toNodeApiError(context.getNode(), response, `Removing ${record.phone_number}.`),
				};
			} catch (error) {
				return { record, error: error as NodeApiError };
			}
		}),
		concurrency,
	);
}

/**
 * Each enterprise's plan, read before anything changes: its input numbers already monitored
 * (taken out of `groups`, which keeps the numbers to add) and, with removals on, the monitored
 * numbers no item gave. The whole list is read only when numbers not in the input may go.
 */
async function plan(
	context: IExecuteFunctions,
	groups: NumberGroup[],
	removeMissing: boolean,
): Promise<Plan[]> {
	const plans: Plan[] = [];
	for (const group of groups) {
		const monitored = removeMissing
			? await monitoredNumbers(context, group.enterpriseId)
			: await monitoredAmong(context, group.enterpriseId, [...group.numbers.keys()]);
		const extra = removeMissing
			? [...monitored].filter(([e164]) => !group.numbers.has(e164)).map(([, record]) => record)
			: [];
		plans.push({ enterpriseId: group.enterpriseId, kept: takeMonitored(group, monitored), extra });
	}
	return plans;
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
	plans: Plan[],
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
	const toRemove = plans.flatMap((plan) =>
		plan.extra.map((record) => extraItem(withStatus('would-remove', record))),
	);
	return { toAdd, toRemove };
}

/** Removes each plan's extra numbers: an item for each one removed, a failure for each not. */
async function removeExtras(
	context: IExecuteFunctions,
	plans: Plan[],
	extraItem: ReturnType<typeof extraItems>,
) {
	const removed: OrderedItem[] = [];
	const failures: Failure[] = [];
	for (const plan of plans) {
		const results = await removeNumbers(context, plan.enterpriseId, plan.extra);
		for (const { record, error } of results.filter((result) => result !== undefined)) {
			const item = extraItem(
				withStatus('removed', {
					phone_number: record.phone_number,
					enterprise_id: plan.enterpriseId,
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

/** Sync Numbers: a custom operation over all input items. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { groups, invalid } = collectNumbers(this);
	throwIfInvalid(this, invalid);
	const removeMissing = this.getNodeParameter('removeMissing', 0, false) as boolean;
	const oneDryRun = this.getNode().typeVersion >= ONE_DRY_RUN_VERSION;
	const dryRun = this.getNodeParameter('dryRun', 0, oneDryRun || removeMissing) as boolean;
	const maxRemovals = this.getNodeParameter('maxRemovals', 0, 10) as number;

	// Nothing is changed before every enterprise's plan is known and within Max Removals.
	const plans = await plan(this, groups, removeMissing);
	const removals = plans.reduce((sum, { extra }) => sum + extra.length, 0);
	const overMaxRemovals = removeMissing && removals > maxRemovals;
	if (overMaxRemovals && !dryRun) {
		throw new NodeOperationError(
			this.getNode(),
			`Sync would remove ${plural(removals, 'number')}, more than Max Removals (${maxRemovals})`,
			{
				description:
					'Nothing was changed. Check the input (an empty or partial list removes every number it does not give), or raise Max Removals.',
			},
		);
	}
	const kept = plans.flatMap((plan) =>
		plan.kept.map(([entry, record]) => successItem([entry], withStatus('kept', record))),
	);
	const extraItem = extraItems();

	if (dryRun) {
		const { toAdd, toRemove } = dryRunItems(groups, plans, extraItem);
		const hints = [
			`Dry run, nothing changed: ${toAdd.length} would be added, ${removals} would be removed, ${kept.length} kept`,
		];
		if (overMaxRemovals)
			hints.push(
				`The real run would stop, changing nothing: ${plural(removals, 'removal')} are more than Max Removals (${maxRemovals})`,
			);
		const items = [...kept, ...toAdd, ...toRemove];
		return [report(this, 'added', { batches: [], outcomes: [] }, invalid, items, hints)];
	}

	const sent = await sendGroups(this, registerRequests, groups);
	for (const outcome of sent.outcomes)
		for (const { item } of outcome?.succeeded ?? []) item.json = withStatus('added', item.json);
	const { removed, failures } = await removeExtras(this, plans, extraItem);
	const added = sent.outcomes.reduce((sum, outcome) => sum + (outcome?.succeeded.length ?? 0), 0);
	const hint = `${added} added, ${kept.length} kept, ${removed.length} removed${failures.length ? `, ${failures.length} not removed` : ''}`;
	return [report(this, 'added', sent, [...invalid, ...failures], [...kept, ...removed], [hint])];
}
