import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { retrying } from '../../helpers/retry';
import { unwrapData } from '../../helpers/responses';

export const option: INodePropertyOptions = {
	name: 'Agree',
	value: 'agree',
	description: 'Accept the current Number Reputation terms of service (needed before Enable)',
	action: 'Agree to the number reputation terms',
	routing: {
		request: { method: 'POST', url: '/terms_of_service/number_reputation/agree', ignoreHttpStatusErrors: true },
		send: { paginate: true },
		operations: { pagination: retrying('read') },
		output: { postReceive: [handleErrors, unwrapData] },
	},
};

const properties: INodeProperties[] = [
	{
		displayName: 'This records that your account accepts the Telnyx Number Reputation terms of service.',
		name: 'agreeNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['termsOfService'], operation: ['agree'] } }, properties);
