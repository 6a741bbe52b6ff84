import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { singleRequest } from '../../helpers/routing/requests';
import { unwrapData } from '../../helpers/routing/responses';
import { optionalEnterpriseLocator } from '../../../shared/enterprise';
import { phoneNumberField } from '../common/fields';
import { numberOptions } from '../../helpers/numbers/options';
import { resolveOptionalEnterprisePath } from '../../helpers/routing/paths';
import { simplifyFields, simplifyOutput } from '../../helpers/pool/simplify';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get the spam score and reputation data of a monitored number',
	action: 'Get the reputation (spam risk and scores) of a monitored phone number',
	routing: singleRequest({
		method: 'GET',
		policy: 'idempotent',
		prepare: [resolveOptionalEnterprisePath('/reputation/numbers/{phoneNumber}')],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	phoneNumberField,
	numberOptions([
		{
			displayName: 'Fresh',
			name: 'fresh',
			type: 'boolean',
			default: false,
			description:
				'Whether to run a live lookup instead of returning the latest stored scores. A live lookup is billable (so is the first read of a number that has no scores yet).',
			routing: { send: { type: 'query', property: 'fresh' } },
		},
	]),
	// Simplify: the record's eight fields that matter, after the answer is unwrapped.
	...simplifyFields.map((field) => ({
		...field,
		routing: { output: { postReceive: [simplifyOutput] } },
	})),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	properties,
);
