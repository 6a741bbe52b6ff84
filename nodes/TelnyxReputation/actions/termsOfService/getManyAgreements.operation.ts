import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { pagedList } from '../../routing/declarative';
import { filters, returnAllAndLimit } from '../common/fields';
import { productTypeOptions } from '../../../shared/productTypes';

export const option: INodePropertyOptions = {
	name: 'Get Many Agreements',
	value: 'getManyAgreements',
	description:
		"List the account's terms of service agreements (agreeing to a new version adds one)",
	action: 'Get many terms of service agreements',
	routing: pagedList(ENDPOINTS['GET /terms_of_service/agreements']),
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filters([
		{
			displayName: 'Product',
			name: 'productType',
			type: 'options',
			options: productTypeOptions,
			default: 'number_reputation',
			routing: { send: { type: 'query', property: 'product_type' } },
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['termsOfService'], operation: ['getManyAgreements'] } },
	properties,
);
