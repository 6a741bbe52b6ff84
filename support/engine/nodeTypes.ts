import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { DirectoryLoader } from 'n8n-core';

import { TelnyxReputationApi } from '../../credentials/TelnyxReputationApi.credentials';
import { TelnyxReputation } from '../../nodes/TelnyxReputation/TelnyxReputation.node';
import { TelnyxReputationTrigger } from '../../nodes/TelnyxReputationTrigger/TelnyxReputationTrigger.node';
import { TelnyxReputationWebhookTrigger } from '../../nodes/TelnyxReputationWebhookTrigger/TelnyxReputationWebhookTrigger.node';
import { TelnyxCallerIdDialerTrigger } from '../../nodes/TelnyxCallerIdDialerTrigger/TelnyxCallerIdDialerTrigger.node';

export const NODE_TYPE = 'n8n-nodes-telnyx-reputation.telnyxReputation';
/** The node's tool form, by the name n8n gives it (the node's own `execute` runs it). */
export const TOOL_TYPE = 'n8n-nodes-telnyx-reputation.telnyxReputationTool';
export const POLL_TRIGGER_TYPE = 'n8n-nodes-telnyx-reputation.telnyxReputationTrigger';
export const WEBHOOK_TRIGGER_TYPE = 'n8n-nodes-telnyx-reputation.telnyxReputationWebhookTrigger';
export const DIALER_TRIGGER_TYPE = 'n8n-nodes-telnyx-reputation.telnyxCallerIdDialerTrigger';
export const SOURCE_TYPE = 'test.items';
export const CREDENTIAL_TEST_TYPE = 'test.credentialTest';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_TYPE = 'n8n-nodes-base.noOp';

/**
 * What n8n's credential tester runs: a declarative node whose one property routes the
 * credential's `test.request`, with no request defaults of the real node.
 */
function credentialTester(): INodeType {
	const credential = new TelnyxReputationApi();
	return {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs the credential test request',
			defaults: { name: 'Credential test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credential.test.request },
				},
			],
		},
	};
}

/**
 * The start of a workflow: emits the items a test gives, as an upstream node would. Also
 * stands in for n8n's Manual Trigger (one empty item), which lives in n8n-nodes-base.
 */
function itemsSource(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Items',
			name: 'items',
			group: ['trigger'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name: 'Items' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			return [items.map((json) => ({ json }))];
		},
	};
}

/** Stands in for n8n's No Operation node (n8n-nodes-base): passes its items on. */
function noOp(): INodeType {
	return {
		description: {
			displayName: 'No Operation',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'Passes its items on',
			defaults: { name: 'No Operation' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			return [this.getInputData()];
		},
	};
}

/** The action node as n8n loads it: with the Request Options n8n adds to a declarative node. */
function loaded(): INodeType {
	const node = new TelnyxReputation();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
	return node;
}

export function nodeTypes(items: IDataObject[]): INodeTypes {
	const types: Record<string, INodeType> = {
		[NODE_TYPE]: loaded(),
		[TOOL_TYPE]: loaded(),
		[POLL_TRIGGER_TYPE]: new TelnyxReputationTrigger(),
		[WEBHOOK_TRIGGER_TYPE]: new TelnyxReputationWebhookTrigger(),
		[DIALER_TRIGGER_TYPE]: new TelnyxCallerIdDialerTrigger(),
		[SOURCE_TYPE]: itemsSource(items),
		[MANUAL_TRIGGER_TYPE]: itemsSource([{}]),
		[NO_OP_TYPE]: noOp(),
		[CREDENTIAL_TEST_TYPE]: credentialTester(),
	};
	const get = (name: string) => {
		const type = types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName: (name: string): INodeType | IVersionedNodeType => get(name),
		getByNameAndVersion: (name: string) => get(name),
		getKnownTypes: () => ({}),
	};
}
