import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';

export const option: INodePropertyOptions = {
	name: 'Get Status',
	value: 'getStatus',
	description: 'Check whether the account has agreed to the current Number Reputation terms',
	action: 'Get the number reputation terms status',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /terms_of_service/status'],
		// product_type is always sent: the API's default product is branded calling.
		request: { qs: { product_type: 'number_reputation' } },
		output: [unwrapData],
	}),
};

/** No fields: it always asks about number reputation. */
export const description: INodeProperties[] = [];
