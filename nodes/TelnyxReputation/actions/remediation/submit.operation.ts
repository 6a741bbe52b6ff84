import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { TelnyxResponse } from '../../../shared/transport/answer';
import { unconfirmed } from '../../pipeline/answers';
import { ENDPOINTS } from '../../../shared/api/endpoints';
import type { ItemFields } from '../../pipeline/readInput';
import { groupNumbers, readInput, stopIfInvalid } from '../../pipeline/readInput';
import { failsInStopMode, report, stopOnFailure } from '../../pipeline/report';
import type { SendOptions, Sent } from '../../pipeline/send';
import { batchesOf, readSendOptions, sendBatch, withRefused } from '../../pipeline/send';
import type { Answered } from '../../pipeline/skip';
import { monitoredOfGroups, skipNumbers } from '../../pipeline/skip';
import type { Monitored } from '../../../shared/api/numbers';
import { entryFailure, successItem } from '../../pipeline/outputItems';
import type { Settlement } from '../../pipeline/settle';
import { CLOCK_SKEW_MS, settled, unknownEntries } from '../../pipeline/settle';
import { runUntil } from '../../../shared/bounded';
import { listPages } from '../../../shared/transport/pages';
import { getRemediation, remediationList } from '../../../shared/api/remediations';
import { checkHttpsUrl } from '../../../shared/parameters/validators';
import { additionalFields, batchedNumberFields } from '../common/fields';
import type {
	Batch,
	BatchOutcome,
	NumberEntry,
	NumberGroup,
	OrderedItem,
} from '../../pipeline/types';
import type { Prices } from '../../../shared/prices';
import { totalUsd } from '../../../shared/prices';
import { pricesOf } from '../../../shared/transport/credentials';
import { isFlagged } from '../../monitoredNumbers/record';
import { formatCount, plural } from '../../../shared/text';
import type { OpenRequests } from './openRequests';
import { oneSubmitAtATime, openRequestsOf, rememberSubmitted } from './openRequests';

/** The API takes a call purpose of up to 2,000 characters. */
const MAX_PURPOSE_LENGTH = 2000;

const SUBMIT = ENDPOINTS['POST /enterprises/{enterpriseId}/reputation/remediation'];

export const option: INodePropertyOptions = {
	name: 'Submit',
	value: 'submit',
	description: 'Ask Telnyx to remediate flagged numbers (billable, USD 1 per number sent)',
	action: 'Submit for remediation (billable, USD 1 each)',
};

const ONLY_FLAGGED =
	'Whether to send only the numbers whose stored reputation shows a flag (a spam category, or a high spam risk), checked first with free reads. The others, including numbers with no check yet, come out marked not flagged and are not billed.';

/**
 * Off for nodes saved before version 1.1 (they sent every number), on for new nodes: n8n's way
 * of changing a default without changing saved workflows.
 */
const onlyFlaggedByVersion: INodeProperties[] = [
	{
		displayName: 'Only Flagged Numbers',
		name: 'onlyFlagged',
		type: 'boolean',
		default: false,
		description: ONLY_FLAGGED,
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Only Flagged Numbers',
		name: 'onlyFlagged',
		type: 'boolean',
		default: true,
		description: ONLY_FLAGGED,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
];

const properties = batchedNumberFields({
	billing:
		'Remediation is billable: USD 1 for every number sent. With Only Flagged Numbers on (the default for new nodes), numbers not flagged are left out first, with free reads.',
	maxPerRequest: SUBMIT.maxNumbers,
	numbersNote:
		'They must be monitored on the enterprise. A number already in an open request (pending or in progress) is left out first (free reads), not billed again.',
	own: [
		...onlyFlaggedByVersion,
		{
			displayName: 'Call Purpose',
			name: 'callPurpose',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 2 },
			placeholder: 'e.g. Appointment reminders for our dental clinic.',
			description: `Why these numbers call people (up to ${formatCount(MAX_PURPOSE_LENGTH)} characters). Items with the same purpose, email and webhook share requests.`,
		},
		additionalFields([
			{
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				placeholder: 'e.g. name@email.com',
				default: '',
				description: 'Who Telnyx contacts about this request',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				placeholder: 'e.g. https://example.com/webhooks/remediation',
				default: '',
				description: 'An https URL that Telnyx calls when the request changes status',
			},
		]),
	],
});

export const description = updateDisplayOptions(
	{ show: { resource: ['remediation'], operation: ['submit'] } },
	properties,
);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The request's other fields for one item. */
function remediationFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const purpose = String(context.getNodeParameter('callPurpose', itemIndex, '')).trim();
	if (purpose.length < 1 || purpose.length > MAX_PURPOSE_LENGTH) {
		throw new NodeOperationError(
			node,
			`Call Purpose must be 1 to ${formatCount(MAX_PURPOSE_LENGTH)} characters`,
			{ itemIndex },
		);
	}
	const { contactEmail, webhookUrl } = context.getNodeParameter(
		'additionalFields',
		itemIndex,
		{},
	) as Record<string, string>;
	const fields: IDataObject = { call_purpose: purpose };
	if (contactEmail) {
		if (!EMAIL.test(contactEmail))
			throw new NodeOperationError(
				node,
				`Contact Email "${contactEmail}" is not an email address`,
				{ itemIndex },
			);
		fields.contact_email = contactEmail;
	}
	if (webhookUrl) fields.webhook_url = checkHttpsUrl(node, webhookUrl, { itemIndex });
	return fields;
}

/** The request's other fields for each item, checked before anything is sent, or the error that rejects the item. */
const remediationFieldsOf = (context: IExecuteFunctions): ItemFields =>
	context.getInputData().map((_, itemIndex) => {
		try {
			return remediationFields(context, itemIndex);
		} catch (error) {
			return error as Error;
		}
	});

/** What one created remediation request billed: its numbers not counted ineligible. */
interface Billing {
	requestId: string;
	usd: number;
	/** Its numbers Telnyx counted ineligible: named, or counted without naming them yet. */
	ineligible: { named: number; unnamed: number };
}

/** A batch's outcome, with what its request billed when one was created (or found created). */
type SubmitOutcome = BatchOutcome & { billing?: Billing };

/** 202: one remediation request for the whole batch, paired with every item that gave a number. */
function remediationRequestOf(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
	prices: Prices,
): SubmitOutcome {
	const data = (response.body as { data?: IDataObject })?.data;
	if (!data || typeof data.id !== 'string') {
		const error = unconfirmed(context, batch, response);
		return {
			succeeded: [],
			failures: batch.entries.map((entry) => entryFailure(entry, 'unknown', error)),
			error,
		};
	}
	const { items, billing } = submittedItems(context, batch, batch.entries, data, prices);
	return { succeeded: items, failures: [], billing };
}

/** From this version, Submit outputs one item per number it billed; before it, one per request. */
const ONE_ITEM_PER_NUMBER = 1.3;

const INELIGIBLE =
	'Refused by Telnyx before submission (a remediation cooldown, for example): not billed; may be submitted again later';

/**
 * The numbers of a request that Telnyx counted ineligible (phone_numbers_ineligible): those its
 * results name, or every number when all were counted; undefined when it only counts them
 * (results are null while a request is pending).
 */
function ineligibleOf(request: IDataObject, numbers: string[]): Set<string> | undefined {
	const counted = Number(request.phone_numbers_ineligible) || 0;
	const named = (request.results as { ineligible?: unknown } | null)?.ineligible;
	if (counted === 0) return new Set();
	if (Array.isArray(named) && named.length === counted) return new Set(named.map(String));
	return counted === numbers.length ? new Set(numbers) : undefined;
}

/** What one number of a created request became, and what it billed. */
function numberOutcome(
	e164: string,
	ineligible: Set<string> | undefined,
	request: IDataObject,
	prices: Prices,
): IDataObject {
	if (ineligible?.has(e164)) return { status: 'ineligible', billed_usd: 0, reason: INELIGIBLE };
	if (ineligible) return { status: 'submitted', billed_usd: prices.remediationUsd };
	return {
		status: 'submitted_or_ineligible',
		billed_usd: null,
		reason: `Telnyx counted ${request.phone_numbers_ineligible} of this request's ${plural(Number(request.phone_numbers_count), 'number')} ineligible (not billed) without naming them yet: Remediation → Get names them in results.ineligible`,
	};
}

/** What a created request billed: Telnyx's count of numbers submitted, else those not ineligible. */
function billingOf(
	request: IDataObject,
	numbers: string[],
	ineligible: Set<string> | undefined,
	prices: Prices,
): Billing {
	const submitted = Number.isInteger(request.phone_numbers_submitted)
		? Number(request.phone_numbers_submitted)
		: numbers.length - (ineligible?.size ?? 0);
	return {
		requestId: String(request.id),
		usd: totalUsd(submitted, prices.remediationUsd),
		ineligible: ineligible
			? { named: ineligible.size, unnamed: 0 }
			: { named: 0, unnamed: Number(request.phone_numbers_ineligible) },
	};
}

/**
 * The items of a created remediation request, each naming its number and what it billed: an
 * item per number (its own row in the Table view), or with nodes saved before 1.3 the request's
 * one item, with its numbers. The request's numbers under review are remembered (openRequests).
 */
function submittedItems(
	context: IExecuteFunctions,
	{ enterpriseId }: Batch,
	entries: NumberEntry[],
	request: IDataObject,
	prices: Prices,
): { items: OrderedItem[]; billing: Billing } {
	const numbers = entries.map((entry) => entry.e164);
	const ineligible = ineligibleOf(request, numbers);
	const billing = billingOf(request, numbers, ineligible, prices);
	rememberSubmitted(
		enterpriseId,
		request,
		numbers.filter((e164) => !ineligible?.has(e164)),
	);
	if (context.getNode().typeVersion < ONE_ITEM_PER_NUMBER) {
		const json = { ...request, phone_numbers: numbers, billed_usd: billing.usd };
		const item = successItem(entries, json);
		return { items: [item], billing };
	}
	const items = entries.map((entry) => {
		const { status, ...outcome } = numberOutcome(entry.e164, ineligible, request, prices);
		return successItem([entry], {
			phone_number: entry.e164,
			status,
			remediation_id: request.id,
			remediation_status: request.status,
			enterprise_id: enterpriseId,
			...outcome,
		});
	});
	return { items, billing };
}

/** The remediation requests created since `sentAt` with the batch's call purpose and count of numbers (free reads). */
async function requestsLike(
	context: IExecuteFunctions,
	batch: Batch,
	count: number,
	sentAt: number,
) {
	const since = new Date(sentAt - CLOCK_SKEW_MS).toISOString();
	const { records } = await listPages(
		context,
		remediationList(batch.enterpriseId),
		{ 'filter[created_at][gte]': since },
		{ limit: 250 },
	);
	return records.filter(
		(request) =>
			request.call_purpose === batch.fields.call_purpose &&
			Number(request.phone_numbers_count) === count,
	);
}

/**
 * After a request whose answer was lost: the remediation request it may have created, looked
 * for among those created since (free reads) by its call purpose and count of numbers. One
 * match is the request; none means nothing was created; several stay unknown, named.
 */
async function submittedAmong(
	context: IExecuteFunctions,
	{ batch, sentAt }: Sent,
	entries: NumberEntry[],
	prices: Prices,
): Promise<{ settlement: Settlement; billing?: Billing }> {
	const matches = await requestsLike(context, batch, entries.length, sentAt);
	if (matches.length > 1)
		throw new Error(
			`${matches.length} remediation requests created since then match it: ${matches.map((request) => request.id).join(', ')}`,
		);
	const numbers = entries.map((entry) => entry.e164);
	if (matches.length === 0) {
		const notProcessed = new Map(numbers.map((e164) => [e164, NOT_SUBMITTED]));
		return { settlement: { succeeded: [], processed: new Set(), notProcessed } };
	}
	const request = await getRemediation(context, batch.enterpriseId, String(matches[0].id));
	const { items, billing } = submittedItems(context, batch, entries, request, prices);
	return {
		settlement: { succeeded: items, processed: new Set(numbers), notProcessed: new Map() },
		billing,
	};
}

const HOW_TO_SETTLE =
	'To settle it, look for the request with Remediation → Get Many (free) before submitting these numbers again: Telnyx refuses a number that has a request in progress.';

const NOT_SUBMITTED =
	'Not submitted: free reads show no remediation request was created for this number, so it can be sent again';

/** Each group's monitored numbers that are not flagged, as the items that say they were not submitted. */
const notFlaggedItems = (monitored: Array<Monitored | undefined>): Answered =>
	monitored.map(
		(records) =>
			new Map(
				[...(records ?? [])]
					.filter(([, record]) => !isFlagged(record))
					.map(([e164, { phone_number, reputation_data }]) => [
						e164,
						{ phone_number, status: 'not_flagged', submitted: false, reputation_data },
					]),
			),
	);

/** One request of numbers to remediate: 202 is one remediation request for all of them. */
async function submitBatch(
	context: IExecuteFunctions,
	batch: Batch,
	options: SendOptions,
	prices: Prices,
): Promise<SubmitOutcome> {
	const sent = await sendBatch(context, SUBMIT, batch, options);
	const read: SubmitOutcome = sent.answer
		? remediationRequestOf(context, sent.batch, sent.answer, prices)
		: sent.outcome;
	const unknown = unknownEntries(read);
	if (unknown.length === 0) return { ...withRefused(sent, read), billing: read.billing };
	const found = await submittedAmong(context, sent, unknown, prices).catch((error: Error) => error);
	if (found instanceof Error)
		return withRefused(sent, settled(context, read, found, HOW_TO_SETTLE));
	const outcome = settled(context, read, found.settlement, HOW_TO_SETTLE);
	return { ...withRefused(sent, outcome), billing: found.billing };
}

/** A number already in an open request, as the item that says it was not sent again. */
function alreadySubmitted(
	phone_number: string,
	enterprise_id: string,
	{ id, status }: IDataObject,
	perNumber: boolean,
): IDataObject {
	return {
		phone_number,
		status: 'already_submitted',
		...(perNumber ? {} : { submitted: false }),
		remediation_id: id,
		remediation_status: status,
		...(perNumber ? { enterprise_id, billed_usd: 0 } : {}),
		reason: ALREADY_SUBMITTED,
	};
}

const ALREADY_SUBMITTED =
	'Already in an open remediation request (pending or in progress): not sent again, not billed; Remediation → Get with its remediation_id follows it';

/**
 * Leaves out of each group the numbers already in an open request of its enterprise (free
 * reads, one enterprise after another), each as its own item.
 */
async function leaveOutOpen(context: IExecuteFunctions, groups: NumberGroup[]) {
	const open = new Map<string, OpenRequests>();
	for (const { enterpriseId, numbers } of groups)
		if (numbers.size > 0 && !open.has(enterpriseId))
			open.set(enterpriseId, await openRequestsOf(context, enterpriseId));
	const perNumber = context.getNode().typeVersion >= ONE_ITEM_PER_NUMBER;
	const answered: Answered = groups.map(({ enterpriseId, numbers }) => {
		const found = new Map<string, IDataObject>();
		for (const e164 of numbers.keys()) {
			const request = open.get(enterpriseId)?.byNumber.get(e164);
			if (request) found.set(e164, alreadySubmitted(e164, enterpriseId, request, perNumber));
		}
		return found;
	});
	const unnamed = [...open.values()].reduce((sum, { unnamed }) => sum + unnamed.length, 0);
	return { ...skipNumbers(groups, answered), unnamed };
}

/** What the run billed in all, each request once: two lost answers may find the same request. */
const billedUsd = (billings: Billing[]) =>
	totalUsd(
		[...new Map(billings.map(({ requestId, usd }) => [requestId, usd])).values()].reduce(
			(sum, usd) => sum + usd,
			0,
		),
		1,
	);

/** Hints beyond the summary: numbers counted ineligible, and open requests that name no numbers. */
function submitHints(billings: Billing[], unnamedRequests: number): string[] {
	const named = billings.reduce((sum, billing) => sum + billing.ineligible.named, 0);
	const unnamed = billings.reduce((sum, billing) => sum + billing.ineligible.unnamed, 0);
	const hints: string[] = [];
	if (named + unnamed)
		hints.push(
			`${plural(named + unnamed, 'number')} counted ineligible by Telnyx (refused before submission, e.g. a remediation cooldown), not billed${unnamed ? `; ${unnamed} of them not named yet (status submitted_or_ineligible)` : ''}`,
		);
	if (unnamedRequests)
		hints.push(
			`${plural(unnamedRequests, 'open remediation request')} not sent from this n8n process ${unnamedRequests === 1 ? 'names' : 'name'} no numbers while pending: Telnyx refuses (409, not billed) a number already in one`,
		);
	return hints;
}

/**
 * One Submit per enterprise at a time in this process, so that the numbers already in an open
 * request (one this run's twin may have just made) are left out before the others are sent.
 */
async function submitNotOpen(context: IExecuteFunctions, groups: NumberGroup[], prices: Prices) {
	const enterprises = groups
		.filter((group) => group.numbers.size > 0)
		.map((group) => group.enterpriseId);
	return await oneSubmitAtATime(context.getNode(), enterprises, async () => {
		const open = await leaveOutOpen(context, groups);
		const options = readSendOptions(context);
		const batches = batchesOf(open.toSend, SUBMIT.maxNumbers);
		const tasks = batches.map(
			(batch) => async () => await submitBatch(context, batch, options, prices),
		);
		const { results, end } = await runUntil(tasks, options.concurrency, failsInStopMode(context));
		return { open, sent: { batches, outcomes: results, end } };
	});
}

/**
 * Submit for remediation (billable per number), batched across all input items: a custom
 * operation. With Only Flagged Numbers, the monitored numbers that are not flagged are not sent
 * (free reads); numbers not monitored are, and the API's answer says why. A read that fails
 * stops the run: sending every number instead would bill the unflagged ones. One Submit per
 * enterprise at a time in this process leaves out the numbers already in an open request.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { items, invalid, samples } = readInput(this, remediationFieldsOf(this));
	stopIfInvalid(this, invalid);
	const groups = groupNumbers(items);
	const onlyFlagged = this.getNodeParameter('onlyFlagged', 0, false) as boolean;
	const monitored = onlyFlagged ? await monitoredOfGroups(this, groups) : [];
	const flagged = skipNumbers(groups, notFlaggedItems(monitored));
	const prices = await pricesOf(this);
	const { open, sent } = await submitNotOpen(this, flagged.toSend, prices);
	stopOnFailure(this, 'submitted', sent);
	const billings = sent.outcomes.flatMap((outcome) => outcome?.billing ?? []);
	const output = report(this, {
		verb: 'submitted',
		billedEach: prices.remediationUsd,
		billedUsd: billedUsd(billings),
		sent,
		failures: invalid,
		samples,
		notSent: [
			{ items: flagged.skipped, as: 'not flagged' },
			{ items: open.skipped, as: 'already submitted' },
		],
	});
	for (const message of submitHints(billings, open.unnamed))
		this.addExecutionHints({ message, location: 'outputPane' });
	return [output];
}
