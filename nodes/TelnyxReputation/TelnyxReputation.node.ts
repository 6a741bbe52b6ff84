import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as phoneNumber from './descriptions/phoneNumber/PhoneNumber.resource';
import { searchEnterprises } from './helpers/searchFunctions';
import { register } from './operations/phoneNumber/register';

export class TelnyxReputation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation',
		name: 'telnyxReputation',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Register caller IDs for spam-score monitoring and read their reputation with the Telnyx Number Reputation API',
		defaults: { name: 'Telnyx Number Reputation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxReputationApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Phone Number', value: 'phoneNumber' }],
				default: 'phoneNumber',
			},
			...phoneNumber.description,
		],
	};

	methods = {
		listSearch: { searchEnterprises },
	};

	// Operations that must see all input items at once (to batch numbers across items)
	// run as custom operations; everything else stays declarative routing.
	customOperations = {
		phoneNumber: { register },
	};
}
