import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';

export const option: INodePropertyOptions = {
	name: 'Get Status',
	value: 'getStatus',
	description: 'Check whether the account has agreed to the current Number Reputation terms',
	action: 'Get the number reputation terms status',
	routing: singleRequest({
		method: 'GET',
		policy: 'idempotent',
		// product_type is always sent: the API's default product is branded calling.
		request: { url: '/terms_of_service/status', qs: { product_type: 'number_reputation' } },
		output: [unwrapData],
	}),
};

/** No fields: it always asks about number reputation. */
export const description: INodeProperties[] = [];
