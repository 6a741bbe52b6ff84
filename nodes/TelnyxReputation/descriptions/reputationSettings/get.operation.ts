import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { retrying } from '../../helpers/retry';
import { resolvePath } from '../../helpers/paths';
import { unwrapData } from '../../helpers/responses';
import { enterpriseLocator } from '../common/enterprise';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: 'Get the reputation status, LOA status and check frequency of an enterprise',
	action: 'Get reputation settings',
	routing: {
		request: { method: 'GET', ignoreHttpStatusErrors: true },
		send: { paginate: true, preSend: [resolvePath('/enterprises/{enterpriseId}/reputation')] },
		operations: { pagination: retrying('read') },
		output: { postReceive: [handleErrors, unwrapData] },
	},
};

const properties: INodeProperties[] = [enterpriseLocator];

export const description = updateDisplayOptions({ show: { resource: ['reputationSettings'], operation: ['get'] } }, properties);
