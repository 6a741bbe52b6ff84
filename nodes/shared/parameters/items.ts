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

import { checkUuid } from './validators';

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

/**
 * Item `itemIndex` of a custom operation, which n8n runs once for all the items: each read names
 * its item.
 */
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
