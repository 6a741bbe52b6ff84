import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** For the UI's resource locator check; the same rule as `checkUuid`. */
export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);

/**
 * "An enterprise ID", "A remediation ID": a label as it reads inside a sentence, with its
 * article (the first word lower-cased, an abbreviation such as ID kept).
 */
export function withArticle(label: string): string {
	const inSentence = label.replace(/^[A-Z][a-z]+\b/, (word) => word.toLowerCase());
	return `${/^[aeiou]/i.test(inSentence) ? 'An' : 'A'} ${inSentence}`;
}

/** A value as JSON, cut to `max` characters, for messages. */
export function shown(value: unknown, max = 80): string {
	// Never "undefined" or "null" in a message a person reads.
	if (value === undefined || value === null) return '(empty)';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Checks a UUID before any request is built: anything else (spaces, slashes, `../`, `?`) is
 * refused, so a value can never change the path it is sent to. UUIDs are case-insensitive;
 * the API wants lowercase.
 */
export function checkUuid(node: INode, value: unknown, label: string, itemIndex?: number): string {
	if (typeof value !== 'string' || !UUID.test(value)) {
		throw new NodeOperationError(node, `${label} ${shown(value)} is not valid`, {
			itemIndex,
			description: `${withArticle(label)} is a UUID such as 4a6192a4-573d-446d-b3ce-aff9117272a6. Pick it from the list, or copy it from the Telnyx portal.`,
		});
	}
	return value.toLowerCase();
}

/** An https URL (Telnyx calls only those), or a NodeOperationError that says so. */
export function checkHttpsUrl(
	node: INode,
	url: string,
	options: { itemIndex?: number; description?: string } = {},
): string {
	if (!/^https:\/\/[^\s]+$/.test(url))
		throw new NodeOperationError(node, `Webhook URL "${url}" must be an https URL`, options);
	return url;
}
