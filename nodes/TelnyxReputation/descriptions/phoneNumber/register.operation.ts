import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { enterpriseLocator } from '../common/enterprise';
import { numberOptions, phoneNumbersField } from '../common/fields';

// Runs as a custom operation (see TelnyxReputation.node.ts): it batches across items.
export const option: INodePropertyOptions = {
	name: 'Register',
	value: 'register',
	description: 'Add numbers to spam-score monitoring on an enterprise (billable)',
	action: 'Register phone numbers for reputation monitoring',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Registering numbers is billable. Numbers must be US numbers in your Telnyx inventory, and reputation must be approved on the enterprise.',
		name: 'billingNotice',
		type: 'notice',
		default: '',
	},
	enterpriseLocator,
	phoneNumbersField(100),
	numberOptions(true),
];

export const description = updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['register'] } }, properties);
