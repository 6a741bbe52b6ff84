import type { INodeProperties } from 'n8n-workflow';

import * as agree from './agree.operation';
import * as getStatus from './getStatus.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['termsOfService'] } },
		options: [agree.option, getStatus.option],
		default: 'getStatus',
	},
	...agree.description,
];
