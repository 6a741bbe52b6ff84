import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { eachNumber } from '../../pipeline/answers';
import type { TelnyxResponse } from '../../../shared/transport/apiErrors';
import type { Monitored } from '../../../shared/monitored';
import { monitoredAmong } from '../../../shared/monitored';
import type { BatchedOperation } from '../../pipeline/send';
import { runBatchedOperation } from '../../pipeline/send';
import { successItem } from '../../pipeline/outputItems';
import { settleUnknown } from '../../pipeline/settle';
import { batchedNumberFields } from '../common/fields';
import type {
	Batch,
	BatchOutcome,
	NumberEntry,
	NumberGroup,
	OrderedItem,
} from '../../pipeline/types';

/** The API takes 1-100 numbers per request. */
const MAX_NUMBERS_PER_REQUEST = 100;

export const option: INodePropertyOptions = {
	name: 'Register',
	value: 'register',
	description: 'Add numbers to spam-score monitoring on an enterprise (billable)',
	action: 'Register phone numbers for billable reputation monitoring',
};

/** Read by `alreadyMonitored`; on by default (see the README: a re-run should bill nothing). */
const skipMonitoredOption: INodeProperties = {
	displayName: 'Skip Numbers Already Monitored',
	name: 'skipMonitored',
	type: 'boolean',
	default: true,
	description:
		'Whether to check first which numbers the enterprise monitors (free reads: one per number, or one per 250 monitored numbers, whichever is fewer) and send only the others. Numbers already monitored come out with their record, marked as already monitored, so a nightly re-run bills nothing and one known number does not sink a whole request.',
};

const properties = batchedNumberFields({
	billing:
		'Registering numbers is billable. Numbers the enterprise monitors already are not sent again (Options → Skip Numbers Already Monitored, on by default), so a nightly re-run bills only new numbers.',
	maxPerRequest: MAX_NUMBERS_PER_REQUEST,
	numbersNote:
		"They must be US numbers in your Telnyx inventory (local or toll-free), or, once the enterprise's ownership proof is approved (Number Ownership → Submit Proof), US local numbers hosted elsewhere; reputation must be approved on the enterprise.",
	options: [skipMonitoredOption],
});

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['register'] } },
	properties,
);

const skipsMonitored = (context: IExecuteFunctions) =>
	context.getNodeParameter('options.skipMonitored', 0, skipMonitoredOption.default) as boolean;

/** Takes out of `group` the numbers of `monitored`: each entry with its record, in input order. */
export function takeMonitored(
	group: NumberGroup,
	monitored: Monitored,
): Array<[NumberEntry, IDataObject]> {
	const taken = [...group.numbers].flatMap(([e164, entry]): Array<[NumberEntry, IDataObject]> => {
		const record = monitored.get(e164);
		return record ? [[entry, record]] : [];
	});
	for (const [entry] of taken) group.numbers.delete(entry.e164);
	return taken;
}

/**
 * Takes out of `groups` the numbers their enterprise monitors already, as items with the
 * existing record. When an enterprise's list cannot be read, its numbers are sent as they are,
 * and the API's answer to them says why.
 */
async function alreadyMonitored(
	context: IExecuteFunctions,
	groups: NumberGroup[],
): Promise<OrderedItem[]> {
	if (!skipsMonitored(context)) return [];
	const items: OrderedItem[] = [];
	for (const group of groups) {
		const monitored = await monitoredAmong(context, group.enterpriseId, [
			...group.numbers.keys(),
		]).catch(() => undefined);
		if (!monitored) continue;
		for (const [entry, record] of takeMonitored(group, monitored))
			items.push(successItem([entry], { ...record, already_monitored: true }));
	}
	return items;
}

/**
 * After a request whose answer was lost: the numbers the enterprise monitors now were
 * registered, the others were not (free reads; nothing is sent again to find out).
 */
async function settleRegistered(
	context: IExecuteFunctions,
	batch: Batch,
	outcome: BatchOutcome,
): Promise<BatchOutcome> {
	return await settleUnknown(
		context,
		outcome,
		async (entries) => {
			const monitored = await monitoredAmong(
				context,
				batch.enterpriseId,
				entries.map((entry) => entry.e164),
			);
			const [found, missing] = [
				entries.filter((entry) => monitored.has(entry.e164)),
				entries.filter((entry) => !monitored.has(entry.e164)),
			];
			return {
				succeeded: found.map((entry) => successItem([entry], { ...monitored.get(entry.e164) })),
				processed: new Set(found.map((entry) => entry.e164)),
				notProcessed: new Map(missing.map((entry) => [entry.e164, NOT_REGISTERED])),
			};
		},
		'To settle it, run the node again with Skip Numbers Already Monitored on: it reads first (free) which numbers are monitored, and sends only the others.',
	);
}

const NOT_REGISTERED =
	'Not registered: a free read shows the number is not monitored, so it can be sent again';

/** Registering numbers (Sync sends its missing numbers this way): 201 has one record per number, output as it is. */
export const registerRequests: BatchedOperation = {
	verb: 'registered',
	maxPerRequest: MAX_NUMBERS_PER_REQUEST,
	path: '/enterprises/{enterpriseId}/reputation/numbers',
	onSuccess: (context, batch, response) =>
		eachNumber(context, batch, response, (response.body as { data?: unknown })?.data),
	settle: settleRegistered,
};

/** With Skip Numbers Already Monitored, registered numbers say they were not monitored before. */
function markedNewlyMonitored(context: IExecuteFunctions, outcome: BatchOutcome): BatchOutcome {
	if (skipsMonitored(context))
		for (const { item } of outcome.succeeded) item.json.already_monitored = false;
	return outcome;
}

/** Register Numbers (billable), batched across all input items: a custom operation. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchedOperation(this, {
		...registerRequests,
		answerWithoutSending: alreadyMonitored,
		onSuccess: (context, batch, response: TelnyxResponse) =>
			markedNewlyMonitored(context, registerRequests.onSuccess(context, batch, response)),
		settle: async (context, batch, outcome) =>
			markedNewlyMonitored(context, await settleRegistered(context, batch, outcome)),
	});
}
