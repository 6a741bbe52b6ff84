import type { INodeProperties } from 'n8n-workflow';

import { countryOptions } from '../../helpers/phoneNumbers';

export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	options: countryOptions,
	default: 'US',
	description: 'Country used to read numbers written without a country code, such as (949) 325-3498',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 3,
	description: 'How many requests may be in flight at once',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 60,
	description:
		'How long to wait for each answer. A request that times out is not sent again: it may have been processed.',
};

export const retryWithoutRefusedOption: INodeProperties = {
	displayName: 'Retry Without Refused Numbers',
	name: 'retryWithoutRefused',
	type: 'boolean',
	default: false,
	description:
		'Whether to send a request again without the numbers the API refused. The API refuses a whole request for one bad number; a refused request is not processed, so this bills nothing twice.',
};

/** One number, in E.164 or a national format. */
export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +19493253498',
	description: 'The monitored number, in E.164 (+19493253498) or a national format such as (949) 325-3498',
};

/** Numbers of every input item, sent together in as few requests as the API allows. */
export function phoneNumbersField(perRequest: number): INodeProperties {
	return {
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. +19493253498, (213) 444-5566',
		description: `One or several numbers separated by commas, semicolons, spaces or new lines, or an expression that returns a list. Numbers from all input items are sent together, ${perRequest} per request, each number once.`,
		hint: 'Map a column with one number per item, e.g. {{ $json.phone }}',
	};
}

/** Options of the operations that take phone numbers. */
export function numberOptions(batched: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: batched
			? [defaultCountryOption, concurrencyOption, retryWithoutRefusedOption, timeoutOption]
			: [defaultCountryOption],
	};
}

export const checkFrequencyOptions = [
	{ name: 'Business Days', value: 'business_daily', description: 'Every business day' },
	{ name: 'Daily', value: 'daily' },
	{ name: 'Weekly', value: 'weekly' },
	{ name: 'Every Two Weeks', value: 'biweekly' },
	{ name: 'Monthly', value: 'monthly' },
	{ name: 'Never', value: 'never', description: 'Only when refreshed by hand' },
];

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

export const loaDocumentIdField: INodeProperties = {
	displayName: 'LOA Document ID',
	name: 'loaDocumentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
	description: 'ID of the signed Letter of Authorization, as returned by the Telnyx Documents API',
	routing: { send: { type: 'body', property: 'loa_document_id' } },
};
