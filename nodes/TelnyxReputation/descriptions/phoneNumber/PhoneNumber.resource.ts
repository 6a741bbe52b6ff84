import type { INodeProperties } from 'n8n-workflow';

import * as register from './register.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Register',
				value: 'register',
				description: 'Add numbers to spam-score monitoring on an enterprise (billable)',
				action: 'Register phone numbers for reputation monitoring',
			},
		],
		default: 'register',
	},
	...register.description,
];
