// One reader for each parameter the operations share, whichever context n8n runs them in: the
// declarative routing's (one item) or a custom operation's (all items, read per item).
import type {
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { CountryCode } from './phoneNumbers';
import { DEFAULT_COUNTRY, normalizeNumber } from './phoneNumbers';
import { checkCountry, checkUuid, invalidNumber } from './validators';

/** The parameters of one item. */
export interface ItemParameters {
	node: INode;
	itemIndex?: number;
	get(name: string, fallback: unknown, options?: { extractValue?: boolean }): unknown;
}

/** The item a declarative operation's routing runs for, or the parameters of a trigger. */
export function ofItem(
	context: IExecuteSingleFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions,
): ItemParameters {
	return {
		node: context.getNode(),
		get: (name, fallback, options) => context.getNodeParameter(name, fallback, options),
	};
}

/** Item `itemIndex` of a custom operation. */
export function ofExecuteItem(context: IExecuteFunctions, itemIndex: number): ItemParameters {
	return {
		node: context.getNode(),
		itemIndex,
		get: (name, fallback, options) => context.getNodeParameter(name, itemIndex, fallback, options),
	};
}

/** The enterprise picked (list or ID), checked; '' when the operation allows none and none is picked. */
export function readEnterpriseId(item: ItemParameters, optional = false): string {
	const value = item.get('enterpriseId', '', { extractValue: true });
	if (optional && value === '') return '';
	return checkUuid(item.node, value, 'Enterprise ID', item.itemIndex);
}

export function readRemediationId(item: ItemParameters): string {
	return checkUuid(
		item.node,
		item.get('remediationId', '', { extractValue: true }),
		'Remediation ID',
		item.itemIndex,
	);
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
