import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as phoneNumber from './descriptions/phoneNumber/PhoneNumber.resource';
import * as remediation from './descriptions/remediation/Remediation.resource';
import * as reputationSettings from './descriptions/reputationSettings/ReputationSettings.resource';
import * as termsOfService from './descriptions/termsOfService/TermsOfService.resource';
import { searchEnterprises } from './helpers/searchFunctions';
import { refresh } from './operations/phoneNumber/refresh';
import { register } from './operations/phoneNumber/register';
import { submit } from './operations/remediation/submit';

export class TelnyxReputation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation',
		name: 'telnyxReputation',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['output'],
		version: 1,
		// "Register phone numbers", "Get reputation settings"… under the node on the canvas.
		subtitle:
			'={{ {"agree":"Agree to","disable":"Disable","enable":"Enable","generateLoa":"Generate LOA for","get":"Get","getMany":"Get many","getStatus":"Get status of","refresh":"Refresh","register":"Register","remove":"Remove","replaceLoa":"Replace LOA of","submit":"Submit","updateFrequency":"Update frequency of"}[$parameter.operation] + " " + {"phoneNumber":"phone numbers","remediation":"remediation","reputationSettings":"reputation settings","termsOfService":"terms of service"}[$parameter.resource] }}',
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
				options: [
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'Remediation', value: 'remediation' },
					{ name: 'Reputation Setting', value: 'reputationSettings' },
					{ name: 'Terms of Service', value: 'termsOfService' },
				],
				default: 'phoneNumber',
			},
			...phoneNumber.description,
			...reputationSettings.description,
			...remediation.description,
			...termsOfService.description,
		],
	};

	methods = {
		listSearch: { searchEnterprises },
	};

	// Operations that send numbers from many items in shared requests must see all items at
	// once, so they run as custom operations; every other operation is declarative routing.
	customOperations = {
		phoneNumber: { register, refresh },
		remediation: { submit },
	};
}
