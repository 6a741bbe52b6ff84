import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';

import { CONTINUE_ADVICE, droppedExtensions, failureItems } from './outputItems';
import { firstFew, plural } from '../../shared/text';
import { sameColumns, tableOrder } from '../../shared/tableView';
import { totalUsd, usd } from '../../shared/prices';
import { withDescription } from '../../shared/transport/apiErrors';
import type { Batch, BatchOutcome, Failure, NumberEntry, OrderedItem, SentBatches } from './types';

/** Numbers of the batches that were sent and did not fail (a Submit succeeds once for many). */
function processedNumbers(outcomes: Array<BatchOutcome | undefined>, batches: Batch[]): string[] {
	return outcomes.flatMap((outcome, index) => {
		if (!outcome) return [];
		const failed = new Set(outcome.failures.map((failure) => failure.phoneNumber));
		return batches[index].entries.map((entry) => entry.e164).filter((e164) => !failed.has(e164));
	});
}

const succeededNumbers = (outcomes: Array<BatchOutcome | undefined>, batches: Batch[]) =>
	processedNumbers(outcomes, batches).length;

const LISTED = 20;

/**
 * Stop mode outputs no item, so the processed (billed) numbers are named: a re-run can leave
 * them out; and those of unknown outcome are counted apart, never as not processed.
 */
function processedSentence(verb: string, numbers: string[], unknown: number): string {
	const done =
		numbers.length === 0
			? `No number was ${verb}${unknown ? ' for certain' : ''}`
			: `${plural(numbers.length, 'number')} ${numbers.length === 1 ? 'was' : 'were'} ${verb} by the requests that succeeded, and billed; leave ${numbers.length === 1 ? 'it' : 'them'} out of a re-run: ${firstFew(numbers, LISTED)}`;
	if (unknown === 0) return `${done}.`;
	return `${done}; ${plural(unknown, 'number')} may have been ${verb} (and billed): outcome unknown, the answer never came.`;
}

/** n8n shows the description as one paragraph: each line must end as a sentence. */
const sentence = (line: string) => (/[.!?:]$/.test(line) ? line : `${line}.`);

const unknownCount = (outcomes: Array<BatchOutcome | undefined>) =>
	outcomes.reduce(
		(sum, outcome) =>
			sum + (outcome?.failures.filter((failure) => failure.status === 'unknown').length ?? 0),
		0,
	);

/** The failures that are not refusals, counted by reason; the error's own reason is not repeated. */
function countedByReason(failed: Failure[], error: NodeApiError): string[] {
	const others = new Map<string, number>();
	for (const failure of failed.filter((f) => f.status !== 'refused')) {
		const sameReason =
			failure.status === 'unknown'
				? 'outcome unknown, for the reason above'
				: 'not processed, for the reason above';
		const message = failure.message === error.message ? sameReason : failure.message;
		others.set(message, (others.get(message) ?? 0) + 1);
	}
	return [...others].map(([message, numbers]) =>
		sentence(`${plural(numbers, 'number')}: ${message}`),
	);
}

/**
 * With Continue On Fail off: the first failure, then an account of every number: how many
 * were processed, each refused number with its own reason, the others counted by reason, and
 * the requests that were not sent. A reason that is the error's own message is not repeated.
 */
function failureWithAccount(
	verb: string,
	error: NodeApiError,
	outcomes: Array<BatchOutcome | undefined>,
	batches: Batch[],
): NodeApiError {
	const failed = outcomes.flatMap((outcome) => outcome?.failures ?? []);
	const notSent = batches.filter((_, index) => outcomes[index] === undefined);
	const refused = failed.filter((failure) => failure.status === 'refused');
	const lines = [
		processedSentence(verb, processedNumbers(outcomes, batches), unknownCount(outcomes)),
		...refused
			.slice(0, 20)
			.map((failure) =>
				failure.message.includes(failure.phoneNumber ?? '')
					? failure.message
					: `${failure.phoneNumber}: ${failure.message}`,
			),
	];
	if (refused.length > 20) lines.push(`…and ${refused.length - 20} more numbers refused.`);
	lines.push(...countedByReason(failed, error));
	if (notSent.length > 0) {
		const numbers = notSent.reduce((sum, batch) => sum + batch.entries.length, 0);
		lines.push(
			`${plural(numbers, 'number')} in ${plural(notSent.length, 'request')} ${numbers === 1 ? 'was' : 'were'} not sent after this failure.`,
		);
	}
	lines.push(`To get every number back as an item, ${CONTINUE_ADVICE}.`);
	return withDescription(error, `${error.description ?? ''}\n\n${lines.map(sentence).join('\n')}`);
}

/**
 * Whether a batch's outcome ends the run: with Continue On Fail off, no batch starts after a
 * failure, so that `stopOnFailure` can say which numbers were processed (and billed).
 */
export function failsInStopMode(context: IExecuteFunctions): (outcome: BatchOutcome) => boolean {
	const stops = !context.continueOnFail();
	return (outcome) => stops && outcome.error !== undefined;
}

/** With Continue On Fail off, a run with a failure stops the node: its first error, with an account of every number. */
export function stopOnFailure(context: IExecuteFunctions, verb: string, sent: SentBatches): void {
	const error = sent.end?.error;
	if (error && !context.continueOnFail())
		throw failureWithAccount(verb, error, sent.outcomes, sent.batches);
}

/**
 * The run with fields added to each success item's JSON: `first` before the answer's (Sync's
 * status, Register's flag), `last` after it (Refresh's price).
 */
export function withSucceeded(
	sent: SentBatches,
	{ first, last }: { first?: IDataObject; last?: IDataObject },
): SentBatches {
	const changed = (outcome: BatchOutcome): BatchOutcome => ({
		...outcome,
		succeeded: outcome.succeeded.map(({ order, item }) => ({
			order,
			item: { ...item, json: { ...first, ...item.json, ...last } },
		})),
	});
	return { ...sent, outcomes: sent.outcomes.map((outcome) => outcome && changed(outcome)) };
}

/**
 * A number written more than once: by several rows, or twice in one item's value. The node's
 * own list is read on every item, which is not giving it again.
 */
function givenMoreThanOnce(entry: NumberEntry): boolean {
	const counted = entry.sources.every((source) => source.ofNoRow)
		? entry.sources.filter((source) => source.item === entry.sources[0].item)
		: entry.sources;
	return counted.length > 1;
}

/**
 * The execution hints under the output: "3 registered, 1 not registered, 1 invalid (not sent),
 * 2 already monitored (not sent), in 1 request; 1 number given more than once, sent once" (with
 * "and billed (USD 0.30)" where each number bills), and how many extensions were dropped.
 */
function summary({
	verb,
	sent: { outcomes, batches },
	failures,
	notSent,
	billedEach,
	billedUsd,
}: RunReport): string[] {
	const outside = (status: string) =>
		failures.filter((failure) => failure.status === status).length;
	const [invalid, overBudget] = [outside('invalid'), outside('over_budget')];
	const succeeded = succeededNumbers(outcomes, batches);
	const unknown = unknownCount(outcomes);
	const failed =
		outcomes.reduce((sum, outcome) => sum + (outcome?.failures.length ?? 0), 0) - unknown;
	const entries = batches.flatMap((batch) => batch.entries);
	const repeated = entries.filter(givenMoreThanOnce).length;
	const billed =
		billedEach === undefined
			? ''
			: ` and billed (${usd(billedUsd ?? totalUsd(succeeded, billedEach))})`;
	const parts = [`${succeeded} ${verb}${billed}`];
	if (failed) parts.push(`${failed} not ${verb}`);
	if (unknown) parts.push(`${unknown} outcome unknown (may have been ${verb})`);
	if (invalid) parts.push(`${invalid} invalid (not sent)`);
	if (overBudget) parts.push(`${overBudget} over budget (not sent)`);
	for (const kind of kindsNotSent(notSent))
		if (kind.items.length) parts.push(`${kind.items.length} ${kind.as} (not sent)`);
	let text = `${parts.join(', ')}${batches.length ? `, in ${plural(batches.length, 'request')}` : ', nothing sent'}`;
	if (repeated)
		text += `; ${plural(repeated, 'number')} given more than once, ${repeated === 1 ? 'sent' : 'each sent'} once`;
	const extensions = entries.reduce((total, entry) => total + droppedExtensions(entry).length, 0);
	return extensions
		? [text, `${plural(extensions, 'extension')} dropped: Telnyx monitors lines, not extensions`]
		: [text];
}

/** Numbers answered without a request (Register: already monitored), and how the summary names them. */
export interface NotSent {
	items: OrderedItem[];
	as: string;
}

const kindsNotSent = (notSent: RunReport['notSent']): NotSent[] => [notSent ?? []].flat();

export interface RunReport {
	/** Past tense for the summary: "registered". */
	verb: string;
	/** What Telnyx bills for each number processed (USD), said in the summary. */
	billedEach?: number;
	/** What the run billed in all, when the answers said so (Submit: numbers Telnyx counted ineligible are not billed). */
	billedUsd?: number;
	sent: SentBatches;
	/** Failures outside the requests: the invalid values (Sync: and the numbers it could not remove). */
	failures: Failure[];
	notSent?: NotSent | NotSent[];
	/** The sample items left out (readInput). */
	samples: OrderedItem[];
	/** Hints instead of the summary (Sync and Dry Run say their own). */
	hints?: string[];
	/** What the numbers added cost a month (monthlyCost.ts), after the summary. */
	costHint?: string;
}

const samplesHint = (samples: OrderedItem[]) =>
	samples.length
		? [
				`${plural(samples.length, 'sample event')} from Fetch Test Event left out: nothing sent for ${samples.length === 1 ? 'it' : 'them'}, nothing billed`,
			]
		: [];

/**
 * The output of a batched run, in input order: the success items, every failure and invalid
 * value as its items (see failureItems), the samples and the numbers not sent; rows of several
 * kinds in one output share their columns (sameColumns). The summary goes above the output.
 */
export function report(context: IExecuteFunctions, run: RunReport): INodeExecutionData[] {
	const { outcomes } = run.sent;
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
	const failures = [...outcomes.flatMap((outcome) => outcome?.failures ?? []), ...run.failures];
	// Each kind of row, with the status a row of it has when it gives none. With the error
	// output on, failures go there as n8n's { error, message }: the others share the regular one.
	const kinds = [
		{ rows: run.samples, status: 'sample' },
		...kindsNotSent(run.notSent).map(({ items, as }) => ({
			rows: items,
			status: as.replace(/ /g, '_'),
		})),
		{ rows: outcomes.flatMap((outcome) => outcome?.succeeded ?? []), status: run.verb },
		{
			rows: failures.flatMap((failure) => failureItems(failure, toErrorOutput)),
			status: 'failed',
			elsewhere: toErrorOutput,
		},
	];
	const results = kinds.flatMap(({ rows, ...kind }) => rows.map((row) => ({ ...row, ...kind })));
	results.sort((a, b) => a.order - b.order);
	const regular = results.filter(({ elsewhere }) => !elsewhere);
	const mixed = new Set(regular.map(({ status }) => status)).size > 1;
	const hints = [
		...(run.hints ?? summary(run)),
		...(run.costHint ? [run.costHint] : []),
		...samplesHint(run.samples),
	];
	for (const message of hints) context.addExecutionHints({ message, location: 'outputPane' });
	if (!mixed) return results.map(({ item }) => ({ ...item, json: tableOrder(item.json) }));
	const rows = sameColumns(regular.map(({ item, status }) => ({ json: item.json, status })));
	const aligned = new Map(regular.map(({ item }, index) => [item, rows[index]]));
	return results.map(({ item }) => ({ ...item, json: aligned.get(item) ?? item.json }));
}
