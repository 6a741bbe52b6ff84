import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { numberOptions } from '../../helpers/numbers/options';
import { unwrapData } from '../../helpers/routing/responses';
import { singleRequest } from '../../helpers/routing/requests';
import { enterpriseLocator } from '../../../shared/enterprise';
import { notice, phoneNumberField } from '../common/fields';
import { resolvePath } from '../../helpers/routing/paths';

export const option: INodePropertyOptions = {
	name: 'Confirm Ownership',
	value: 'confirmNumber',
	description:
		'Answer Telnyx about a number hosted elsewhere: keep it, or give it up (which removes it)',
	action: 'Confirm ownership of a phone number',
	routing: singleRequest({
		method: 'POST',
		policy: 'atMostOnce',
		prepare: [
			resolvePath('/enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}/ownership_confirm'),
		],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	notice(
		'confirmNotice',
		'For numbers hosted with another provider that Telnyx flagged (Number Flagged event, before confirm_by). Answering that you no longer own a number removes it from monitoring at once.',
	),
	enterpriseLocator,
	phoneNumberField,
	{
		displayName: 'Answer',
		name: 'stillOwn',
		type: 'options',
		options: [
			{
				name: 'I Still Own It (Keep Monitoring)',
				value: 'keep',
				description: 'Sets the number back to verified',
			},
			{
				name: 'I No Longer Own It (Remove the Number Now)',
				value: 'giveUp',
				description: 'Removes the number from monitoring at once; registering it again is billable',
			},
		],
		default: 'keep',
		routing: { send: { type: 'body', property: 'still_own', value: '={{ $value === "keep" }}' } },
	},
	numberOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ownership'], operation: ['confirmNumber'] } },
	properties,
);
