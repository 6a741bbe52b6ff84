// What Telnyx does on its own, on demand: a scheduled check that finds a number high risk, a
// remediation that completes, a signed ownership event. Called by tests directly, and over
// HTTP (POST /_sandbox/…, with the sandbox's API key) by `npm run sandbox -- <control>`, so a
// running `npm run dev` shows the published examples fire.
import type { Reply } from './envelope';
import type { SandboxState } from './state';
import type { EventDelivery, OwnershipEventType, WebhookSender } from './webhooks';

/** A control that cannot run, with what to do; answered 409 over HTTP. */
export class ControlError extends Error {}

/** A monitored number turns high risk (Telemarketer), as a scheduled check that found it flagged reports it. */
export function turnHighRisk(state: SandboxState, phoneNumber: string) {
	if (!state.registrations.has(phoneNumber)) {
		throw new ControlError(
			`${phoneNumber} is not monitored: register it first (the "Register numbers" workflow)`,
		);
	}
	return state.setReputation(phoneNumber, { spam_risk: 'high', spam_category: 'Telemarketer' });
}

/** A remediation request (by default the newest not finished) completes, with its per-number results. */
export function finishRemediation(state: SandboxState, remediationId?: string) {
	const unfinished = [...state.remediations.values()].filter(
		(remediation) => remediation.status === 'pending' || remediation.status === 'in_progress',
	);
	const remediation = remediationId ? state.remediations.get(remediationId) : unfinished.at(-1);
	if (!remediation) {
		throw new ControlError(
			remediationId
				? `No remediation request ${remediationId}`
				: 'No remediation request is pending or in progress: submit one first (Remediation → Submit)',
		);
	}
	while (remediation.status === 'pending' || remediation.status === 'in_progress')
		state.advanceRemediation(remediation);
	return remediation;
}

export const OWNERSHIP_EVENTS: Record<string, OwnershipEventType> = {
	flagged: 'number_reputation.number.flagged',
	removed: 'number_reputation.number.removed',
	proof: 'number_reputation.external_verification.status_changed',
};

export interface OwnershipEventOptions {
	/** flagged (default), removed or proof (the ownership proof reviewed). */
	event?: string;
	enterpriseId?: string;
	phoneNumber?: string;
	/** Where to send it; the enterprise's ownership webhook URL by default. */
	url?: string;
}

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** The payload of each event, as the API reference's examples show it. */
function payloadOf(event: string, enterpriseId: string, phoneNumber: string) {
	const number = {
		record_type: 'reputation_phone_number',
		phone_number: phoneNumber,
		enterprise_id: enterpriseId,
		source: 'external',
	};
	if (event === 'flagged')
		return {
			...number,
			ownership_status: 'pending_confirmation',
			flag_reason: 'carrier_changed',
			confirm_by: hoursFromNow(72),
		};
	if (event === 'removed')
		return {
			...number,
			ownership_status: 'removed',
			removal_reason: 'unconfirmed_ownership',
			removed_at: hoursFromNow(0),
		};
	return {
		record_type: 'reputation_external_verification',
		enterprise_id: enterpriseId,
		status: 'approved',
		rejection_reason: null,
		reviewed_at: hoursFromNow(0),
	};
}

/**
 * Sends a signed ownership event, to `url` or to the enterprise's webhook URL (set by
 * publishing a workflow with the webhook trigger). The enterprise is, by default, the one
 * whose URL is set; the number, its first monitored one.
 */
export async function sendOwnershipEvent(
	state: SandboxState,
	webhooks: WebhookSender,
	options: OwnershipEventOptions = {},
): Promise<{ url: string; eventType: OwnershipEventType; deliveries: EventDelivery[] }> {
	const event = options.event ?? 'flagged';
	const eventType = OWNERSHIP_EVENTS[event];
	if (!eventType)
		throw new ControlError(
			`Unknown event "${event}": use ${Object.keys(OWNERSHIP_EVENTS).join(', ')}`,
		);
	const enterprises = [...state.enterprises.values()];
	const enterprise = options.enterpriseId
		? state.enterprises.get(options.enterpriseId)
		: (enterprises.find((candidate) => candidate.ownershipWebhookUrl) ?? enterprises[0]);
	if (!enterprise) throw new ControlError(`No enterprise ${options.enterpriseId ?? ''}`.trim());
	const url = options.url ?? enterprise.ownershipWebhookUrl;
	if (!url) {
		throw new ControlError(
			`Enterprise "${enterprise.legal_name}" has no ownership webhook URL: publish a workflow with the webhook trigger, or give --to <url>`,
		);
	}
	const phoneNumber =
		options.phoneNumber ?? state.registrationsOf(enterprise.id)[0]?.phone_number ?? '+13125550142';
	const deliveries = await webhooks.deliver(
		enterprise.id,
		eventType,
		payloadOf(event, enterprise.id, phoneNumber),
		{ url },
	);
	return { url, eventType, deliveries };
}

/** The body of POST /_sandbox/{control}. */
export interface ControlRequest extends OwnershipEventOptions {
	remediationId?: string;
}

export const CONTROLS = ['high-risk', 'finish-remediation', 'ownership-event'] as const;

/** The controls over HTTP: 200 with what was done, 409 with what to do first. */
export async function answerControl(
	state: SandboxState,
	webhooks: WebhookSender,
	control: string,
	body: ControlRequest,
): Promise<Reply> {
	try {
		if (control === 'high-risk')
			return { status: 200, body: turnHighRisk(state, body.phoneNumber ?? '') };
		if (control === 'finish-remediation')
			return { status: 200, body: finishRemediation(state, body.remediationId) };
		if (control === 'ownership-event')
			return { status: 200, body: await sendOwnershipEvent(state, webhooks, body) };
		return { status: 404, body: { error: `No control "${control}": ${CONTROLS.join(', ')}` } };
	} catch (error) {
		if (error instanceof ControlError) return { status: 409, body: { error: error.message } };
		throw error;
	}
}
