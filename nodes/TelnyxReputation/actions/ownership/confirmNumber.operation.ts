import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { numberOptions } from '../common/options';
import { unwrapData } from '../../routing/outputs';
import { singleRequest } from '../../routing/declarative';
import { enterpriseLocator } from '../../../shared/locators';
import { phoneNumberField } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Confirm Ownership',
	value: 'confirmNumber',
	description:
		'Answer Telnyx about a flagged number hosted with another provider: keep it, or give it up (which removes it)',
	action: 'Confirm ownership of a phone number',
	routing: singleRequest({
		endpoint:
			ENDPOINTS[
				'POST /enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}/ownership_confirm'
			],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	phoneNumberField,
	{
		displayName: 'Answer',
		name: 'stillOwn',
		type: 'options',
		options: [
			{
				name: 'Keep Monitoring (Still Owned)',
				value: 'keep',
				description: 'Sets the number back to verified',
			},
			{
				name: 'Remove From Monitoring (No Longer Owned)',
				value: 'giveUp',
				description: 'Removes the number from monitoring at once; registering it again is billable',
			},
		],
		default: 'keep',
		description:
			'Whether the account still owns the number. Answer before the deadline the Number Flagged event gives.',
		routing: { send: { type: 'body', property: 'still_own', value: '={{ $value === "keep" }}' } },
	},
	numberOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ownership'], operation: ['confirmNumber'] } },
	properties,
);
