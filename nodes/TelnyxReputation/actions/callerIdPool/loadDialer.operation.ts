import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isDayCounts } from '../../callerIdPool/dayCounts';
import { dialerIndexOf } from '../../callerIdPool/dialerIndex';
import { dialerPoolProperty } from '../../callerIdPool/fields';
import { runsAsTool } from '../../monitoredNumbers/answer';

export const option: INodePropertyOptions = {
	name: 'Load Dialer',
	value: 'loadDialer',
	description:
		"Load the pool rows given as input into the Caller ID Dialer Trigger of this n8n process, which answers dialers from them without a workflow execution; rows of today's counts given beside them start the day's counts again. Wire it after Data table reads set to continue on error: a failed read makes the dialer say why.",
	action: "Load the pool into the dialer's memory (free)",
};

const properties: INodeProperties[] = [dialerPoolProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['callerIdPool'], operation: ['loadDialer'] } },
	properties,
);

/**
 * Load Dialer: every input item is a pool row, a row of the day's counts, or the error of a read
 * that should have given them.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// A model's call carries no pool rows: loading it would empty the dialer's pool.
	if (runsAsTool(this)) {
		throw new NodeOperationError(this.getNode(), 'Load Dialer is not a tool', {
			description:
				"It replaces the dialer's pool with the rows given: it runs in the dialer's workflow, after a read of the pool table.",
		});
	}
	const pool = this.getNodeParameter('dialerPool', 0) as string;
	const items = this.getInputData().map((item) => item.json);
	const index = dialerIndexOf(pool);
	const failed = items.find((json) => json.error !== undefined && !json.phone_number);
	if (failed) {
		index.fail(
			`A data table of the pool ${pool} is missing (or could not be read: ${String(failed.error)}). Create the pool's tables: run the example "Create the caller ID pool tables" once (or see the README), then ask again.`,
			Date.now(),
		);
		return [[{ json: { pool, loaded: false, error: index.failure }, pairedItem: { item: 0 } }]];
	}
	// A Data table read that found nothing hands on one empty item: not a row.
	const days = items.filter(isDayCounts);
	index.load(
		items.filter((json) => json.phone_number),
		days,
		Date.now(),
	);
	const loaded = { pool, loaded: true, numbers: index.size, count_rows: days.length };
	return [[{ json: loaded, pairedItem: { item: 0 } }]];
}
