import type { INodeProperties } from 'n8n-workflow';

import { enterpriseLocator } from '../../../shared/locators';
import { batchedNumberOptions } from './options';
import { checksMonthlyUsd, usd } from '../../../shared/prices';

/** One number, in international (E.164) or a national format. */
export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +19493253498',
	description:
		'The monitored number, in international format (+19493253498) or a national format such as (949) 325-3498',
};

/**
 * Where the numbers of every input item come from, sent together in as few requests as the
 * API allows: an expression or text (any format, lists, several per item), or, faster for one
 * number per item, an input field read straight from each item (pipeline/readInput.ts).
 * Kept beside a calmer panel on purpose: reading a field directly is the fast path for
 * thousands of items, and the default (Expression or Text) is what n8n's nodes offer.
 */
const numbersFromField: INodeProperties = {
	displayName: 'Phone Numbers From',
	name: 'numbersFrom',
	type: 'options',
	options: [
		{
			name: 'Expression or Text',
			value: 'parameter',
			description: 'Numbers typed in, or an expression that maps a column or returns a list',
		},
		{
			name: 'Input Field',
			value: 'field',
			description: 'A field of each input item, read directly (the fastest for thousands of items)',
		},
	],
	default: 'parameter',
};

export function phoneNumbersFields(perRequest: number, note = ''): INodeProperties[] {
	const sent = `Numbers from all input items are sent together, ${perRequest} per request, each number once${note ? `. ${note.replace(/\.$/, '')}` : ''}`;
	return [
		numbersFromField,
		{
			displayName: 'Phone Numbers',
			name: 'phoneNumbers',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder: 'e.g. +19493253498, (213) 444-5566',
			description: `One or several numbers separated by commas, semicolons, spaces or new lines, or an expression that returns a list. ${sent}.`,
			hint: 'Map a column with one number per item, e.g. {{ $json.phone }}',
			displayOptions: { show: { numbersFrom: ['parameter'] } },
		},
		{
			displayName: 'Field Name',
			name: 'numbersField',
			type: 'string',
			required: true,
			default: 'phone',
			placeholder: 'e.g. phone or contact.mobile',
			description: `The field of each input item that holds its number (or a list, or text with several); dots reach into objects. ${sent}.`,
			displayOptions: { show: { numbersFrom: ['field'] } },
		},
	];
}

/** What a frequency costs a number a month, from the price table: "about USD 2.18 a number a month". */
const perNumber = (frequency: string) =>
	`about ${usd(checksMonthlyUsd(1, frequency))} a number a month`;

/** Each check frequency, with what its checks cost, so the choice says its price. */
export const checkFrequencyOptions = [
	{ name: 'Business Days', value: 'business_daily', when: 'Every business day' },
	{ name: 'Daily', value: 'daily', when: 'Every day' },
	{ name: 'Every Two Weeks', value: 'biweekly', when: 'Every two weeks' },
	{ name: 'Monthly', value: 'monthly', when: 'Once a month' },
	{ name: 'Never', value: 'never', when: 'Only when refreshed by hand' },
	{ name: 'Weekly', value: 'weekly', when: 'Once a week' },
].map(({ when, ...option }) => ({
	...option,
	description: `${when}: ${option.value === 'never' ? 'no scheduled check bills' : perNumber(option.value)}`,
}));

// A string, not a resource locator: the Documents API lists every document of the account, and
// this ID is mapped from Upload LOA's output.
export const loaDocumentIdField: INodeProperties = {
	displayName: 'LOA Document ID',
	name: 'loaDocumentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
	description:
		'ID of the signed Letter of Authorization: the ID that Reputation Setting → Upload LOA outputs (the Telnyx Documents API). After Upload LOA, map the ID it outputs.',
	routing: { send: { type: 'body', property: 'loa_document_id' } },
};

/**
 * A notice above an operation's fields: only where it bills, removes numbers or replaces a
 * setting, at most two sentences (test/rules/descriptions.test.ts).
 */
export function notice(name: string, text: string): INodeProperties {
	return { displayName: text, name, type: 'notice', default: '' };
}

/** The optional fields of an operation: nothing the user did not set is sent. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

export function filters(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/**
 * The fields of an operation that sends the numbers of all items together (Register, Refresh,
 * Sync, Remediation Submit): what it bills, the enterprise, the numbers, its own fields, and
 * the Options with its own options among them.
 */
export function batchedNumberFields(fields: {
	billing: string;
	maxPerRequest: number;
	/** What the numbers must be, after how they are sent. */
	numbersNote?: string;
	own?: INodeProperties[];
	options?: INodeProperties[];
}): INodeProperties[] {
	return [
		notice('billingNotice', fields.billing),
		enterpriseLocator,
		...phoneNumbersFields(fields.maxPerRequest, fields.numbersNote),
		...(fields.own ?? []),
		batchedNumberOptions(fields.options),
	];
}

/** The fields of every paged list, read by the declarative adapter's paged lists. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
