// The example workflows as a user imports them: each node of this package on the version a node
// added today gets, so the safe defaults its notices promise are the ones the example runs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { TelnyxReputation } from '../nodes/TelnyxReputation/TelnyxReputation.node';
import { TelnyxReputationTrigger } from '../nodes/TelnyxReputationTrigger/TelnyxReputationTrigger.node';
import { TelnyxReputationWebhookTrigger } from '../nodes/TelnyxReputationWebhookTrigger/TelnyxReputationWebhookTrigger.node';
import { TelnyxCallerIdDialerTrigger } from '../nodes/TelnyxCallerIdDialerTrigger/TelnyxCallerIdDialerTrigger.node';
import { readExample } from '../support/n8n/n8n';

const PACKAGE = 'n8n-nodes-telnyx-reputation';

/** The version n8n gives a node of each type when it is added. */
function newestVersions(): Record<string, number> {
	const versions: Record<string, number> = {};
	for (const node of [
		new TelnyxReputation(),
		new TelnyxReputationTrigger(),
		new TelnyxReputationWebhookTrigger(),
		new TelnyxCallerIdDialerTrigger(),
	] as INodeType[]) {
		const { name, version, defaultVersion } = node.description;
		const newest = defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
		versions[`${PACKAGE}.${name}`] = newest;
		// The action node as an AI tool: n8n derives the tool type from it, with its versions.
		if (node.description.usableAsTool) versions[`${PACKAGE}.${name}Tool`] = newest;
	}
	return versions;
}

const examples = readdirSync(join(__dirname, '../examples'))
	.filter((file) => file.endsWith('.workflow.json'))
	.map((file) => file.replace('.workflow.json', ''));

describe('the example workflows', () => {
	test.each(examples)("%s runs this package's nodes on their newest version", (example) => {
		const versions = newestVersions();
		const ours = readExample(example).nodes.filter((node) =>
			String(node.type).startsWith(`${PACKAGE}.`),
		);
		for (const node of ours)
			expect([node.name, node.typeVersion]).toEqual([node.name, versions[String(node.type)]]);
	});
});

describe('the pool example', () => {
	const workflow = readExample('caller-id-pool') as unknown as {
		nodes: Array<{ name: string; position: [number, number]; parameters?: object }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		settings: { executionOrder?: string };
	};
	const node = (name: string) => workflow.nodes.find((candidate) => candidate.name === name);
	const position = (name: string) => node(name)?.position;
	const next = (name: string) =>
		(workflow.connections[name]?.main ?? []).flat().map((target) => target.node);

	test("writes a rested row (remediating) before Submit sends it: under n8n's v1 order the branch above runs first", () => {
		expect(workflow.settings.executionOrder).toBe('v1');
		expect(next('Apply the pool rules').sort()).toEqual(['By action', 'Insert or update?']);
		expect(position('Insert or update?')![1]).toBeLessThan(position('By action')![1]);
		expect(next('Insert or update?')).toEqual([
			'The decided columns',
			'Save pool rows',
			'The new row',
		]);
		expect(next('The decided columns')).toEqual(['Save the decided columns']);
		expect(next('By action')).toContain('Submit for remediation');
	});

	test("each part of the morning ends with what it left: under n8n's v1 order the lowest branch of Pool changes runs last", () => {
		const branches = next('Pool changes');
		expect(branches).toContain('What this part left');
		const last = position('What this part left')![1];
		for (const branch of branches.filter((name) => name !== 'What this part left'))
			expect(position(branch)![1]).toBeLessThan(last);
		expect(next('What this part left')).toEqual([]);
		// Nothing waits after it: the rows' reads always answer, so With the pool rows (two
		// inputs) never runs once the stack is empty, after the part's last item.
		for (const name of ['Rows of these numbers', 'Resting rows'])
			expect(node(name)).toMatchObject({ alwaysOutputData: true });
		// One item, whatever the part carried: a Filter returns its discarded items too.
		expect(node('What this part left')).toMatchObject({
			type: 'n8n-nodes-base.limit',
			parameters: { maxItems: 1, keep: 'lastItems' },
		});
		expect(next('Every morning')).toEqual(['The morning, in parts']);
		expect(next('Next part?')).toEqual(['The morning, in parts']);
		expect(next('When the morning runs a part')).toEqual(['Any pool row']);
		// A part continues the memory the part before it saved, named by the item the loop hands
		// on; the loop asks only for the part it expects: a part that lost that memory is part 1.
		const parameters = (name: string) => JSON.stringify(node(name)?.parameters);
		expect(parameters('Pool changes')).toContain(
			`"lastPartKey":"={{ $('When the morning runs a part').first().json.part_key ?? '' }}"`,
		);
		expect(parameters('Next part?')).toContain(
			'$json.next_part === true && $json.part === $runIndex + 1',
		);
	});
});
