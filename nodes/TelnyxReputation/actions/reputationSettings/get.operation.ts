import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { enterpriseLocator } from '../../../shared/locators';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description:
		'Get the reputation status, Letter of Authorization (LOA) status and check frequency of an enterprise',
	action: 'Get reputation settings',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /enterprises/{enterpriseId}/reputation'],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [enterpriseLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['get'] } },
	properties,
);
