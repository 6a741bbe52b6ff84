import type { INodePropertyOptions } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { retrying } from '../../helpers/retry';
import { unwrapData } from '../../helpers/responses';

export const option: INodePropertyOptions = {
	name: 'Get Status',
	value: 'getStatus',
	description: 'Whether the account has agreed to the current Number Reputation terms',
	action: 'Get the number reputation terms status',
	routing: {
		// product_type is always sent: the API's default product is branded calling.
		request: {
			method: 'GET',
			url: '/terms_of_service/status',
			qs: { product_type: 'number_reputation' },
			ignoreHttpStatusErrors: true,
		},
		send: { paginate: true },
		operations: { pagination: retrying('read') },
		output: { postReceive: [handleErrors, unwrapData] },
	},
};
