import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { enterpriseLocator, idLocator } from '../../../shared/locators';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get a remediation request with its status and, once done, its results per number',
	action: 'Get a remediation request',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /enterprises/{enterpriseId}/reputation/remediation/{remediationId}'],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	// A workflow saved when this was a plain string keeps working: the value is read the same.
	idLocator({
		displayName: 'Remediation ID',
		name: 'remediationId',
		description: "The remediation request: one of the enterprise's, or the ID Submit outputs",
		searchListMethod: 'searchRemediations',
		listPlaceholder: 'Select a remediation request...',
		example: 'b7c1f1c0-7a9d-4f0a-9d3e-2f6a1c4b8e21',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['remediation'], operation: ['get'] } },
	properties,
);
