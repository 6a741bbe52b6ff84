import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { remediationStatuses } from '../../../shared/remediationStatuses';

import { createdAtFilters } from '../../helpers/filters';
import { resolvePath } from '../../../shared/paths';
import { pagedList } from '../../helpers/routing/requests';
import { enterpriseLocator } from '../../../shared/enterprise';
import { returnAllAndLimit } from '../../../shared/pagination';
import { filters } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List the remediation requests of an enterprise',
	action: 'Get many remediation requests',
	routing: pagedList(
		resolvePath('/enterprises/{enterpriseId}/reputation/remediation'),
		createdAtFilters,
	),
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	...returnAllAndLimit,
	filters([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: remediationStatuses,
			default: 'pending',
			routing: { send: { type: 'query', property: 'filter[status]' } },
		},
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only requests created at or after this time',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Only requests created at or before this time',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['remediation'], operation: ['getMany'] } },
	properties,
);
