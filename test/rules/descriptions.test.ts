// n8n's own rules for a node's panel (docs.n8n.io: UX guidelines, node UI design, verification
// guidelines), checked on the descriptions of the three nodes as n8n loads them. What lint
// already checks (title case, boolean descriptions, …) is left to lint; these are the rules a
// reviewer reads that no lint rule covers.
import type {
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { TelnyxReputationApi } from '../../credentials/TelnyxReputationApi.credentials';
import { TelnyxReputation } from '../../nodes/TelnyxReputation/TelnyxReputation.node';
import { TelnyxReputationTrigger } from '../../nodes/TelnyxReputationTrigger/TelnyxReputationTrigger.node';
import { TelnyxReputationWebhookTrigger } from '../../nodes/TelnyxReputationWebhookTrigger/TelnyxReputationWebhookTrigger.node';
import { TelnyxCallerIdDialerTrigger } from '../../nodes/TelnyxCallerIdDialerTrigger/TelnyxCallerIdDialerTrigger.node';
import { toNodeApiError } from '../../nodes/shared/transport/apiErrors';
import { checkUuid } from '../../nodes/shared/parameters/validators';

const nodes: Record<string, INodeType> = {
	action: new TelnyxReputation(),
	pollingTrigger: new TelnyxReputationTrigger(),
	webhookTrigger: new TelnyxReputationWebhookTrigger(),
	dialerTrigger: new TelnyxCallerIdDialerTrigger(),
};
const action = nodes.action.description;
const pollingTrigger = nodes.pollingTrigger.description;
const webhookTrigger = nodes.webhookTrigger.description;

const isOptionsList = (property: INodeProperties) =>
	(property.type === 'options' || property.type === 'multiOptions') &&
	Array.isArray(property.options);

/** Every property of a description, with the collections' and fixed collections' own. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.type === 'collection')
			return [property, ...allProperties((property.options ?? []) as INodeProperties[])];
		if (property.type === 'fixedCollection')
			return [
				property,
				...((property.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
					allProperties(group.values),
				),
			];
		return [property];
	});
}

/** A text the panel shows, and where it is. */
interface Text {
	where: string;
	text: string;
	/** The other texts of the same field or option (where an abbreviation may be spelt out). */
	beside: string;
}

/** Every text a node's panel (or the nodes panel) shows: labels, descriptions, hints, notices, options. */
function panelTexts(description: INodeTypeDescription): Text[] {
	const texts: Text[] = [];
	const add = (where: string, parts: Array<string | undefined>) => {
		const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
		for (const text of present) texts.push({ where, text, beside: present.join(' ') });
	};
	add(`${description.name}.description`, [description.description]);
	for (const property of allProperties(description.properties)) {
		add(property.name, [property.displayName, property.description, property.hint]);
		if (isOptionsList(property))
			for (const option of property.options as INodePropertyOptions[])
				add(`${property.name} → ${String(option.value)}`, [
					option.name,
					option.description,
					option.action,
				]);
	}
	return texts;
}

/** The operations of the action node, each with its resource. */
const operations = action.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		(property.options as INodePropertyOptions[]).map((option) => ({
			resource: String(property.displayOptions?.show?.resource?.[0]),
			option,
		})),
	);

/** The properties n8n shows for these parameter values on a node of this version. */
function shown(
	description: INodeTypeDescription,
	parameters: Record<string, unknown>,
	typeVersion = Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version,
): INodeProperties[] {
	const node = { parameters, typeVersion } as unknown as INode;
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(parameters as never, property, node, description),
	);
}

const sentences = (text: string) =>
	text
		.replace(/\b(e\.g|i\.e|etc)\./g, '$1')
		.split(/[.!?](?:\s|$)/)
		.filter((sentence) => sentence.trim() !== '').length;

/**
 * The options lists that are deliberately not alphabetical, by parameter name, each with why (said
 * in a one-line comment beside it in the code too).
 */
const ORDERED_LISTS: Record<string, string> = {
	numberOfEmployees: 'size ranges read smallest first (enterprise/fields.ts)',
};

describe("n8n's rules, read off the three nodes' descriptions", () => {
	test.each(Object.entries(nodes))('%s: every options list is alphabetical', (_, node) => {
		const unsorted = allProperties(node.description.properties)
			.filter(isOptionsList)
			.filter((property) => !(property.name in ORDERED_LISTS))
			.flatMap((property) => {
				const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
				const sorted = [...names].sort((a, b) => a.localeCompare(b));
				return names.join('|') === sorted.join('|') ? [] : [`${property.displayName}: ${names}`];
			});
		expect(unsorted).toEqual([]);
	});

	test.each(Object.entries(nodes))(
		'%s: the optional fields of every collection are alphabetical',
		(_, node) => {
			const unsorted = allProperties(node.description.properties)
				.filter((property) => property.type === 'collection')
				.flatMap((property) => {
					const names = (property.options as INodeProperties[]).map((field) => field.displayName);
					const sorted = [...names].sort((a, b) => a.localeCompare(b));
					return names.join('|') === sorted.join('|') ? [] : [`${property.displayName}: ${names}`];
				});
			expect(unsorted).toEqual([]);
		},
	);

	test('the subtitles show the picked values as the panel names them, not lower-cased', () => {
		const evaluate = (subtitle: string | undefined, parameter: Record<string, unknown>) => {
			const body = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle ?? '')?.[1];
			if (body === undefined) return subtitle;
			return new Function('$parameter', `return (${body});`)(parameter) as string;
		};
		for (const { description } of Object.values(nodes)) {
			expect(description.subtitle).not.toMatch(/toLowerCase|toUpperCase/);
		}
		expect(evaluate(action.subtitle, { resource: 'phoneNumber', operation: 'getMany' })).toBe(
			'Get Many: Phone Number',
		);
		expect(evaluate(pollingTrigger.subtitle, { event: 'spamRiskChanged' })).toBe('spamRiskChanged');
	});

	test('ids that have a list endpoint are resource locators, From List first and searchable', () => {
		const listed = ['enterpriseId', 'remediationId', 'agreementId'];
		const problems = Object.values(nodes).flatMap((node) =>
			allProperties(node.description.properties)
				.filter((property) => listed.includes(property.name))
				.flatMap((property) => {
					const [first] = property.modes ?? [];
					const method = first?.typeOptions?.searchListMethod;
					const ok =
						property.type === 'resourceLocator' &&
						(property.default as { mode?: string }).mode === 'list' &&
						first?.type === 'list' &&
						first.typeOptions?.searchable === true &&
						typeof method === 'string' &&
						typeof node.methods?.listSearch?.[method] === 'function' &&
						property.modes?.some((mode) => mode.name === 'id');
					return ok ? [] : [`${node.description.name}.${property.name}`];
				}),
		);
		expect(problems).toEqual([]);
		const names = allProperties(action.properties).map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining(listed));
	});

	test('notices are few and short: only where an operation bills, removes or replaces (7 of 31), one per panel, 1 in each trigger, 2 sentences each', () => {
		const notices = (description: INodeTypeDescription) =>
			description.properties.filter((property) => property.type === 'notice');
		expect(notices(action).length).toBeLessThanOrEqual(7);
		const WARNED = ['register', 'refresh', 'sync', 'submit', 'enable', 'disable', 'setWebhookUrl'];
		const noticed = operations
			.filter(({ resource, option }) =>
				shown(action, { resource, operation: option.value }).some(
					(property) => property.type === 'notice',
				),
			)
			.map(({ option }) => String(option.value));
		expect(noticed.filter((operation) => !WARNED.includes(operation))).toEqual([]);
		expect(notices(pollingTrigger).length).toBeLessThanOrEqual(1);
		expect(notices(webhookTrigger).length).toBeLessThanOrEqual(1);
		const crowded = operations
			.filter(
				({ resource, option }) =>
					shown(action, { resource, operation: option.value }).filter(
						(property) => property.type === 'notice',
					).length > 1,
			)
			.map(({ option }) => option.name);
		expect(crowded).toEqual([]);
		const long = Object.values(nodes)
			.flatMap(({ description }) => notices(description))
			.filter((notice) => sentences(notice.displayName) > 2)
			.map((notice) => notice.displayName);
		expect(long).toEqual([]);
	});

	test('no text is in the first person', () => {
		const firstPerson = Object.values(nodes)
			.flatMap(({ description }) => panelTexts(description))
			.filter(({ text }) => /\b(I|I'm|I've|me|my|My|we|We|our|Our|ours)\b/.test(text))
			.map(({ where, text }) => `${where}: ${text}`);
		expect(firstPerson).toEqual([]);
	});

	test("the polling trigger's event parameter is Trigger On", () => {
		const event = pollingTrigger.properties.find((property) => property.name === 'event');
		expect(event?.displayName).toBe('Trigger On');
	});

	test("every operation's description and action are verb phrases", () => {
		const VERBS = new Set([
			'Accept',
			'Add',
			'Agree',
			'Answer',
			'Apply',
			'Ask',
			'Change',
			'Check',
			'Confirm',
			'Count',
			'Create',
			'Decide',
			'Delete',
			'Disable',
			'Enable',
			'Generate',
			'Get',
			'List',
			'Load',
			'Make',
			'Pick',
			'Point',
			'Read',
			'Refresh',
			'Register',
			'Remove',
			'Render',
			'Replace',
			'Run',
			'Send',
			'Set',
			'Stop',
			'Submit',
			'Summarize',
			'Sync',
			'Turn',
			'Update',
			'Upload',
		]);
		const nounPhrases = operations.flatMap(({ resource, option }) =>
			[option.description, option.action]
				.filter((text) => !VERBS.has(String(text).split(' ')[0]))
				.map((text) => `${resource} → ${option.name}: ${text}`),
		);
		expect(nounPhrases).toEqual([]);
	});

	test('no raw API field names, and no unexplained E.164 or LOA', () => {
		const texts = Object.values(nodes).flatMap(({ description }) => panelTexts(description));
		const apiFields = texts
			.filter(({ text }) => /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/.test(text))
			.map(({ where, text }) => `${where}: ${text}`);
		expect(apiFields).toEqual([]);
		const e164 = texts
			.filter(({ text }) => text.includes('E.164'))
			.map(({ where, text }) => `${where}: ${text}`);
		expect(e164).toEqual([]);
		const loa = texts
			.filter(
				({ text, beside }) => /\bLOA\b/.test(text) && !/Letter of Authorization/i.test(beside),
			)
			.map(({ where, text }) => `${where}: ${text}`);
		expect(loa).toEqual([]);
	});

	test('the 401 hint names the credential as n8n shows it', () => {
		const error = toNodeApiError({ name: 'Telnyx' } as INode, {
			statusCode: 401,
			body: { errors: [{ title: 'Authentication failed' }] },
			headers: {},
		});
		expect(error.description).toContain(`${new TelnyxReputationApi().displayName} credential`);
	});

	test('articles agree: "an enterprise ID", never "a enterprise"', () => {
		const described = (label: string) => {
			try {
				checkUuid({ name: 'Telnyx' } as INode, 'not-a-uuid', label);
			} catch (error) {
				return (error as { description?: string }).description;
			}
			return undefined;
		};
		expect(described('Enterprise ID')).toMatch(/^An enterprise ID is a UUID/);
		expect(described('Agreement ID')).toMatch(/^An agreement ID is a UUID/);
		expect(described('Remediation ID')).toMatch(/^A remediation ID is a UUID/);
		const wrong = Object.values(nodes)
			.flatMap(({ description }) => panelTexts(description))
			.filter(({ text }) => /\b[Aa] (?!one\b|once\b|US\b|UUID\b|u)[aeiou]/.test(text))
			.map(({ where, text }) => `${where}: ${text}`);
		expect(wrong).toEqual([]);
	});
});

describe('A calmer panel', () => {
	test('Sync has one Dry Run with one default, whatever Remove Numbers Not in Input says', () => {
		const dryRuns = [true, false].map((removeMissing) =>
			shown(action, { resource: 'phoneNumber', operation: 'sync', removeMissing }).filter(
				(property) => property.name === 'dryRun',
			),
		);
		expect(dryRuns.map((found) => found.length)).toEqual([1, 1]);
		expect(dryRuns[0][0]).toBe(dryRuns[1][0]);
		expect(dryRuns[0][0].default).toBe(true);
	});

	test('Default Country: one definition, a two-letter code with a hint; no options list is long', () => {
		const countries = allProperties(action.properties).filter(
			(property) => property.name === 'defaultCountry',
		);
		expect(countries.length).toBeGreaterThan(0);
		for (const country of countries) expect(country).toEqual(countries[0]);
		expect(countries[0]).toMatchObject({ type: 'string', default: 'US' });
		expect(countries[0].hint).toBeTruthy();
		const long = Object.values(nodes).flatMap(({ description }) =>
			allProperties(description.properties)
				.filter((property) => isOptionsList(property) && (property.options ?? []).length > 50)
				.map((property) => property.displayName),
		);
		expect(long).toEqual([]);
	});

	test('request plumbing (concurrency, timeout, retry) is only in the collapsed Options', () => {
		const plumbing = ['concurrency', 'timeout', 'retryWithoutRefused'];
		expect(action.properties.filter((property) => plumbing.includes(property.name))).toEqual([]);
		const inOptions = action.properties
			.filter((property) => property.type === 'collection' && property.name === 'options')
			.flatMap((property) => (property.options as INodeProperties[]).map((field) => field.name));
		expect(inOptions).toEqual(expect.arrayContaining(plumbing));
	});

	test('a number that means "off" says so in a hint', () => {
		const below = allProperties(pollingTrigger.properties).find(
			(property) => property.name === 'below',
		);
		expect(below?.hint).toMatch(/0 turns this off/);
	});

	test('Set Webhook URL says it replaces the URL the webhook trigger set, as the trigger does', () => {
		const panel = shown(action, { resource: 'ownership', operation: 'setWebhookUrl' });
		const notice = panel.find((property) => property.type === 'notice')?.displayName ?? '';
		expect(notice).toMatch(/replaces/);
		expect(notice).toContain(webhookTrigger.displayName);
		const option = operations.find(({ option }) => option.value === 'setWebhookUrl')!.option;
		expect(option.description).toMatch(/replac/i);
		const triggerNotice = webhookTrigger.properties.find((p) => p.type === 'notice');
		expect(triggerNotice?.displayName).toMatch(/replac/i);
	});
});
