import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { enterpriseLocator } from '../common/enterprise';
import {
	concurrencyOption,
	defaultCountryOption,
	phoneNumbersField,
	retryWithoutRefusedOption,
	timeoutOption,
} from '../common/fields';

// Runs as a custom operation (see TelnyxReputation.node.ts): it batches across items.
export const option: INodePropertyOptions = {
	name: 'Submit',
	value: 'submit',
	description: 'Ask Telnyx to remediate flagged numbers (billable, USD 1 per number)',
	action: 'Submit numbers for remediation',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Remediation is billable per number. Numbers must be monitored on the enterprise; a number with a request in progress is refused.',
		name: 'billingNotice',
		type: 'notice',
		default: '',
	},
	enterpriseLocator,
	phoneNumbersField(2000),
	{
		displayName: 'Call Purpose',
		name: 'callPurpose',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Appointment reminders for our dental clinic.',
		description:
			'Why these numbers call people (up to 2,000 characters). Items with the same purpose, email and webhook share requests.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
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
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [defaultCountryOption, concurrencyOption, retryWithoutRefusedOption, timeoutOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['remediation'], operation: ['submit'] } }, properties);
