import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { enabledCost } from './frequencyCost';
import { checksMonthlyUsd, PRICES, usd } from '../../../shared/prices';
import { enterpriseLocator } from '../../../shared/locators';
import {
	additionalFields,
	checkFrequencyOptions,
	loaDocumentIdField,
	notice,
} from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Enable',
	value: 'enable',
	description: 'Turn on reputation monitoring for an enterprise (billable)',
	action: 'Enable monitoring (billable, USD 100 a month)',
	routing: singleRequest({
		endpoint: ENDPOINTS['POST /enterprises/{enterpriseId}/reputation'],
		output: [unwrapData, enabledCost],
		bills: () => true,
	}),
};

const properties: INodeProperties[] = [
	notice(
		'billingNotice',
		`Enabling reputation is billable: ${usd(PRICES.enterpriseMonthlyUsd)} a month per enterprise, and each number it monitors is checked at the Check Frequency for ${usd(PRICES.checkUsd)} a check (about ${usd(checksMonthlyUsd(1, 'business_daily'))} a number a month on Business Days). First agree to the terms (Terms of Service → Agree), then generate the Letter of Authorization (Generate LOA), have it signed and upload it (Upload LOA): its ID goes below.`,
	),
	enterpriseLocator,
	loaDocumentIdField,
	additionalFields([
		{
			displayName: 'Check Frequency',
			name: 'checkFrequency',
			type: 'options',
			options: checkFrequencyOptions,
			default: 'business_daily',
			description:
				'How often Telnyx refreshes the scores of monitored numbers (Telnyx uses Business Days when not set)',
			routing: { send: { type: 'body', property: 'check_frequency' } },
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['enable'] } },
	properties,
);
