// Number-ownership events as Telnyx sends them: to the enterprise's webhook URL, signed with
// Ed25519 over "{telnyx-timestamp}|{raw body}" (the sandbox's own key pair), and sent again
// while the receiver does not answer 2xx.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

import type { SandboxState } from './state';

export type OwnershipEventType =
	| 'number_reputation.number.flagged'
	| 'number_reputation.number.removed'
	| 'number_reputation.external_verification.status_changed';

export interface EventDelivery {
	attempt: number;
	status: number | 'no answer';
}

export interface DeliverOptions {
	/** The event's id (a redelivery keeps it); a new one by default; `null` sends none. */
	id?: string | null;
	/** `meta.attempt` of the first delivery. */
	firstAttempt?: number;
	/** How many times to send while the receiver does not answer 2xx. */
	maxAttempts?: number;
	/** Where to send it instead of the enterprise's ownership webhook URL. */
	url?: string;
	/** Sign with another key (a forgery), or with a timestamp this many seconds old. */
	forge?: boolean;
	ageSeconds?: number;
}

export class WebhookSender {
	private readonly keys = generateKeyPairSync('ed25519');
	private readonly forger: KeyObject = generateKeyPairSync('ed25519').privateKey;

	/** The account's public key as Mission Control shows it: base64 of the raw 32 bytes. */
	readonly publicKey = this.keys.publicKey
		.export({ format: 'der', type: 'spki' })
		.subarray(-32)
		.toString('base64');

	constructor(private readonly state: () => SandboxState) {}

	/** Sends an event for `enterpriseId` to its ownership webhook URL; answers every attempt. */
	async deliver(
		enterpriseId: string,
		eventType: OwnershipEventType,
		payload: Record<string, unknown>,
		options: DeliverOptions = {},
	): Promise<EventDelivery[]> {
		const url = options.url ?? this.state().enterprises.get(enterpriseId)?.ownershipWebhookUrl;
		if (!url) throw new Error(`enterprise ${enterpriseId} has no ownership webhook URL`);
		const id = options.id === null ? undefined : (options.id ?? randomUUID());
		const deliveries: EventDelivery[] = [];
		const first = options.firstAttempt ?? 1;
		for (let attempt = first; attempt < first + (options.maxAttempts ?? 3); attempt++) {
			const body = JSON.stringify({
				data: {
					record_type: 'event',
					id,
					occurred_at: new Date().toISOString(),
					event_type: eventType,
					payload,
				},
				meta: { attempt, delivered_to: url },
			});
			const timestamp = String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0));
			const key = options.forge ? this.forger : this.keys.privateKey;
			const signature = sign(null, Buffer.from(`${timestamp}|${body}`), key).toString('base64');
			let status: EventDelivery['status'];
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'telnyx-timestamp': timestamp,
						'telnyx-signature-ed25519': signature,
					},
					body,
					signal: AbortSignal.timeout(10_000),
				});
				status = response.status;
			} catch {
				status = 'no answer';
			}
			deliveries.push({ attempt, status });
			if (typeof status === 'number' && status >= 200 && status < 300) break;
		}
		return deliveries;
	}
}
