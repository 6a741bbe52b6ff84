import { createPublicKey, verify } from 'node:crypto';

/** How far a delivery's timestamp may be from now, either way (Telnyx's own SDK tolerance). */
export const TOLERANCE_SECONDS = 300;

/** The DER header of an Ed25519 public key (SubjectPublicKeyInfo), before its raw 32 bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type Verdict = { valid: true } | { valid: false; reason: string };

type RequestHeaders = Record<string, string | string[] | undefined>;

/** A header's value: Node gives a repeated header as a list, whose first value is taken. */
function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The timestamp and signature a delivery is signed with, or why they are missing or stale. */
function signedHeaders(
	headers: RequestHeaders,
	nowMs: number,
): { timestamp: string; signature: string } | string {
	const timestamp = headerValue(headers, 'telnyx-timestamp');
	const signature = headerValue(headers, 'telnyx-signature-ed25519');
	if (!timestamp || !signature)
		return 'missing telnyx-timestamp or telnyx-signature-ed25519 header';
	if (!/^\d+$/.test(timestamp)) return 'telnyx-timestamp is not a Unix time';
	if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS)
		return `telnyx-timestamp is more than ${TOLERANCE_SECONDS} seconds from now`;
	return { timestamp, signature };
}

/** Whether `signature` is the key's Ed25519 signature of the bytes Telnyx signs. */
function signatureMatches(rawBody: Buffer, timestamp: string, key: Buffer, signature: Buffer) {
	const signed = Buffer.concat([Buffer.from(`${timestamp}|`), rawBody]);
	const publicKeyObject = createPublicKey({
		key: Buffer.concat([ED25519_SPKI_PREFIX, key]),
		format: 'der',
		type: 'spki',
	});
	return verify(null, signed, publicKeyObject, signature);
}

/**
 * Checks a delivery as Telnyx signs it: Ed25519 over the bytes `{telnyx-timestamp}|{raw body}`
 * with the account's public key (base64 of the raw 32 bytes), the signature in
 * `telnyx-signature-ed25519` (base64), the timestamp within TOLERANCE_SECONDS of `nowMs`.
 * `rawBody` must be the bytes as received: a re-serialized body would not verify.
 */
export function verifyTelnyxSignature(
	rawBody: Buffer,
	headers: RequestHeaders,
	publicKey: string,
	nowMs: number,
): Verdict {
	const signed = signedHeaders(headers, nowMs);
	if (typeof signed === 'string') return { valid: false, reason: signed };
	const key = Buffer.from(publicKey.trim(), 'base64');
	if (key.length !== 32)
		return { valid: false, reason: 'the Webhook Public Key is not a base64 Ed25519 key' };
	const signature = Buffer.from(signed.signature, 'base64');
	if (signature.length !== 64)
		return { valid: false, reason: 'telnyx-signature-ed25519 is not an Ed25519 signature' };
	return signatureMatches(rawBody, signed.timestamp, key, signature)
		? { valid: true }
		: { valid: false, reason: 'the signature does not match' };
}
