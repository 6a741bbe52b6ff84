import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { itemPerEntry } from '../../routing/outputs';
import { singleRequest } from '../../routing/declarative';
import { productTypeOrAllOptions } from '../../../shared/productTypes';

export const option: INodePropertyOptions = {
	name: 'Get Current Terms',
	value: 'getInfo',
	description: 'Get the current terms per product: version, URL and effective date',
	action: 'Get the current terms of service',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /terms_of_service/info'],
		// The answer is `{ agreements: [...] }`, not wrapped in `data`: one item per product.
		output: [itemPerEntry('agreements')],
	}),
};

const properties: INodeProperties[] = [
	{
		displayName: 'Product',
		name: 'productType',
		type: 'options',
		options: productTypeOrAllOptions,
		default: 'number_reputation',
		routing: {
			send: { type: 'query', property: 'product_type', value: '={{ $value || undefined }}' },
		},
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['termsOfService'], operation: ['getInfo'] } },
	properties,
);
