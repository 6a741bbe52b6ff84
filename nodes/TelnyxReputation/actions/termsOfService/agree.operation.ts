import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { singleRequest } from '../../helpers/routing/requests';
import { unwrapData } from '../../helpers/routing/responses';
import { notice } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Agree',
	value: 'agree',
	description: 'Accept the current Number Reputation terms of service (needed before Enable)',
	action: 'Agree to the number reputation terms',
	routing: singleRequest({
		method: 'POST',
		policy: 'idempotent',
		request: { url: '/terms_of_service/number_reputation/agree' },
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	notice(
		'agreeNotice',
		'This records that your account accepts the Telnyx Number Reputation terms of service.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['termsOfService'], operation: ['agree'] } },
	properties,
);
