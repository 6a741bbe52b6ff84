import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from './locator';

/** The enterprise picker shared by every enterprise-scoped operation. */
export const enterpriseLocator: INodeProperties = idLocator({
	displayName: 'Enterprise',
	name: 'enterpriseId',
	description: 'The Telnyx enterprise that owns the numbers',
	searchListMethod: 'searchEnterprises',
	listPlaceholder: 'Select an enterprise...',
	example: '4a6192a4-573d-446d-b3ce-aff9117272a6',
	idLabel: 'Enterprise ID',
});

/** For reads that also work account-wide (the API's simplified endpoints). */
export const optionalEnterpriseLocator: INodeProperties = {
	...enterpriseLocator,
	required: false,
	description:
		'The enterprise that monitors the numbers. Leave empty to look across every enterprise of the account.',
};
