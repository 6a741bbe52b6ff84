import type {
	INodePropertyOptions,
	INodeProperties,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { updateDisplayOptions, NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { remediationStatuses } from '../../../shared/remediationStatuses';

import { pagedList } from '../../routing/declarative';
import { enterpriseLocator } from '../../../shared/locators';
import { filters, returnAllAndLimit } from '../common/fields';

/**
 * Remediation Get Many's filters: the status, and the dates as ISO 8601 date-times. Set here,
 * not by routing, so that the list checks its records against every filter it sent.
 */
async function remediationFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { status, createdAfter, createdBefore } = this.getNodeParameter('filters', {}) as Record<
		string,
		string | undefined
	>;
	const qs = { ...requestOptions.qs };
	if (status) qs['filter[status]'] = status;
	for (const [bound, value] of [
		['gte', createdAfter],
		['lte', createdBefore],
	] as const) {
		if (!value) continue;
		const time = new Date(value);
		if (Number.isNaN(time.getTime())) {
			throw new NodeOperationError(this.getNode(), `"${value}" is not a date and time`);
		}
		qs[`filter[created_at][${bound}]`] = time.toISOString();
	}
	return { ...requestOptions, qs };
}

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description: 'List the remediation requests of an enterprise',
	action: 'Get many remediation requests',
	routing: pagedList(
		ENDPOINTS['GET /enterprises/{enterpriseId}/reputation/remediation'],
		remediationFilters,
	),
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	...returnAllAndLimit,
	filters([
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
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: remediationStatuses,
			default: 'pending',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['remediation'], operation: ['getMany'] } },
	properties,
);
