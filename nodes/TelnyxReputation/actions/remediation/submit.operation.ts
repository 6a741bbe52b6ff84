import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { TelnyxResponse } from '../../../shared/transport/apiErrors';
import { entryFailure, unconfirmed } from '../../pipeline/answers';
import { ENDPOINTS } from '../../../shared/api/endpoints';
import { groupNumbers, readInput, stopIfInvalid } from '../../pipeline/readInput';
import { report } from '../../pipeline/report';
import type { BatchEndpoint } from '../../pipeline/send';
import { sendBatches, stopOnFailure, withSucceeded } from '../../pipeline/send';
import { monitoredOfGroups, skipNumbers } from '../../pipeline/skip';
import { successItem } from '../../pipeline/outputItems';
import { CLOCK_SKEW_MS, settleUnknown } from '../../pipeline/settle';
import { listPages } from '../../../shared/transport/pages';
import { getRemediation, remediationList } from '../../../shared/api/remediations';
import { checkHttpsUrl } from '../../../shared/validators';
import { additionalFields, batchedNumberFields } from '../common/fields';
import type { Batch, BatchOutcome, NumberEntry, OrderedItem } from '../../pipeline/types';
import type { Prices } from '../../../shared/prices';
import { totalUsd } from '../../../shared/prices';
import { pricesOf } from '../../../shared/transport/credentials';
import { isFlagged } from '../../pool/record';

/** The API takes a call purpose of up to 2,000 characters. */
const MAX_PURPOSE_LENGTH = 2000;

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
	maxPerRequest: ENDPOINTS.submitRemediation.maxNumbers,
	numbersNote:
		'They must be monitored on the enterprise; a number with a request in progress is refused.',
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
			description: `Why these numbers call people (up to ${MAX_PURPOSE_LENGTH.toLocaleString('en-US')} characters). Items with the same purpose, email and webhook share requests.`,
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

/** The request's other fields for one item, checked before anything is sent. */
function remediationFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const purpose = String(context.getNodeParameter('callPurpose', itemIndex, '')).trim();
	if (purpose.length < 1 || purpose.length > MAX_PURPOSE_LENGTH) {
		throw new NodeOperationError(
			node,
			`Call Purpose must be 1 to ${MAX_PURPOSE_LENGTH.toLocaleString('en-US')} characters`,
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

/** 202: one remediation request for the whole batch, paired with every item that gave a number. */
function accepted(
	context: IExecuteFunctions,
	batch: Batch,
	response: TelnyxResponse,
): BatchOutcome {
	const data = (response.body as { data?: IDataObject })?.data;
	if (!data || typeof data.id !== 'string') {
		const error = unconfirmed(context, batch, response);
		return {
			succeeded: [],
			failures: batch.entries.map((entry) => entryFailure(entry, 'unknown', error)),
			error,
		};
	}
	return { succeeded: submittedItems(context, batch, batch.entries, data), failures: [] };
}

/** From this version, Submit outputs one item per number it billed; before it, one per request. */
const ONE_ITEM_PER_NUMBER = 1.3;

/**
 * The items of a created remediation request. Each number is billed, so each names its number
 * (and, see withBilled, its amount): an item per number (its own row in the Table view), or
 * with nodes saved before 1.3 the request's one item, with its numbers.
 */
function submittedItems(
	context: IExecuteFunctions,
	{ enterpriseId }: Batch,
	entries: NumberEntry[],
	request: IDataObject,
): OrderedItem[] {
	if (context.getNode().typeVersion < ONE_ITEM_PER_NUMBER) {
		const numbers = entries.map((entry) => entry.e164);
		return [successItem(entries, { ...request, phone_numbers: numbers })];
	}
	return entries.map((entry) =>
		successItem([entry], {
			phone_number: entry.e164,
			status: 'submitted',
			remediation_id: request.id,
			remediation_status: request.status,
			enterprise_id: enterpriseId,
		}),
	);
}

/** A submitted item with what it billed, at the account's price: its number's, or its request's numbers'. */
function withBilled(json: IDataObject, prices: Prices): IDataObject {
	const numbers = Array.isArray(json.phone_numbers) ? json.phone_numbers.length : 1;
	return { ...json, billed_usd: totalUsd(numbers, prices.remediationUsd) };
}

/** The remediation requests created since `sentAt` with the batch's call purpose and count of numbers (free reads). */
async function requestsLike(
	context: IExecuteFunctions,
	batch: Batch,
	count: number,
	sentAt = Date.now(),
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
async function findSubmitted(
	context: IExecuteFunctions,
	batch: Batch,
	outcome: BatchOutcome,
): Promise<BatchOutcome> {
	return await settleUnknown(
		context,
		outcome,
		async (entries) => {
			const matches = await requestsLike(context, batch, entries.length, outcome.sentAt);
			if (matches.length > 1)
				throw new Error(
					`${matches.length} remediation requests created since then match it: ${matches.map((request) => request.id).join(', ')}`,
				);
			const numbers = entries.map((entry) => entry.e164);
			if (matches.length === 0)
				return {
					succeeded: [],
					processed: new Set(),
					notProcessed: new Map(numbers.map((e164) => [e164, NOT_SUBMITTED])),
				};
			const request = await getRemediation(context, batch.enterpriseId, String(matches[0].id));
			return {
				succeeded: submittedItems(context, batch, entries, request),
				processed: new Set(numbers),
				notProcessed: new Map(),
			};
		},
		'To settle it, look for the request with Remediation → Get Many (free) before submitting these numbers again: Telnyx refuses a number that has a request in progress.',
	);
}

const NOT_SUBMITTED =
	'Not submitted: free reads show no remediation request was created for this number, so it can be sent again';

/** A monitored number that is not flagged, as the item that says it was not submitted. */
function notFlagged(record: IDataObject): IDataObject | undefined {
	if (isFlagged(record)) return undefined;
	const { phone_number, reputation_data } = record;
	return { phone_number, status: 'not_flagged', submitted: false, reputation_data };
}

const submitBatches: BatchEndpoint = {
	endpoint: ENDPOINTS.submitRemediation,
	readAnswer: accepted,
	settle: findSubmitted,
};

/**
 * Submit for remediation (billable per number), batched across all input items: a custom
 * operation. With Only Flagged Numbers, the monitored numbers that are not flagged are not sent
 * (free reads); numbers not monitored are, and the API's answer says why. A read that fails
 * stops the run: sending every number instead would bill the unflagged ones.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { items, invalid, samples } = readInput(this, remediationFields);
	stopIfInvalid(this, invalid);
	const groups = groupNumbers(items);
	const onlyFlagged = this.getNodeParameter('onlyFlagged', 0, false) as boolean;
	const monitored = onlyFlagged ? await monitoredOfGroups(this, groups) : [];
	const { toSend, skipped } = skipNumbers(groups, monitored, notFlagged);
	const sent = await sendBatches(this, submitBatches, toSend);
	const prices = await pricesOf(this);
	stopOnFailure(this, 'submitted', sent);
	return [
		report(this, {
			verb: 'submitted',
			billedEach: prices.remediationUsd,
			sent: withSucceeded(sent, (json) => withBilled(json, prices)),
			failures: invalid,
			samples,
			notSent: { items: skipped, as: 'not flagged' },
		}),
	];
}
