import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as submit from './submit.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['remediation'] } },
		options: [get.option, getMany.option, submit.option],
		default: 'getMany',
	},
	...submit.description,
	...get.description,
	...getMany.description,
];
