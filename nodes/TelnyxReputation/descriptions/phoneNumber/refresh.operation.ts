import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { enterpriseLocator } from '../common/enterprise';
import { numberOptions, phoneNumbersField } from '../common/fields';

// Runs as a custom operation (see TelnyxReputation.node.ts): it batches across items.
export const option: INodePropertyOptions = {
	name: 'Refresh',
	value: 'refresh',
	description: 'Run a live reputation lookup now for monitored numbers (billable)',
	action: 'Refresh the reputation of phone numbers',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Each refreshed number is a billable live lookup, and Telnyx rate-limits refreshes per enterprise. Scores are also refreshed on the enterprise\'s check frequency at no extra step.',
		name: 'billingNotice',
		type: 'notice',
		default: '',
	},
	enterpriseLocator,
	phoneNumbersField(100),
	numberOptions(true),
];

export const description = updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['refresh'] } }, properties);
