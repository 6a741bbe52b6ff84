import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { enterpriseLocator } from '../../../shared/locators';
import { loaDocumentIdField } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Replace LOA',
	value: 'replaceLoa',
	description:
		'Point the settings at a new signed Letter of Authorization (LOA), before the one set is approved',
	action: 'Replace the letter of authorization',
	routing: singleRequest({
		endpoint: ENDPOINTS['PATCH /enterprises/{enterpriseId}/reputation/loa'],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [enterpriseLocator, loaDocumentIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['replaceLoa'] } },
	properties,
);
