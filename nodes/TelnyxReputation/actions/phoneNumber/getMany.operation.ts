import type {
	INodePropertyOptions,
	INodeProperties,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { updateDisplayOptions, NodeOperationError } from 'n8n-workflow';

import { pagedList } from '../../helpers/routing/requests';
import { optionalEnterpriseLocator } from '../../../shared/enterprise';
import { numberOptions } from '../../helpers/numbers/options';
import { filters } from '../common/fields';
import { returnAllAndLimit } from '../../helpers/routing/pages';
import { resolveOptionalEnterprisePath } from '../../helpers/routing/paths';
import { ofItem } from '../../../shared/parameters';
import { readPhoneNumber } from '../../helpers/numbers/parameters';

/** Get Many's phone filters: "contains" needs 5 digits; "is" is normalized to E.164 like every number. */
async function phoneNumberFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { contains = '', equals = '' } = this.getNodeParameter('filters', {}) as {
		contains?: string;
		equals?: string;
	};
	const qs = { ...requestOptions.qs };
	if (contains.trim() !== '') {
		if ((contains.match(/\d/g) ?? []).length < 5) {
			throw new NodeOperationError(
				this.getNode(),
				`"Phone Number Contains" needs at least 5 digits; got "${contains}"`,
			);
		}
		qs['filter[phone_number][contains]'] = contains.trim();
	}
	if (equals.trim() !== '')
		qs['filter[phone_number][eq]'] = readPhoneNumber(ofItem(this), 'filters.equals');
	return { ...requestOptions, qs };
}

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
	numberOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getMany'] } },
	properties,
);
