import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { pagedList } from '../../routing/declarative';
import { filters, returnAllAndLimit } from '../common/fields';
import { ROLE_TYPES } from './fields';

/**
 * The list's published filters, set here, not by routing, so that the list checks its records
 * against every filter it sent (as Remediation Get Many does).
 */
async function enterpriseFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { legalNameContains, roleType } = this.getNodeParameter('filters', {}) as Record<
		string,
		string | undefined
	>;
	const qs = { ...requestOptions.qs };
	if (legalNameContains?.trim()) qs['filter[legal_name][contains]'] = legalNameContains.trim();
	if (roleType) qs['filter[role_type]'] = roleType;
	return { ...requestOptions, qs };
}

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List the enterprises of the account',
	action: 'Get many enterprises',
	routing: pagedList(ENDPOINTS['GET /enterprises'], enterpriseFilters),
};

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filters([
		{
			displayName: 'Legal Name Contains',
			name: 'legalNameContains',
			type: 'string',
			default: '',
			placeholder: 'e.g. Acme',
			description: 'Only enterprises whose legal name contains this text (any case)',
		},
		{
			displayName: 'Role Type',
			name: 'roleType',
			type: 'options',
			options: ROLE_TYPES,
			default: 'enterprise',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['getMany'] } },
	properties,
);
