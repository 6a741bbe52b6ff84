import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { enterpriseLocator } from '../shared/locators';
import { withDescription } from '../shared/transport/apiErrors';
import { ofItem, readEnterpriseId } from '../shared/parameters/items';
import { searchEnterprises } from '../shared/listSearch/enterprises';
import { setOwnershipWebhook } from '../shared/api/ownership';
import { verifyTelnyxSignature } from './signature';

/** The ownership events Telnyx sends, as the Events setting offers them. */
const WEBHOOK_EVENT_OPTIONS = [
	{
		name: 'Number Flagged',
		value: 'number_reputation.number.flagged',
		description:
			'Ownership of a number hosted elsewhere needs confirming before the deadline in the event',
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

/** Event ids kept to recognise redeliveries; older ones are dropped so static data stays small. */
const REMEMBERED_EVENT_IDS = 1000;

/**
 * Event ids started by this n8n process, per workflow and node. n8n saves a webhook node's
 * static data only when the execution it started ends, so a redelivery that arrives before
 * then reads the ids as they were; this catches it.
 */
const startedByThisProcess = new Map<string, string[]>();

/** The ids with `id` added, newest last, at most REMEMBERED_EVENT_IDS of them. */
const withEventId = (ids: string[], id: string) => [...ids, id].slice(-REMEMBERED_EVENT_IDS);

/** What the node keeps in the workflow's static data. */
interface WebhookState {
	/** The URL this node set at Telnyx: the only one it ever clears. */
	webhookUrl?: string;
	/** Ids of the events already started, newest last. */
	seen?: string[];
}

/** A delivery's event, once its body is known to be one. */
interface TelnyxEvent {
	/** Undefined when the event has none: it cannot be told from a redelivery. */
	id?: string;
	event_type: string;
	occurred_at?: string;
	payload: IDataObject;
	attempt: number;
}

const isJsonObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key Telnyx's signatures verify with: publishing needs it, every delivery is checked. */
async function webhookPublicKeyOf(context: IHookFunctions | IWebhookFunctions) {
	const { webhookPublicKey } = await context.getCredentials<{ webhookPublicKey?: string }>(
		'telnyxReputationApi',
	);
	return webhookPublicKey;
}

/** The bytes as Telnyx sent them: the signature covers these, not n8n's parsed body. */
const rawBodyOf = (context: IWebhookFunctions): Buffer =>
	(context.getRequestObject() as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);

/** Why a delivery is not verified against the credential's public key, or undefined when it is. */
async function signatureProblem(
	context: IWebhookFunctions,
	rawBody: Buffer,
): Promise<string | undefined> {
	const verdict = verifyTelnyxSignature(
		rawBody,
		context.getRequestObject().headers,
		(await webhookPublicKeyOf(context)) ?? '',
		Date.now(),
	);
	return verdict.valid ? undefined : verdict.reason;
}

/** The event a verified body holds, or why it holds none (valid JSON can still be no event). */
function parseEvent(rawBody: Buffer): TelnyxEvent | string {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return 'The body is not JSON';
	}
	const data = isJsonObject(body) ? body.data : undefined;
	if (!isJsonObject(data) || typeof data.event_type !== 'string' || data.event_type === '')
		return 'The body is not a Telnyx event: it has no data.event_type';
	const meta = isJsonObject(body) && isJsonObject(body.meta) ? body.meta : {};
	return {
		id: typeof data.id === 'string' && data.id !== '' ? data.id : undefined,
		event_type: data.event_type,
		occurred_at: typeof data.occurred_at === 'string' ? data.occurred_at : undefined,
		payload: isJsonObject(data.payload) ? data.payload : {},
		attempt: typeof meta.attempt === 'number' ? meta.attempt : 1,
	};
}

/** Whether the Events setting picks this event type: Telnyx sends every type to the one URL. */
const isPickedEvent = (context: IWebhookFunctions, eventType: string) =>
	(context.getNodeParameter('events', []) as string[]).includes(eventType);

/**
 * Claims an event's one execution, false for a redelivery: an id started before, in the saved
 * static data or by this process. An event without an id starts, and is not remembered.
 */
function claimFirstStart(context: IWebhookFunctions, eventId: string | undefined): boolean {
	if (eventId === undefined) return true;
	const staticData = context.getWorkflowStaticData('node') as WebhookState;
	const savedIds = staticData.seen ?? [];
	const nodeKey = `${context.getWorkflow().id}:${context.getNode().id}`;
	const processIds = startedByThisProcess.get(nodeKey) ?? [];
	if (savedIds.includes(eventId) || processIds.includes(eventId)) return false;
	staticData.seen = withEventId(savedIds, eventId);
	startedByThisProcess.set(nodeKey, withEventId(processIds, eventId));
	return true;
}

/** The item an event starts the workflow with: its payload, then what the event says of itself. */
const eventItem = (event: TelnyxEvent): IDataObject => ({
	...event.payload,
	event_type: event.event_type,
	event_id: event.id ?? null,
	occurred_at: event.occurred_at ?? null,
	attempt: event.attempt,
});

/** Answers Telnyx and starts nothing: n8n's own onReceived answer would not say why. */
function answerWithoutStarting(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** Stops publishing when no delivery could be verified, rather than refusing each one later. */
async function requireWebhookPublicKey(context: IHookFunctions): Promise<void> {
	if (await webhookPublicKeyOf(context)) return;
	throw new NodeOperationError(context.getNode(), 'The credential has no Webhook Public Key', {
		description:
			'Without it no delivery can be verified. Copy the public key from Mission Control Portal → Keys & Credentials → Public Key into the credential.',
	});
}

/**
 * Sets (or, with `null`, clears) the enterprise's one URL for number-ownership events. A
 * refusal says what to fix when n8n's own URL is not the public https one Telnyx needs.
 */
async function setWebhookUrl(context: IHookFunctions, url: string | null): Promise<void> {
	const enterpriseId = readEnterpriseId(ofItem(context));
	const { error } = await setOwnershipWebhook(context, enterpriseId, url);
	if (!error) return;
	if (url === null || url.startsWith('https://')) throw error;
	const why = `n8n's production URL is ${url}: Telnyx delivers only to a public https URL. Set n8n's WEBHOOK_URL to its public https address.`;
	throw withDescription(error, `${error.description ?? ''} ${why}`.trim());
}

export class TelnyxReputationWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation Webhook Trigger',
		name: 'telnyxReputationWebhookTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter.events.length === 1 ? "1 ownership event" : $parameter.events.length + " ownership events" }}',
		description: 'Starts a workflow when Telnyx sends a signed number-ownership event',
		defaults: { name: 'On Ownership Event' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxReputationApi', required: true }],
		triggerPanel: {
			header: 'Ownership events come from Telnyx, signed, to the production URL only',
			executionsHelp: {
				inactive:
					"Listening here does not change the URL Telnyx sends to, so a published workflow keeps receiving every event. Telnyx sends an ownership event only when a number is flagged or removed or the ownership proof is reviewed, and to one URL per enterprise. <b>Publish the workflow</b> to receive them: each starts an execution, listed under Executions. To build the steps after this one, open such an execution and choose <i>Debug in editor</i>, or set mock data from the examples in the package's README.",
				active:
					"This workflow is published: Telnyx sends this enterprise's ownership events to its production URL, and each starts an execution, listed under Executions. Listening here does not change that. To build the steps after this one, open an execution and choose <i>Debug in editor</i>.",
			},
			activationHint:
				"Publish the workflow: Telnyx then sends this enterprise's ownership events to its production URL.",
		},
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"Publishing the workflow points this enterprise's ownership events at its production URL, replacing the URL set before (Telnyx keeps one per enterprise); unpublishing clears it. Telnyx delivers only to a public https URL: set n8n's WEBHOOK_URL to one.",
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			{
				...enterpriseLocator,
				description:
					'The enterprise whose ownership events start the workflow. Publishing and Execute step need it.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENT_OPTIONS,
				default: [...WEBHOOK_EVENT_OPTIONS.map((event) => event.value)],
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
				// A test listen must never take Telnyx's one URL away from the published workflow
				// (n8n cannot tell a node whether the workflow is published): it changes nothing there.
				if (this.getActivationMode() === 'manual') return true;
				await requireWebhookPublicKey(this);
				const url = this.getNodeWebhookUrl('default') as string;
				await setWebhookUrl(this, url);
				(this.getWorkflowStaticData('node') as WebhookState).webhookUrl = url;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// n8n ends a test listen and unpublishes alike ('internal', 'update'): only the URL this
				// node set is cleared, and a test listen never set its test URL.
				const state = this.getWorkflowStaticData('node') as WebhookState;
				if (state.webhookUrl !== this.getNodeWebhookUrl('default')) return true;
				await setWebhookUrl(this, null);
				delete state.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rawBody = rawBodyOf(this);
		const unverified = await signatureProblem(this, rawBody);
		if (unverified) {
			return answerWithoutStarting(this, 401, { error: `Signature not verified: ${unverified}` });
		}
		const event = parseEvent(rawBody);
		if (typeof event === 'string') return answerWithoutStarting(this, 400, { error: event });
		if (!isPickedEvent(this, event.event_type) || !claimFirstStart(this, event.id)) {
			// A 200, so Telnyx stops resending an event this workflow drops or already started.
			return answerWithoutStarting(this, 200, { received: true, started: false });
		}
		return { workflowData: [[{ json: eventItem(event) }]] };
	}
}
