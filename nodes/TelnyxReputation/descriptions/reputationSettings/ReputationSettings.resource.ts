import type { INodeProperties } from 'n8n-workflow';

import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as generateLoa from './generateLoa.operation';
import * as get from './get.operation';
import * as replaceLoa from './replaceLoa.operation';
import * as updateFrequency from './updateFrequency.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reputationSettings'] } },
		options: [disable.option, enable.option, generateLoa.option, get.option, replaceLoa.option, updateFrequency.option],
		default: 'get',
	},
	...get.description,
	...enable.description,
	...disable.description,
	...updateFrequency.description,
	...replaceLoa.description,
	...generateLoa.description,
];
