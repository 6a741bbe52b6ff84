// Reading the numbers a user gives one at a time: the Default Country option, one number in
// E.164, and the errors that name a value that is not a number.
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemParameters } from './items';
import type { CountryCode } from '../phoneNumbers';
import { DEFAULT_COUNTRY, isCountryCode, normalizeNumber } from '../phoneNumbers';
import { shown } from './validators';

export function checkCountry(node: INode, value: unknown, itemIndex?: number): CountryCode {
	// Typed as text: " us" is US.
	const code = typeof value === 'string' ? value.trim().toUpperCase() : value;
	if (!isCountryCode(code)) {
		throw new NodeOperationError(
			node,
			`Default Country ${shown(value)} is not a known country code`,
			{
				itemIndex,
				description: 'Use a two-letter ISO country code such as US.',
			},
		);
	}
	return code;
}

/** "Invalid phone number "555": too short for United States" */
export function invalidNumber(
	node: INode,
	value: unknown,
	reason: string,
	itemIndex?: number,
	description?: string,
): NodeOperationError {
	// An item without the field: said as such, never "Invalid phone number undefined".
	const empty = value === undefined || value === null || String(value).trim() === '';
	const message = empty
		? 'No phone number given'
		: `Invalid phone number ${shown(value, 60)}: ${reason}`;
	return new NodeOperationError(node, message, {
		itemIndex,
		description,
	});
}

/** The Default Country option, which reads numbers written without a country code. */
export function readDefaultCountry(item: ItemParameters): CountryCode {
	return checkCountry(
		item.node,
		item.get('options.defaultCountry', DEFAULT_COUNTRY),
		item.itemIndex,
	);
}

/** A one-number parameter in E.164, read with the Default Country option; throws when it is not a number. */
export function readPhoneNumber(item: ItemParameters, parameterName = 'phoneNumber'): string {
	const value = item.get(parameterName, '');
	const normalized = normalizeNumber(value, readDefaultCountry(item));
	if ('reason' in normalized)
		throw invalidNumber(item.node, value, normalized.reason, item.itemIndex, 'Nothing was sent.');
	return normalized.e164;
}
