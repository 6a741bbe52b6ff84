import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';

export const option: INodePropertyOptions = {
	name: 'Agree',
	value: 'agree',
	description: 'Accept the current Number Reputation terms of service (needed before Enable)',
	action: 'Agree to the number reputation terms',
	routing: singleRequest({
		endpoint: ENDPOINTS['POST /terms_of_service/number_reputation/agree'],
		output: [unwrapData],
	}),
};

/** No fields: the operation's description says what it records. */
export const description: INodeProperties[] = [];
