import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN } from './validators';

/** The enterprise picker shared by every enterprise-scoped operation. */
export const enterpriseLocator: INodeProperties = {
	displayName: 'Enterprise',
	name: 'enterpriseId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Telnyx enterprise that owns the numbers',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an enterprise...',
			typeOptions: {
				searchListMethod: 'searchEnterprises',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4a6192a4-573d-446d-b3ce-aff9117272a6',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: UUID_PATTERN,
						errorMessage: 'An enterprise ID is a UUID, e.g. 4a6192a4-573d-446d-b3ce-aff9117272a6',
					},
				},
			],
		},
	],
};

/** For reads that also work account-wide (the API's simplified endpoints). */
export const optionalEnterpriseLocator: INodeProperties = {
	...enterpriseLocator,
	required: false,
	description:
		'The enterprise that monitors the numbers. Leave empty to look across every enterprise of the account.',
};
