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
		'Get an enterprise: its legal details, contacts, addresses, and whether Number Reputation is enabled',
	action: 'Get the details of an enterprise',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /enterprises/{enterpriseId}'],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	{ ...enterpriseLocator, description: 'The enterprise to get' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['get'] } },
	properties,
);
