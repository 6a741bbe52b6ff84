import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { monitoredAmong } from '../../../shared/api/numbers';
import { eachNumber } from '../../pipeline/answers';
import { groupNumbers, readInput, stopIfInvalid } from '../../pipeline/readInput';
import { failsInStopMode, report, stopOnFailure, withSucceeded } from '../../pipeline/report';
import {
	addedByEnterprise,
	addedCostHint,
	monthlyBudgetOption,
	stopIfOverBudget,
	withinBudget,
} from '../../pipeline/monthlyCost';
import type { SendOptions } from '../../pipeline/send';
import { batchesOf, readSendOptions, sendBatch, withRefused } from '../../pipeline/send';
import type { Found, Settlement } from '../../pipeline/settle';
import { settled, settlementOf, unknownEntries } from '../../pipeline/settle';
import { answeredWith, monitoredOfGroups, skipNumbers } from '../../pipeline/skip';
import type { Batch, BatchOutcome, NumberEntry } from '../../pipeline/types';
import { runUntil } from '../../../shared/bounded';
import { batchedNumberFields } from '../common/fields';

const REGISTER = ENDPOINTS['POST /enterprises/{enterpriseId}/reputation/numbers'];

export const option: INodePropertyOptions = {
	name: 'Register',
	value: 'register',
	description: 'Add numbers to spam-score monitoring on an enterprise (billable)',
	action: 'Register numbers (billable)',
};

/** On by default (see the README: a re-run should bill nothing). */
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
	maxPerRequest: REGISTER.maxNumbers,
	numbersNote:
		"They must be US numbers in your Telnyx inventory (local or toll-free), or, once the enterprise's ownership proof is approved (Number Ownership → Submit Proof), US local numbers hosted elsewhere; reputation must be approved on the enterprise.",
	options: [skipMonitoredOption, monthlyBudgetOption],
});

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['register'] } },
	properties,
);

const skipsMonitored = (context: IExecuteFunctions) =>
	context.getNodeParameter('options.skipMonitored', 0, skipMonitoredOption.default) as boolean;

/**
 * After a request whose answer was lost: the numbers the enterprise monitors now were
 * registered, the others were not (free reads; nothing is sent again to find out).
 */
async function registeredAmong(
	context: IExecuteFunctions,
	enterpriseId: string,
	entries: NumberEntry[],
): Promise<Settlement> {
	const numbers = entries.map((entry) => entry.e164);
	const monitored = await monitoredAmong(context, enterpriseId, numbers);
	const found = new Map<string, Found>();
	for (const e164 of numbers) {
		const record = monitored.get(e164);
		found.set(e164, record ? { processed: { ...record } } : { notProcessed: NOT_REGISTERED });
	}
	return settlementOf(entries, found);
}

const NOT_REGISTERED =
	'Not registered: a free read shows the number is not monitored, so it can be sent again';

const HOW_TO_SETTLE =
	'To settle it, run the node again with Skip Numbers Already Monitored on: it reads first (free) which numbers are monitored, and sends only the others.';

/** One request of numbers to register (Sync sends its missing numbers this way): 201 has one record per number, output as it is. */
export async function registerBatch(
	context: IExecuteFunctions,
	batch: Batch,
	options: SendOptions,
): Promise<BatchOutcome> {
	const sent = await sendBatch(context, REGISTER, batch, options);
	const records = (sent.answer?.body as { data?: unknown } | undefined)?.data;
	const read = sent.answer ? eachNumber(context, sent.batch, sent.answer, records) : sent.outcome;
	const unknown = unknownEntries(read);
	if (unknown.length === 0) return withRefused(sent, read);
	const found = await registeredAmong(context, sent.batch.enterpriseId, unknown).catch(
		(error: Error) => error,
	);
	return withRefused(sent, settled(context, read, found, HOW_TO_SETTLE));
}

/**
 * Register Numbers (billable), batched across all input items: a custom operation. With Skip
 * Numbers Already Monitored, the numbers the enterprise monitors are answered with their record
 * and not sent; an enterprise whose list cannot be read has its numbers sent as they are.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { items, invalid, samples } = readInput(this);
	stopIfInvalid(this, invalid);
	const groups = groupNumbers(items);
	const skip = skipsMonitored(this);
	const monitored = skip ? await monitoredOfGroups(this, groups, { sendIfUnreadable: true }) : [];
	// Marked so next to the number in the Table view (the report puts the number first).
	const alreadyMonitored = answeredWith(monitored, { already_monitored: true });
	const { toSend: notMonitored, skipped } = skipNumbers(groups, alreadyMonitored);
	const { toSend, over } = await withinBudget(this, notMonitored);
	stopIfOverBudget(this, over);
	const options = readSendOptions(this);
	const batches = batchesOf(toSend, REGISTER.maxNumbers);
	const tasks = batches.map((batch) => async () => await registerBatch(this, batch, options));
	const { results, end } = await runUntil(tasks, options.concurrency, failsInStopMode(this));
	const sent = { batches, outcomes: results, end };
	stopOnFailure(this, 'registered', sent);
	return [
		report(this, {
			verb: 'registered',
			sent: skip ? withSucceeded(sent, { first: { already_monitored: false } }) : sent,
			failures: [...invalid, ...over],
			samples,
			notSent: { items: skipped, as: 'already monitored' },
			costHint: await addedCostHint(this, addedByEnterprise(sent), 'added'),
		}),
	];
}
