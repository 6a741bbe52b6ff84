import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { retrying } from '../../helpers/retry';
import { resolvePath } from '../../helpers/paths';
import { unwrapData } from '../../helpers/responses';
import { enterpriseLocator } from '../common/enterprise';

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
	{
		displayName: 'LOA Document ID',
		name: 'loaDocumentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
		description: 'ID of the new signed Letter of Authorization, as returned by the Telnyx Documents API',
		routing: { send: { type: 'body', property: 'loa_document_id' } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['reputationSettings'], operation: ['replaceLoa'] } }, properties);
