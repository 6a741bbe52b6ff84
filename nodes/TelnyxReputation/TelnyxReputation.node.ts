import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { callerIdPool } from './actions/callerIdPool/CallerIdPool.resource';
import { enterprise } from './actions/enterprise/Enterprise.resource';
import { ownership } from './actions/ownership/Ownership.resource';
import { phoneNumber } from './actions/phoneNumber/PhoneNumber.resource';
import { remediation } from './actions/remediation/Remediation.resource';
import { reputationSettings } from './actions/reputationSettings/ReputationSettings.resource';
import { customOperations } from './actions/resource';
import { termsOfService } from './actions/termsOfService/TermsOfService.resource';
import { searchEnterprises } from '../shared/listSearch/enterprises';
import {
	searchAgreements,
	searchRemediations,
} from '../shared/listSearch/remediationsAndAgreements';

const resources = [
	callerIdPool,
	enterprise,
	ownership,
	phoneNumber,
	remediation,
	reputationSettings,
	termsOfService,
];

export class TelnyxReputation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation',
		name: 'telnyxReputation',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['output'],
		// 1.1: Simplify on by default (Get, Get Many, Get Pool Summary), and Remediation Submit
		// sends only flagged numbers by default (submit.operation.ts); 1 keeps both as they were.
		// 1.2: one Sync Dry Run, on by default (sync.operation.ts); 1 and 1.1 keep their two.
		// 1.3: Remediation Submit outputs one item per number billed (submit.operation.ts); the
		// pool summary opens with a sentence, says what the pool costs a month and calls the
		// numbers never checked so (spam_risk.never_checked, was `none`); Register and Sync say
		// what the numbers they add cost a month (pipeline/monthlyCost.ts). Each cost is one more
		// free read per enterprise.
		version: [1, 1.1, 1.2, 1.3],
		defaultVersion: 1.3,
		// "Get Pool Summary: Phone Number" under the node on the canvas: the picked operation and
		// resource as the panel names them, in a literal as n8n's lint wants it (test/messages.test.ts
		// checks it names every operation as the panel does). The editor's own "Custom API Call"
		// (an operation, or a resource) is __CUSTOM_API_CALL__: said as the editor names it.
		subtitle:
			'={{ [$parameter.operation, $parameter.resource].includes("__CUSTOM_API_CALL__") ? "Custom API Call" : ({"agree":"Agree","applyRules":"Apply Pool Rules","confirmNumber":"Confirm Ownership","create":"Create","delete":"Delete","disable":"Disable","enable":"Enable","generateLoa":"Generate LOA","get":"Get","getAgreement":"Get Agreement","getInfo":"Get Current Terms","getMany":"Get Many","getManyAgreements":"Get Many Agreements","getPoolSummary":"Get Pool Summary","listChanges":"List Pool Changes","getProofStatus":"Get Proof Status","loadDialer":"Load Dialer","pick":"Pick Caller ID","getStatus":"Get Status","refresh":"Refresh","register":"Register","remove":"Remove","replaceLoa":"Replace LOA","setWebhookUrl":"Set Webhook URL","submit":"Submit","submitProof":"Submit Proof","sync":"Sync","update":"Update","updateFrequency":"Update Frequency","uploadLoa":"Upload LOA"}[$parameter.operation] ?? $parameter.operation) + ": " + ({"callerIdPool":"Caller ID Pool","enterprise":"Enterprise","phoneNumber":"Phone Number","remediation":"Remediation","termsOfService":"Terms of Service","ownership":"Number Ownership","reputationSettings":"Reputation Setting"}[$parameter.resource] ?? $parameter.resource) }}',
		description:
			'Register caller IDs for spam-score monitoring and read their reputation with the Telnyx Number Reputation API',
		// Short enough for the canvas, which cuts longer names.
		defaults: { name: 'Telnyx Reputation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxReputationApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources.map(({ name, value }) => ({ name, value })),
				default: 'phoneNumber',
			},
			...resources.flatMap((resource) => resource.description),
		],
	};

	methods = {
		listSearch: { searchAgreements, searchEnterprises, searchRemediations },
	};

	// Operations that send numbers from many items in shared requests must see all items at
	// once, so they run as custom operations; every other operation is declarative routing.
	customOperations = customOperations(resources);

	/**
	 * n8n gives a declarative node an `execute` that runs its routing when it loads it. Its
	 * executions pick a custom operation before that `execute`, but a tool called through
	 * `execute` alone (the MCP Server Trigger's tools, n8n 2.41) would run a custom operation as
	 * routing: a request to the API's root. So the `execute` n8n reads picks it first here too.
	 */
	private routing?: INodeType['execute'];

	get execute(): INodeType['execute'] {
		const { routing, customOperations } = this;
		if (!routing) return undefined;
		return async function (this: IExecuteFunctions) {
			const resource = this.getNodeParameter('resource', 0) as string;
			const operation = this.getNodeParameter('operation', 0) as string;
			return await (customOperations[resource]?.[operation] ?? routing).call(this);
		};
	}

	set execute(routing: INodeType['execute']) {
		this.routing = routing;
	}
}
