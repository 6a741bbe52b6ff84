import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { refusal, singleRequest } from '../../routing/declarative';
import { endpointPath } from '../../routing/pathParameters';
import { unwrapData } from '../../routing/outputs';
import { optionalEnterpriseLocator } from '../../../shared/locators';
import { phoneNumberField } from '../common/fields';
import { numberOptions } from '../common/options';
import { readPhoneNumber } from '../../../shared/parameters/phoneNumbers';
import { simplifyFields, simplifyOutput } from '../../monitoredNumbers/simplify';
import { ofItem } from '../../../shared/parameters/items';
import { canonical } from '../../../shared/phoneNumbers';
import { pricesOf } from '../../../shared/transport/credentials';

const isLiveLookup = (context: IExecuteSingleFunctions) =>
	context.getNodeParameter('options.fresh', false) === true;

const storedRecordPath = endpointPath(ENDPOINTS['GET /reputation/numbers']);

/**
 * The number's own GET bills a live lookup when the number has no stored data yet (the API's
 * reference), so the stored record is read from the monitored-number list filtered by the
 * number, which is free; only Live Lookup sends the number's GET, with fresh=true.
 */
async function storedOrLive(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (isLiveLookup(this)) return { ...requestOptions, qs: { ...requestOptions.qs, fresh: true } };
	const options = await storedRecordPath.call(this, requestOptions);
	const qs = { 'filter[phone_number][eq]': readPhoneNumber(ofItem(this)), 'page[size]': 1 };
	return { ...options, qs: { ...options.qs, ...qs } };
}

/**
 * The list's one record, or the 404 the number's own GET gives for a number not monitored; a
 * live lookup's record says what it billed.
 */
async function recordOfTheNumber(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (isLiveLookup(this)) {
		const records = await unwrapData.call(this, items);
		const { checkUsd } = await pricesOf(this);
		return records.map((item) => ({
			...item,
			json: { ...item.json, billed_usd: checkUsd },
		}));
	}
	const e164 = readPhoneNumber(ofItem(this));
	const records = (items[0]?.json.data as IDataObject[] | undefined) ?? [];
	const record = records.find((found) => canonical(String(found.phone_number)) === e164);
	if (record) return [{ json: record }];
	// The words and advice of the 404 the number's own GET gives, from the one error mapping.
	const notMonitored = { title: 'Resource not found', detail: 'Phone number is not monitored.' };
	throw refusal(this, { statusCode: 404, body: { errors: [notMonitored] }, headers: {} });
}

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description:
		'Get the stored spam score and reputation data of a monitored number (free; a live lookup is billable)',
	action: "Get a number's reputation (free; USD 0.10 with Live Lookup)",
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /reputation/numbers/{phoneNumber}'],
		prepare: [storedOrLive],
		output: [recordOfTheNumber],
		bills: isLiveLookup,
	}),
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	phoneNumberField,
	numberOptions([
		{
			displayName: 'Live Lookup (Billable)',
			// `fresh`, as the API names it and as workflows saved before 0.3 have it.
			name: 'fresh',
			type: 'boolean',
			default: false,
			description:
				'Whether to run a billable live lookup (USD 0.10) instead of reading the stored scores for free. Without it, a number with no stored scores yet comes back without reputation data until its first check.',
		},
	]),
	// Simplify: the record's eight fields that matter, after the answer is unwrapped.
	...simplifyFields.map((field) => ({
		...field,
		routing: { output: { postReceive: [simplifyOutput] } },
	})),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	properties,
);
