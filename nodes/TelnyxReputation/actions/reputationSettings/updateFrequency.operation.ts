import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { withCostBeforeAndAfter } from './frequencyCost';
import { enterpriseLocator } from '../../../shared/locators';
import { checkFrequencyOptions } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Update Frequency',
	value: 'updateFrequency',
	description:
		'Change how often scores are refreshed (only once reputation is approved); says the monthly cost before and after',
	action: 'Update the reputation check frequency',
	routing: singleRequest({
		endpoint: ENDPOINTS['PATCH /enterprises/{enterpriseId}/reputation/frequency'],
		output: [unwrapData],
		around: withCostBeforeAndAfter,
	}),
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	{
		displayName: 'Check Frequency',
		name: 'checkFrequency',
		type: 'options',
		options: checkFrequencyOptions,
		required: true,
		default: 'business_daily',
		description: 'How often Telnyx refreshes the scores of monitored numbers',
		routing: { send: { type: 'body', property: 'check_frequency' } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['updateFrequency'] } },
	properties,
);
