import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** For the UI's resource locator check; the same rule as `isUuid`. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * Reads a UUID parameter (resource locator or plain) of one item and checks it before any
 * request is built: anything but a UUID (spaces, slashes, `../`, `?`) is refused, so a value
 * can never change the path it is sent to. UUIDs are case-insensitive; the API wants lowercase.
 */
export function requireUuid(
	context: IExecuteFunctions,
	parameterName: string,
	label: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(parameterName, itemIndex, '', { extractValue: true });
	if (!isUuid(value)) {
		throw new NodeOperationError(context.getNode(), `${label} ${shown(value)} is not valid`, {
			itemIndex,
			description: `A ${label.toLowerCase()} is a UUID such as 4a6192a4-573d-446d-b3ce-aff9117272a6. Pick it from the list, or copy it from the Telnyx portal.`,
		});
	}
	return value.toLowerCase();
}
