import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../support/engine/runNode';
import { PollingTrigger } from '../support/engine/triggers';
import { finishRemediation } from '../support/sandbox/controls';
import { usNumbers } from '../support/sandbox/state';
import { byId, operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();

/** Fetch Test Event on a trigger with these settings: its one item. */
async function fetchTestEvent(parameters: Record<string, unknown>): Promise<IDataObject> {
	const poll = new PollingTrigger(api.credential, parameters as never);
	const [[item]] = (await poll.poll('manual')) ?? [[]];
	return item.json;
}

/** An enterprise monitoring two checked numbers, the first at medium risk. */
function monitoredEnterprise() {
	const numbers = usNumbers(2);
	const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
	api.sandbox.state.setReputation(numbers[0], { spam_risk: 'medium' });
	api.sandbox.state.setReputation(numbers[1], { spam_risk: 'low' });
	api.sandbox.state.charges = [];
	return { numbers, enterpriseId };
}

/** Each billable operation, fed the sample's own fields by expression, as the examples do. */
const FROM_THE_SAMPLE = {
	enterpriseId: byId('={{ $json.enterprise_id }}'),
	phoneNumbers: '={{ $json.phone_number }}',
};
const BILLABLE: Array<[string, INodeParameters, number]> = [
	['Register', operation('phoneNumber', 'register', FROM_THE_SAMPLE), 1.2],
	['Sync', operation('phoneNumber', 'sync', { ...FROM_THE_SAMPLE, dryRun: false }), 1.2],
	['Refresh', operation('phoneNumber', 'refresh', FROM_THE_SAMPLE), 1.2],
	// Version 1, as the remediation example was saved: Only Flagged Numbers off.
	[
		'Remediation Submit',
		operation('remediation', 'submit', { ...FROM_THE_SAMPLE, callPurpose: 'Reminders' }),
		1,
	],
	[
		'Get with Live Lookup',
		operation('phoneNumber', 'get', {
			...FROM_THE_SAMPLE,
			phoneNumber: '={{ $json.phone_number }}',
			options: { fresh: true },
		}),
		1.2,
	],
	[
		'Enable',
		operation('reputationSettings', 'enable', {
			enterpriseId: byId('={{ $json.enterprise_id }}'),
			loaDocumentId: '8a3f0a3e-8d1e-4d3b-9a53-2b1f8c8f5d10',
		}),
		1.2,
	],
];

describe('A sample from Fetch Test Event', () => {
	test('says first what it is, and its number is fictional (555-01xx) in the area code of a real one', async () => {
		const { numbers, enterpriseId } = monitoredEnterprise();

		const sample = await fetchTestEvent({
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
			minimumLevel: 'high',
		});

		expect(Object.keys(sample).slice(0, 2)).toEqual(['sample', 'sample_note']);
		expect(sample).toMatchObject({
			sample: true,
			sample_note: expect.stringContaining('not a real event'),
			phone_number: expect.stringMatching(/^\+1949555 ?01\d\d$/),
			enterprise_id: enterpriseId,
			current: expect.objectContaining({ spam_risk: 'high' }),
		});
		expect(numbers).not.toContain(sample.phone_number);
	});

	test('a Remediation Finished sample names fictional numbers only', async () => {
		const { numbers, enterpriseId } = monitoredEnterprise();
		finishRemediation(
			api.sandbox.state,
			api.sandbox.state.addRemediation(enterpriseId, numbers).id,
		);

		const sample = await fetchTestEvent({
			event: 'remediationFinished',
			enterpriseId: byId(enterpriseId),
		});

		const listed = Object.values(sample.results as Record<string, string[]>).flat();
		expect(listed).toHaveLength(2);
		for (const number of listed) expect(number).toMatch(/^\+1949555 ?01\d\d$/);
		expect(sample.sample).toBe(true);
	});

	test.each(BILLABLE)(
		'%s leaves it out, saying so, and sends nothing billable',
		async (_name, parameters, typeVersion) => {
			const { enterpriseId } = monitoredEnterprise();
			const sample = await fetchTestEvent({
				event: 'spamRiskChanged',
				enterpriseId: byId(enterpriseId),
			});
			const readsBefore = api.sandbox.requests.length;

			const result = await runNode({
				credential: api.credential,
				items: [sample],
				parameters,
				typeVersion,
			});

			const sent = api.sandbox.requests.slice(readsBefore);
			expect(result.error).toBeUndefined();
			expect(sent.filter((r) => r.method !== 'GET' || r.query.fresh !== undefined)).toEqual([]);
			expect(api.sandbox.state.charges).toEqual([]);
			expect(result.items.map((item) => item.json)).toEqual([
				expect.objectContaining({ status: 'sample', note: expect.stringContaining('left out') }),
			]);
		},
	);

	test('beside real items, only the sample is left out, and the hint counts it', async () => {
		const { numbers, enterpriseId } = monitoredEnterprise();
		const sample = await fetchTestEvent({
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
		});
		const real = { phone_number: numbers[0], enterprise_id: enterpriseId };

		const result = await runNode({
			credential: api.credential,
			items: [sample, real],
			parameters: operation('phoneNumber', 'refresh', FROM_THE_SAMPLE),
		});

		expect(result.items.map((item) => [item.json.phone_number, item.json.status])).toEqual([
			[sample.phone_number, 'sample'],
			[numbers[0], expect.not.stringMatching(/^sample$/)],
		]);
		expect(api.sandbox.state.charges.map((charge) => charge.phone_number)).toEqual([numbers[0]]);
		expect(result.hints.map((hint) => hint.message)).toContain(
			'1 sample event from Fetch Test Event left out: nothing sent for it, nothing billed',
		);
	});
});
