import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CountryCode } from './phoneNumbers';
import { isCountryCode, normalizeNumber } from './phoneNumbers';

/** For the UI's resource locator check; the same rule as `isUuid`. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

export function shown(value: unknown, max = 80): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Checks a UUID before any request is built: anything else (spaces, slashes, `../`, `?`) is
 * refused, so a value can never change the path it is sent to. UUIDs are case-insensitive;
 * the API wants lowercase.
 */
export function checkUuid(node: INode, value: unknown, label: string, itemIndex?: number): string {
	if (!isUuid(value)) {
		throw new NodeOperationError(node, `${label} ${shown(value)} is not valid`, {
			itemIndex,
			description: `A ${label.toLowerCase()} is a UUID such as 4a6192a4-573d-446d-b3ce-aff9117272a6. Pick it from the list, or copy it from the Telnyx portal.`,
		});
	}
	return value.toLowerCase();
}

/** Reads a UUID parameter (resource locator or plain) of one item and checks it. */
export function requireUuid(
	context: IExecuteFunctions,
	parameterName: string,
	label: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(parameterName, itemIndex, '', { extractValue: true });
	return checkUuid(context.getNode(), value, label, itemIndex);
}

export function checkCountry(node: INode, value: unknown, itemIndex?: number): CountryCode {
	if (!isCountryCode(value)) {
		throw new NodeOperationError(node, `Default Country ${shown(value)} is not a known country code`, {
			itemIndex,
			description: 'Use a two-letter ISO country code such as US.',
		});
	}
	return value;
}

/** One phone number in E.164, or an error naming the value and the reason. */
export function checkPhoneNumber(node: INode, value: unknown, country: CountryCode, itemIndex?: number): string {
	const normalized = normalizeNumber(value, country);
	if ('reason' in normalized) {
		throw new NodeOperationError(node, `Invalid phone number ${shown(value, 60)}: ${normalized.reason}`, {
			itemIndex,
			description: 'Nothing was sent.',
		});
	}
	return normalized.e164;
}
