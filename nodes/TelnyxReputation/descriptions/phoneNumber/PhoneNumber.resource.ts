import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as refresh from './refresh.operation';
import * as register from './register.operation';
import * as remove from './remove.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [get.option, getMany.option, refresh.option, register.option, remove.option],
		// A new node, and the form an AI agent fills in, open on a free read, not the billable Register.
		default: 'get',
	},
	...register.description,
	...get.description,
	...getMany.description,
	...refresh.description,
	...remove.description,
];
