import type { INodeProperties } from 'n8n-workflow';

/** One number, in E.164 or a national format. */
export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +19493253498',
	description:
		'The monitored number, in E.164 (+19493253498) or a national format such as (949) 325-3498',
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

export const checkFrequencyOptions = [
	{ name: 'Business Days', value: 'business_daily', description: 'Every business day' },
	{ name: 'Daily', value: 'daily' },
	{ name: 'Weekly', value: 'weekly' },
	{ name: 'Every Two Weeks', value: 'biweekly' },
	{ name: 'Monthly', value: 'monthly' },
	{ name: 'Never', value: 'never', description: 'Only when refreshed by hand' },
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

/** A notice above an operation's fields (what it bills, what it changes). */
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

/** The filters of a list. */
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
