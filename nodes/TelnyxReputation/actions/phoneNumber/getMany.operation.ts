import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resolveOptionalEnterprisePath } from '../../../shared/paths';
import { pagedList } from '../../helpers/routing/requests';
import { phoneNumberFilters } from '../../helpers/filters';
import { optionalEnterpriseLocator } from '../../../shared/enterprise';
import { numberOptions } from '../../helpers/numbers/options';
import { returnAllAndLimit } from '../../../shared/pagination';
import { filters } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List monitored numbers with their latest reputation data',
	action: 'Get many monitored phone numbers with their reputation',
	routing: pagedList(resolveOptionalEnterprisePath('/reputation/numbers'), phoneNumberFilters),
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	...returnAllAndLimit,
	filters([
		{
			displayName: 'Phone Number Contains',
			name: 'contains',
			type: 'string',
			default: '',
			placeholder: 'e.g. 94932',
			description: 'Part of the number, at least 5 digits',
		},
		{
			displayName: 'Phone Number Is',
			name: 'equals',
			type: 'string',
			default: '',
			placeholder: 'e.g. +19493253498',
			description: 'One exact number, in E.164 or a national format',
		},
	]),
	numberOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getMany'] } },
	properties,
);
