import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { enterpriseLocator } from '../../../shared/enterprise';
import { loaDocumentIdField } from '../common/fields';
import { resolvePath } from '../../routing/pathParameters';

export const option: INodePropertyOptions = {
	name: 'Replace LOA',
	value: 'replaceLoa',
	description:
		'Point the settings at a new signed Letter of Authorization (LOA), before the one set is approved',
	action: 'Replace the letter of authorization',
	routing: singleRequest({
		method: 'PATCH',
		policy: 'idempotent',
		prepare: [resolvePath('/enterprises/{enterpriseId}/reputation/loa')],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [enterpriseLocator, loaDocumentIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['replaceLoa'] } },
	properties,
);
