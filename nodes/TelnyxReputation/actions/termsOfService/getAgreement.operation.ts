import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { unwrapData } from '../../routing/outputs';
import { singleRequest } from '../../routing/declarative';
import { idLocator } from '../../../shared/locators';

export const option: INodePropertyOptions = {
	name: 'Get Agreement',
	value: 'getAgreement',
	description: "Get one of the account's terms of service agreements",
	action: 'Get a terms of service agreement',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /terms_of_service/agreements/{agreementId}'],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	// A workflow saved when this was a plain string keeps working: the value is read the same.
	idLocator({
		displayName: 'Agreement ID',
		name: 'agreementId',
		description: "One of the account's agreements, or the ID Agree outputs",
		searchListMethod: 'searchAgreements',
		listPlaceholder: 'Select an agreement...',
		example: '7d0c5a8e-3b1f-4c2d-9e6a-5f4b3c2d1e0f',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['termsOfService'], operation: ['getAgreement'] } },
	properties,
);
