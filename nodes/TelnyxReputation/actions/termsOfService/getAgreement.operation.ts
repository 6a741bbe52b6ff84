import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { unwrapData } from '../../helpers/routing/responses';
import { singleRequest } from '../../helpers/routing/requests';
import { resolvePath } from '../../helpers/routing/paths';

export const option: INodePropertyOptions = {
	name: 'Get Agreement',
	value: 'getAgreement',
	description: 'One agreement of the account, by its ID',
	action: 'Get a terms of service agreement',
	routing: singleRequest({
		method: 'GET',
		policy: 'idempotent',
		prepare: [resolvePath('/terms_of_service/agreements/{agreementId}')],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	{
		displayName: 'Agreement ID',
		name: 'agreementId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7d0c5a8e-3b1f-4c2d-9e6a-5f4b3c2d1e0f',
		description: 'The ID Agree or Get Many Agreements returned',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['termsOfService'], operation: ['getAgreement'] } },
	properties,
);
