import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN, withArticle } from './parameters/validators';

/**
 * A resource locator for an ID that has a list endpoint (n8n's rule: From List first, and
 * searchable), or typed By ID: a UUID, checked in the editor as `checkUuid` checks it at run.
 */
export function idLocator(fields: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	/** "Select a remediation request..." */
	listPlaceholder: string;
	example: string;
	/** What the By ID check calls the value, when not its display name ("Enterprise ID"). */
	idLabel?: string;
}): INodeProperties {
	return {
		displayName: fields.displayName,
		name: fields.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: fields.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: fields.listPlaceholder,
				typeOptions: { searchListMethod: fields.searchListMethod, searchable: true },
			},
			byIdMode(fields.example, fields.idLabel ?? fields.displayName),
		],
	};
}

/** A UUID, checked in the editor. */
function byIdMode(example: string, idLabel: string) {
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: `e.g. ${example}`,
		validation: [
			{
				type: 'regex' as const,
				properties: {
					regex: UUID_PATTERN,
					errorMessage: `${withArticle(idLabel)} is a UUID, e.g. ${example}`,
				},
			},
		],
	};
}

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
