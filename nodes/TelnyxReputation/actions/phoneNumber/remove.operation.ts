import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { singleRequest } from '../../helpers/routing/requests';
import { resolveOptionalEnterprisePath } from '../../../shared/paths';
import { removedNumber } from '../../helpers/routing/responses';
import { optionalEnterpriseLocator } from '../../../shared/enterprise';
import { phoneNumberField } from '../common/fields';
import { numberOptions } from '../../helpers/numbers/options';

export const option: INodePropertyOptions = {
	name: 'Remove',
	value: 'remove',
	description: 'Stop monitoring a number (it stays in your Telnyx inventory)',
	action: 'Remove a phone number from reputation monitoring',
	routing: singleRequest({
		method: 'DELETE',
		policy: 'atMostOnce',
		prepare: [resolveOptionalEnterprisePath('/reputation/numbers/{phoneNumber}')],
		output: [removedNumber],
	}),
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	phoneNumberField,
	numberOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['remove'] } },
	properties,
);
