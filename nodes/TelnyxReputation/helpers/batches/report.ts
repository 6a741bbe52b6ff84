import type { NodeApiError } from 'n8n-workflow';

import { CONTINUE_ADVICE, droppedExtensions } from './outcomes';
import type { Batch, BatchOutcome } from './types';

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Numbers of the batches that were sent and did not fail (a Submit succeeds once for many). */
const succeededNumbers = (outcomes: Array<BatchOutcome | undefined>, batches: Batch[]) =>
	outcomes.reduce(
		(sum, outcome, index) =>
			sum + (outcome ? batches[index].entries.length - outcome.failures.length : 0),
		0,
	);

function processed(verb: string, count: number, unknown: number): string {
	const done =
		count === 0
			? `No number was ${verb} for certain`
			: `${plural(count, 'number')} ${count === 1 ? 'was' : 'were'} ${verb} by the requests that succeeded`;
	if (unknown === 0) return count === 0 ? `No number was ${verb}.` : `${done}.`;
	return `${done}; ${plural(unknown, 'number')} may have been ${verb} (and billed): outcome unknown, the answer never came.`;
}

/** A line of the account as a sentence of its own. */
const sentence = (line: string) => (/[.!?]$/.test(line) ? line : `${line}.`);

/** Numbers of unknown outcome among the failures. */
const unknownCount = (outcomes: Array<BatchOutcome | undefined>) =>
	outcomes.reduce(
		(sum, outcome) =>
			sum + (outcome?.failures.filter((failure) => failure.status === 'unknown').length ?? 0),
		0,
	);

/**
 * With Continue On Fail off: the first failure, then an account of every number: how many
 * were processed, each refused number with its own reason, the others counted by reason, and
 * the requests that were not sent. A reason that is the error's own message is not repeated.
 */
export function failureWithAccount(
	verb: string,
	error: NodeApiError,
	outcomes: Array<BatchOutcome | undefined>,
	batches: Batch[],
): NodeApiError {
	const failed = outcomes.flatMap((outcome) => outcome?.failures ?? []);
	const notSent = batches.filter((_, index) => outcomes[index] === undefined);
	const refused = failed.filter((failure) => failure.status === 'refused');
	const lines = [
		processed(verb, succeededNumbers(outcomes, batches), unknownCount(outcomes)),
		...refused
			.slice(0, 20)
			.map((failure) =>
				failure.message.includes(failure.phoneNumber ?? '')
					? failure.message
					: `${failure.phoneNumber}: ${failure.message}`,
			),
	];
	if (refused.length > 20) lines.push(`…and ${refused.length - 20} more numbers refused.`);
	const others = new Map<string, number>();
	for (const failure of failed.filter((f) => f.status !== 'refused')) {
		const sameReason =
			failure.status === 'unknown'
				? 'outcome unknown, for the reason above'
				: 'not processed, for the reason above';
		const message = failure.message === error.message ? sameReason : failure.message;
		others.set(message, (others.get(message) ?? 0) + 1);
	}
	for (const [message, numbers] of others)
		lines.push(sentence(`${plural(numbers, 'number')}: ${message}`));
	if (notSent.length > 0) {
		const numbers = notSent.reduce((sum, batch) => sum + batch.entries.length, 0);
		lines.push(
			`${plural(numbers, 'number')} in ${plural(notSent.length, 'request')} ${numbers === 1 ? 'was' : 'were'} not sent after this failure.`,
		);
	}
	lines.push(`To get every number back as an item, ${CONTINUE_ADVICE}.`);
	error.description = `${error.description ?? ''}\n\n${lines.join('\n')}`;
	return error;
}

/**
 * The execution hints under the output: "3 registered, 1 not registered, 1 invalid (not sent),
 * 2 already monitored (not sent), in 1 request; 1 duplicate sent once", and how many
 * extensions were dropped.
 */
export function summary(
	verb: string,
	outcomes: Array<BatchOutcome | undefined>,
	invalid: number,
	batches: Batch[],
	answeredWithoutSending = 0,
): string[] {
	const succeeded = succeededNumbers(outcomes, batches);
	const unknown = unknownCount(outcomes);
	const failed =
		outcomes.reduce((sum, outcome) => sum + (outcome?.failures.length ?? 0), 0) - unknown;
	const entries = batches.flatMap((batch) => batch.entries);
	const duplicates = entries.reduce((total, entry) => total + entry.sources.length - 1, 0);
	const parts = [`${succeeded} ${verb}`];
	if (failed) parts.push(`${failed} not ${verb}`);
	if (unknown) parts.push(`${unknown} outcome unknown (may have been ${verb})`);
	if (invalid) parts.push(`${invalid} invalid (not sent)`);
	if (answeredWithoutSending) parts.push(`${answeredWithoutSending} already monitored (not sent)`);
	let text = `${parts.join(', ')}${batches.length ? `, in ${plural(batches.length, 'request')}` : ', nothing sent'}`;
	if (duplicates) text += `; ${plural(duplicates, 'duplicate')} sent once`;
	const extensions = entries.reduce((total, entry) => total + droppedExtensions(entry).length, 0);
	return extensions
		? [text, `${plural(extensions, 'extension')} dropped: Telnyx monitors lines, not extensions`]
		: [text];
}
