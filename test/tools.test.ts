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
/** Free unless an option says otherwise: Get with Live Lookup. */
const BILLABLE_BY_OPTION = ['phoneNumber:get'];
/** What a model reads as a cost. */
const MONEY = /billable|USD/;

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
		expect(operations).toHaveLength(35);
		expect(new Set(operations.map((o) => o.resource))).toEqual(
			new Set((resources.options as Array<{ value: string }>).map(({ value }) => value)),
		);
	});

	test.each(operations)(
		'$resource $operation: says what it does, and its cost exactly where a call can cost money',
		({ resource, operation }) => {
			const description = toolDescription(resource, operation);
			const key = `${resource}:${operation}`;
			// n8n ends it with the node type's default name.
			expect(description).toMatch(/ in Telnyx Reputation$/);
			expect(description.length).toBeGreaterThan(30);
			expect(MONEY.test(description)).toBe([...BILLABLE, ...BILLABLE_BY_OPTION].includes(key));
		},
	);

	test('Get tells a model what Live Lookup costs, whatever the option is set to: n8n reads no option for it', () => {
		const description = toolDescription('phoneNumber', 'get');
		expect(description).toBe(
			"Get a number's reputation (free; USD 0.10 with Live Lookup) in Telnyx Reputation",
		);
		const withLiveLookup = {
			name: 'Telnyx',
			type: 'n8n-nodes-telnyx-reputation.telnyxReputationTool',
			typeVersion: 1.2,
			position: [0, 0],
			parameters: {
				descriptionType: 'auto',
				resource: 'phoneNumber',
				operation: 'get',
				options: { fresh: true },
			},
		} as unknown as INode;
		expect(NodeHelpers.getToolDescriptionForNode(withLiveLookup, nodeType)).toBe(description);
	});

	test('a tool added without choosing opens on a free read in every resource', () => {
		for (const field of operationFields) {
			const resource = field.displayOptions!.show!.resource![0] as string;
			expect(BILLABLE).not.toContain(`${resource}:${String(field.default)}`);
		}
	});
});
