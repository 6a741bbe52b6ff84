import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { enterpriseLocator } from '../TelnyxReputation/actions/common/enterprise';
import { isSuccess, toNodeApiError } from '../TelnyxReputation/helpers/errorHandler';
import { ofItem, readEnterpriseId } from '../TelnyxReputation/helpers/parameters';
import { buildPath } from '../TelnyxReputation/helpers/paths';
import { searchEnterprises } from '../TelnyxReputation/helpers/searchFunctions';
import { telnyxRequest } from '../TelnyxReputation/helpers/transport';
import { verifyTelnyxSignature } from './signature';

const EVENTS = [
	{
		name: 'Number Flagged',
		value: 'number_reputation.number.flagged',
		description: 'Ownership of a number hosted elsewhere needs confirming before confirm_by',
	},
	{
		name: 'Number Removed',
		value: 'number_reputation.number.removed',
		description: 'A number was removed because its ownership could not be kept verified',
	},
	{
		name: 'Ownership Proof Reviewed',
		value: 'number_reputation.external_verification.status_changed',
		description: "The enterprise's ownership proof was approved or rejected",
	},
];

/** Event ids kept to recognise redeliveries. */
const REMEMBERED_EVENTS = 1000;

interface TelnyxEvent {
	data?: { id?: string; event_type?: string; occurred_at?: string; payload?: IDataObject };
	meta?: { attempt?: number };
}

/** Sets (or, with `null`, clears) the enterprise's one URL for number-ownership events. */
async function setWebhookUrl(context: IHookFunctions, url: string | null): Promise<void> {
	const enterpriseId = readEnterpriseId(ofItem(context));
	const path = buildPath('/enterprises/{enterpriseId}/reputation/webhook', { enterpriseId });
	const response = await telnyxRequest.call(context, 'PATCH', path, {
		body: { webhook_url: url },
		policy: 'idempotent',
	});
	if (!isSuccess(response.statusCode)) throw toNodeApiError(context.getNode(), response);
}

export class TelnyxReputationWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation Webhook Trigger',
		name: 'telnyxReputationWebhookTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter.events.length + " ownership events" }}',
		description: 'Starts a workflow when Telnyx sends a signed number-ownership event',
		defaults: { name: 'Telnyx Number Reputation Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxReputationApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"Activating sets this enterprise's ownership webhook URL to this workflow, replacing any URL set elsewhere for the enterprise (Telnyx keeps one, and offers no way to read it first); deactivating clears it. Every delivery is checked against the Webhook Public Key of the credential before it starts anything.",
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			enterpriseLocator,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				default: [
					'number_reputation.number.flagged',
					'number_reputation.number.removed',
					'number_reputation.external_verification.status_changed',
				],
				description: 'Which events start the workflow; the others are acknowledged and dropped',
			},
		],
	};

	methods = {
		listSearch: { searchEnterprises },
	};

	webhookMethods = {
		default: {
			// Telnyx has no GET for the setting: the URL is set on every activation.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { webhookPublicKey } = await this.getCredentials<{ webhookPublicKey?: string }>(
					'telnyxReputationApi',
				);
				if (!webhookPublicKey) {
					throw new NodeOperationError(this.getNode(), 'The credential has no Webhook Public Key', {
						description:
							'Without it no delivery can be verified. Copy the public key from Mission Control Portal → Keys & Credentials → Public Key into the credential.',
					});
				}
				await setWebhookUrl(this, this.getNodeWebhookUrl('default') as string);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await setWebhookUrl(this, null);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const { webhookPublicKey = '' } = await this.getCredentials<{ webhookPublicKey?: string }>(
			'telnyxReputationApi',
		);
		const rawBody = (request as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
		const verdict = verifyTelnyxSignature(rawBody, request.headers, webhookPublicKey, Date.now());
		if (!verdict.valid) {
			response.status(401).json({ error: `Signature not verified: ${verdict.reason}` });
			return { noWebhookResponse: true };
		}

		let event: TelnyxEvent;
		try {
			event = JSON.parse(rawBody.toString('utf8')) as TelnyxEvent;
		} catch {
			response.status(400).json({ error: 'The body is not JSON' });
			return { noWebhookResponse: true };
		}
		const { data = {}, meta = {} } = event;
		const eventId = String(data.id ?? '');
		const staticData = this.getWorkflowStaticData('node') as { seen?: string[] };
		const seen = staticData.seen ?? [];
		const wanted = (this.getNodeParameter('events', []) as string[]).includes(
			String(data.event_type),
		);
		if (!wanted || seen.includes(eventId)) {
			// Acknowledged, so Telnyx stops sending it, and nothing starts: not a wanted event, or a redelivery.
			response.status(200).json({ received: true, started: false });
			return { noWebhookResponse: true };
		}
		staticData.seen = [...seen, eventId].slice(-REMEMBERED_EVENTS);
		return {
			workflowData: [
				[
					{
						json: {
							...data.payload,
							event_type: data.event_type ?? null,
							event_id: eventId,
							occurred_at: data.occurred_at ?? null,
							attempt: meta.attempt ?? 1,
						},
					},
				],
			],
		};
	}
}
