import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { TelnyxReputation } from '../nodes/TelnyxReputation/TelnyxReputation.node';

const nodeType = new TelnyxReputation();
const resources = nodeType.description.properties.find(({ name }) => name === 'resource')!;
const operationFields = nodeType.description.properties.filter(({ name }) => name === 'operation');

/** The operations that cost money, whatever their inputs. */
const BILLABLE = [
	'phoneNumber:register',
	'phoneNumber:refresh',
	'phoneNumber:sync',
	'remediation:submit',
	'reputationSettings:enable',
];

const operations = operationFields.flatMap((field) =>
	(field.options as Array<{ value: string }>).map(({ value }) => ({
		resource: field.displayOptions!.show!.resource![0] as string,
		operation: value,
	})),
);

/** What n8n tells a model the tool does (its Tool Description, set automatically). */
function toolDescription(resource: string, operation: string): string {
	const node = {
		name: 'Telnyx',
		type: 'n8n-nodes-telnyx-reputation.telnyxReputationTool',
		typeVersion: 1,
		position: [0, 0],
		parameters: { descriptionType: 'auto', resource, operation },
	} as unknown as INode;
	return NodeHelpers.getToolDescriptionForNode(node, nodeType) as string;
}

describe('As a tool, what a model reads', () => {
	test('covers every operation of every resource', () => {
		expect(operations).toHaveLength(31);
		expect(new Set(operations.map((o) => o.resource))).toEqual(
			new Set((resources.options as Array<{ value: string }>).map(({ value }) => value)),
		);
	});

	test.each(operations)(
		'$resource $operation: says what it does, and "billable" exactly when it costs money',
		({ resource, operation }) => {
			const description = toolDescription(resource, operation);
			// n8n ends it with the node type's default name.
			expect(description).toMatch(/ in Telnyx Reputation$/);
			expect(description.length).toBeGreaterThan(40);
			expect(/billable/.test(description)).toBe(BILLABLE.includes(`${resource}:${operation}`));
		},
	);

	test('a tool added without choosing opens on a free read in every resource', () => {
		for (const field of operationFields) {
			const resource = field.displayOptions!.show!.resource![0] as string;
			expect(BILLABLE).not.toContain(`${resource}:${String(field.default)}`);
		}
	});
});
