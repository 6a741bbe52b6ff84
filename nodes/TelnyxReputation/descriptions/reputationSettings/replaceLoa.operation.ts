import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { retrying } from '../../helpers/retry';
import { resolvePath } from '../../helpers/paths';
import { unwrapData } from '../../helpers/responses';
import { enterpriseLocator } from '../common/enterprise';
import { loaDocumentIdField } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Replace LOA',
	value: 'replaceLoa',
	description: 'Point the settings at a new signed Letter of Authorization (before the LOA is approved)',
	action: 'Replace the letter of authorization',
	routing: {
		request: { method: 'PATCH', ignoreHttpStatusErrors: true },
		send: { paginate: true, preSend: [resolvePath('/enterprises/{enterpriseId}/reputation/loa')] },
		operations: { pagination: retrying('read') },
		output: { postReceive: [handleErrors, unwrapData] },
	},
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	loaDocumentIdField,
];

export const description = updateDisplayOptions({ show: { resource: ['reputationSettings'], operation: ['replaceLoa'] } }, properties);
