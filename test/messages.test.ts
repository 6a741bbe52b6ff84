import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TelnyxReputation } from '../nodes/TelnyxReputation/TelnyxReputation.node';
import { TelnyxReputationTrigger } from '../nodes/TelnyxReputationTrigger/TelnyxReputationTrigger.node';
import { TelnyxReputationWebhookTrigger } from '../nodes/TelnyxReputationWebhookTrigger/TelnyxReputationWebhookTrigger.node';
import { NODE_TYPE, nodeTypes } from '../support/engine/nodeTypes';
import { byId, operation } from './harness/parameters';
import { runNode, searchList } from '../support/engine/runNode';
import { useSandbox } from './harness/useSandbox';
import { errors, entry } from '../support/sandbox/envelope';
import { registerParameters } from './phoneNumber/params';

const api = useSandbox();
const unavailable = errors(503, entry('10000', 'Service unavailable', 'Try later.'));

describe('What a user reads', () => {
	test('one number registered is "1 number was", and none is "No number was", never "0 numbers were"', async () => {
		const acme = api.sandbox.state.enterpriseOwning(['+19493253498']);
		const globex = api.sandbox.state.addEnterprise('Globex').id;

		const one = await runNode({
			credential: api.credential,
			items: [
				{ enterprise: acme, phone: '+19493253498' },
				{ enterprise: globex, phone: '+12134445566' },
			],
			parameters: registerParameters('={{ $json.enterprise }}', '={{ $json.phone }}', {
				concurrency: 1,
			}),
		});
		expect(one.error?.description).toContain(
			'1 number was registered by the requests that succeeded, and billed; leave it out of a re-run: +19493253498.',
		);
		expect(one.error?.description).not.toContain('1 numbers');

		const none = await runNode({
			credential: api.credential,
			parameters: registerParameters(globex, '+13125550147'),
		});
		expect(none.error?.description).toContain('No number was registered.');
		expect(none.error?.description).not.toContain('0 numbers');
	});

	test('a 404 for a number that is not monitored does not tell the user to check the enterprise', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme');

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'get', {
				enterpriseId: byId(enterprise.id),
				phoneNumber: '+19493253498',
			}),
		});

		expect(result.error?.message).toBe(
			'+19493253498: Resource not found: Phone number is not monitored.',
		);
		expect(result.error?.description).not.toContain('enterprise ID');
		expect(result.error?.description).toContain('Check that the number is monitored');
	});

	test.each([
		[
			'Enable',
			'reputationSettings',
			'enable',
			{ loaDocumentId: '2a7e8337-e803-4057-a4ae-26c40eb0bc6c' },
		],
		['Disable', 'reputationSettings', 'disable', {}],
		['Remove', 'phoneNumber', 'remove', { phoneNumber: '+19493253498' }],
	])(
		'a 5xx on %s is not retried, and says its outcome is unknown',
		async (_name, resource, name, fields) => {
			const enterprise = api.sandbox.state.addEnterprise('Acme');
			api.sandbox.injectReply(unavailable);

			const result = await runNode({
				credential: api.credential,
				parameters: operation(resource, name, { enterpriseId: byId(enterprise.id), ...fields }),
			});

			expect(api.sandbox.requests).toHaveLength(1);
			const number = 'phoneNumber' in fields ? `${fields.phoneNumber}: ` : '';
			expect(result.error?.message).toBe(
				`${number}Outcome unknown: Service unavailable: Try later.`,
			);
			expect(result.error?.description).toContain('Telnyx may have processed the request');
		},
	);

	test('the enterprise list never shows "undefined" when the legal name is missing', async () => {
		api.sandbox.injectReply({
			status: 200,
			body: {
				data: [{ id: '4a6192a4-573d-446d-b3ce-aff9117272a6', doing_business_as: 'Acme' }],
				meta: { page_number: 1, total_pages: 1 },
			},
		});

		const list = await searchList(api.credential, 'searchEnterprises');

		expect(list.results).toEqual([
			{
				name: 'Acme (4a6192a4-573d-446d-b3ce-aff9117272a6)',
				value: '4a6192a4-573d-446d-b3ce-aff9117272a6',
			},
		]);
	});

	test('a new node opens on a free read, and Phone Numbers is a multi-line box', () => {
		const { properties } = new TelnyxReputation().description;
		const find = (name: string, resource?: string) =>
			properties.find(
				(p) =>
					p.name === name && (!resource || p.displayOptions?.show?.resource?.includes(resource)),
			) as INodeProperties;

		expect(find('operation', 'phoneNumber').default).toBe('get');
		for (const operationName of ['register', 'refresh']) {
			const field = properties.find(
				(p) =>
					p.name === 'phoneNumbers' && p.displayOptions?.show?.operation?.includes(operationName),
			);
			expect(field?.typeOptions?.rows).toBeGreaterThan(1);
		}
		const submit = properties.find(
			(p) => p.name === 'phoneNumbers' && p.displayOptions?.show?.resource?.includes('remediation'),
		);
		expect(submit?.typeOptions?.rows).toBeGreaterThan(1);
	});
});

/** Every parameter of a node's description, those inside collections included. */
function everyParameter(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const inside = (property.options ?? []) as Array<
			INodeProperties | INodePropertyCollection | INodePropertyOptions
		>;
		return [
			property,
			...everyParameter(
				inside.flatMap((option): INodeProperties[] => {
					if ('values' in option) return (option as INodePropertyCollection).values;
					return 'type' in option ? [option as INodeProperties] : [];
				}),
			),
		];
	});
}

describe('Dropdowns', () => {
	// n8n's lint checks a default against options written in place; some are shared by name.
	test.each([
		['Telnyx Number Reputation', new TelnyxReputation()],
		['its polling trigger', new TelnyxReputationTrigger()],
		['its webhook trigger', new TelnyxReputationWebhookTrigger()],
	])('every dropdown of %s opens on its own options', (_, node) => {
		const dropdowns = everyParameter(node.description.properties).filter(({ type }) =>
			['options', 'multiOptions'].includes(type),
		);
		expect(dropdowns.length).toBeGreaterThan(0);
		for (const { name, type, default: picked, options = [] } of dropdowns) {
			const values = options.flatMap((option) => ('value' in option ? [option.value] : []));
			const defaults = type === 'multiOptions' ? (picked as unknown[]) : [picked];
			expect({
				name,
				missing: defaults.filter((value) => !values.includes(value as string)),
			}).toEqual({ name, missing: [] });
		}
	});
});

describe('The subtitle under the node on the canvas', () => {
	test.each([
		['phoneNumber', 'register', 'Register: Phone Number'],
		['phoneNumber', 'getPoolSummary', 'Get Pool Summary: Phone Number'],
		['reputationSettings', 'generateLoa', 'Generate LOA: Reputation Setting'],
		['termsOfService', 'getStatus', 'Get Status: Terms of Service'],
		// What the editor's own "Custom API Call" action sets.
		['phoneNumber', '__CUSTOM_API_CALL__', 'Custom API Call'],
		['__CUSTOM_API_CALL__', '__CUSTOM_API_CALL__', 'Custom API Call'],
	])('%s / %s reads "%s"', (resource, operationName, expected) => {
		const node = {
			id: '1',
			name: 'Telnyx',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: { resource, operation: operationName },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: nodeTypes([]),
		});
		const { subtitle } = new TelnyxReputation().description;

		expect(
			workflow.expression.getSimpleParameterValue(node, subtitle as string, 'internal', {}),
		).toBe(expected);
	});
});

describe('The subtitle names every operation as the panel does', () => {
	const { properties, subtitle } = new TelnyxReputation().description;
	const resources = properties.find((property) => property.name === 'resource')!.options as Array<{
		name: string;
		value: string;
	}>;
	const operations = properties
		.filter((property) => property.name === 'operation')
		.flatMap((field) =>
			(field.options as Array<{ name: string; value: string }>).map((option) => ({
				resource: resources.find(
					({ value }) => value === field.displayOptions!.show!.resource![0],
				)!,
				option,
			})),
		);

	test.each(operations)('$resource.value $option.value', ({ resource, option }) => {
		const body = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle as string)![1];
		const parameter = { resource: resource.value, operation: option.value };
		expect(new Function('$parameter', `return (${body});`)(parameter)).toBe(
			`${option.name}: ${resource.name}`,
		);
	});
});

describe('The nodes panel and the canvas', () => {
	const [action, polling, webhook] = [
		new TelnyxReputation(),
		new TelnyxReputationTrigger(),
		new TelnyxReputationWebhookTrigger(),
	].map((node) => node.description);

	test("the action node and the polling trigger share one entry, whose text (the trigger's) speaks of both", () => {
		// n8n's node creator (useActionsGeneration) merges "<name>Trigger" into "<name>" and shows
		// the trigger's description for the merged entry.
		expect(polling.name.replace('Trigger', '')).toBe(action.name);
		expect(polling.description).toMatch(
			/^Register caller IDs.*read and remediate.*start workflows/,
		);
		expect(webhook.name.replace('Trigger', '')).not.toBe(action.name);
		expect(webhook.description).toMatch(/ownership event/);
	});

	test('default names are short enough for the canvas (20 characters)', () => {
		expect([action, polling, webhook].map((node) => node.defaults.name)).toEqual([
			'Telnyx Reputation',
			'On Reputation Change',
			'On Ownership Event',
		]);
		for (const node of [action, polling, webhook])
			expect(node.defaults.name!.length).toBeLessThanOrEqual(20);
	});
});
