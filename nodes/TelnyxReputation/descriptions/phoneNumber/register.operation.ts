import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { countryOptions } from '../../helpers/phoneNumbers';
import { enterpriseLocator } from '../common/enterprise';

const properties: INodeProperties[] = [
	{
		displayName:
			'Registering numbers is billable. Numbers must be US numbers in your Telnyx inventory, and reputation must be approved on the enterprise.',
		name: 'billingNotice',
		type: 'notice',
		default: '',
	},
	enterpriseLocator,
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +19493253498, (213) 444-5566',
		description:
			'Numbers to register: one or several separated by commas, semicolons, spaces or new lines, or an expression that returns a list. Numbers from all input items are sent together, 100 per request, each number once.',
		hint: 'Map a column with one number per item, e.g. {{ $json.phone }}',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'options',
				options: countryOptions,
				default: 'US',
				description:
					'Country used to read numbers written without a country code, such as (949) 325-3498',
			},
			{
				displayName: 'Max Concurrent Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 3,
				description: 'How many requests of 100 numbers may be in flight at once',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['register'] } },
	properties,
);
