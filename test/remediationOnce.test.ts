import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { runNode } from '../support/engine/runNode';
import { finishRemediation } from '../support/sandbox/controls';
import { usNumbers } from '../support/sandbox/state';
import { oneSubmitAtATime } from '../nodes/TelnyxReputation/actions/remediation/openRequests';
import { byId, operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();

const submit = (enterpriseId: string, numbers: string[]) =>
	operation('remediation', 'submit', {
		enterpriseId: byId(enterpriseId),
		phoneNumbers: numbers.join(','),
		callPurpose: 'Appointment reminders',
		onlyFlagged: false,
	});

const billedUsd = () => api.sandbox.state.charges.reduce((sum, charge) => sum + charge.usd, 0);
const posts = () => api.sandbox.requests.filter((request) => request.method === 'POST');
const byNumber = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map(({ json }) => [json.phone_number, json.status, json.billed_usd]);

describe('Remediation: Submit bills a number once, however executions overlap', () => {
	test('two Submit executions started at the same moment for the same numbers bill each number once', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		api.sandbox.latencyMs = 30;

		const runs = await Promise.all(
			[1, 2].map(
				async () =>
					await runNode({
						credential: api.credential,
						typeVersion: 1.3,
						parameters: submit(enterpriseId, numbers),
					}),
			),
		);

		expect(runs.map((run) => run.error)).toEqual([undefined, undefined]);
		expect(posts()).toHaveLength(1);
		expect(billedUsd()).toBe(3);
		const [request] = [...api.sandbox.state.remediations.values()];
		const statuses = runs.map((run) => run.items.map((item) => item.json.status));
		expect(statuses).toContainEqual(['submitted', 'submitted', 'submitted']);
		expect(statuses).toContainEqual([
			'already_submitted',
			'already_submitted',
			'already_submitted',
		]);
		const second = runs.find((run) => run.items[0].json.status === 'already_submitted');
		expect(second?.items[0].json).toMatchObject({
			phone_number: numbers[0],
			remediation_id: request.id,
			remediation_status: 'pending',
			enterprise_id: enterpriseId,
			billed_usd: 0,
		});
		expect(second?.hints[0].message).toBe(
			'0 submitted and billed (USD 0.00), 3 already submitted (not sent), nothing sent',
		);
		// What the items of both say was billed is what the sandbox billed, to the cent.
		const items = runs.flatMap((run) => run.items);
		expect(items.reduce((sum, item) => sum + Number(item.json.billed_usd), 0)).toBe(billedUsd());
	});

	test('a number in an open request is left out and not billed; the others are sent', async () => {
		const [first, second, added, elsewhere] = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([first, second, added, elsewhere]);
		const morning = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			parameters: submit(enterpriseId, [first, second]),
		});
		// A request made outside this n8n process, in progress: its results name its number.
		const other = api.sandbox.state.addRemediation(enterpriseId, [elsewhere]);
		Object.assign(other, {
			status: 'in_progress',
			results: {
				remediated: [],
				not_flagged: [],
				requires_review: [elsewhere],
				ineligible: [],
				refused: [],
			},
		});

		const riskChanged = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			parameters: submit(enterpriseId, [first, second, added, elsewhere]),
		});

		expect(riskChanged.error).toBeUndefined();
		expect(byNumber(riskChanged.items)).toEqual([
			[first, 'already_submitted', 0],
			[second, 'already_submitted', 0],
			[added, 'submitted', 1],
			[elsewhere, 'already_submitted', 0],
		]);
		expect(riskChanged.items[0].json.remediation_id).toBe(morning.items[0].json.remediation_id);
		expect(riskChanged.items[3].json.remediation_id).toBe(other.id);
		expect(riskChanged.items[0].json.reason).toMatch(/^Already in an open remediation request/);
		expect(posts().map((post) => (post.body as { phone_numbers: string[] }).phone_numbers)).toEqual(
			[[first, second], [added]],
		);
		expect(api.sandbox.state.charges.map((charge) => charge.phone_number)).toEqual([
			first,
			second,
			added,
		]);
	});

	test('before version 1.3, a number in an open request is its own item, as a not-flagged one is', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		await runNode({
			credential: api.credential,
			typeVersion: 1.2,
			parameters: submit(enterpriseId, numbers),
		});

		const again = await runNode({
			credential: api.credential,
			typeVersion: 1.2,
			parameters: submit(enterpriseId, numbers),
		});

		expect(again.items.map((item) => item.json)).toEqual(
			numbers.map((phone_number) =>
				expect.objectContaining({
					phone_number,
					status: 'already_submitted',
					submitted: false,
					remediation_status: 'pending',
				}),
			),
		);
		expect(posts()).toHaveLength(1);
		expect(billedUsd()).toBe(2);
	});

	test('a Submit waiting for another of the same enterprise in this process gives up after its bound, sending nothing', async () => {
		const node = { name: 'Submit' } as INode;
		let finishFirst = () => {};
		const first = oneSubmitAtATime(
			node,
			['e1'],
			async () => await new Promise<void>((resolve) => (finishFirst = resolve)),
		);
		const sent: string[] = [];

		const second = oneSubmitAtATime(node, ['e1'], async () => sent.push('second'), 20);
		const other = oneSubmitAtATime(node, ['e2'], async () => sent.push('other'), 20);

		await expect(second).rejects.toThrow(NodeOperationError);
		await expect(other).resolves.toBe(1);
		expect(sent).toEqual(['other']);
		finishFirst();
		await first;
		await expect(oneSubmitAtATime(node, ['e1'], async () => 'free')).resolves.toBe('free');
	});
});

describe('Remediation: every outcome Telnyx gives', () => {
	/** An enterprise whose `remediated` numbers finished a remediation a moment ago (cooldown: 30 days). */
	function afterRemediation(remediated: string[], others: string[]) {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring([...remediated, ...others]);
		api.sandbox.state.remediationCooldownDays = 30;
		finishRemediation(
			api.sandbox.state,
			api.sandbox.state.addRemediation(enterpriseId, remediated).id,
		);
		return enterpriseId;
	}

	test('a number in a remediation cooldown is reported ineligible and not billed', async () => {
		const [cooling] = usNumbers(1);
		const enterpriseId = afterRemediation([cooling], []);

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			parameters: submit(enterpriseId, [cooling]),
		});

		expect(posts()).toHaveLength(1);
		expect(api.sandbox.state.charges).toEqual([]);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				phone_number: cooling,
				status: 'ineligible',
				billed_usd: 0,
				reason:
					'Refused by Telnyx before submission (a remediation cooldown, for example): not billed; may be submitted again later',
			}),
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'1 submitted and billed (USD 0.00), in 1 request',
			'1 number counted ineligible by Telnyx (refused before submission, e.g. a remediation cooldown), not billed',
		]);
	});

	test('when Telnyx only counts the ineligible numbers, each says so, and the total billed is the count', async () => {
		const [cooling, fresh] = usNumbers(2);
		const enterpriseId = afterRemediation([cooling], [fresh]);

		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.3,
			parameters: submit(enterpriseId, [cooling, fresh]),
		});

		expect(byNumber(result.items)).toEqual([
			[cooling, 'submitted_or_ineligible', null],
			[fresh, 'submitted_or_ineligible', null],
		]);
		expect(result.items[0].json.reason).toContain(
			"Telnyx counted 1 of this request's 2 numbers ineligible (not billed) without naming them yet",
		);
		expect(billedUsd()).toBe(1);
		expect(result.hints[0].message).toBe('2 submitted and billed (USD 1.00), in 1 request');

		// Remediation → Get names them once the request has results.
		const id = String(result.items[0].json.remediation_id);
		finishRemediation(api.sandbox.state, id);
		const get = await runNode({
			credential: api.credential,
			parameters: operation('remediation', 'get', {
				enterpriseId: byId(enterpriseId),
				remediationId: id,
			}),
		});
		expect(get.items[0].json).toMatchObject({
			phone_numbers_count: 2,
			phone_numbers_submitted: 1,
			phone_numbers_ineligible: 1,
			results: { remediated: [fresh], ineligible: [cooling] },
		});
	});

	test('Get gives a partly completed request and a cancelled one with their per-number results', async () => {
		const numbers = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const { state } = api.sandbox;
		const partly = state.addRemediation(enterpriseId, numbers.slice(0, 3));
		state.cancelRemediationNumbers(partly, [numbers[2]]);
		finishRemediation(state, partly.id);
		const cancelled = state.addRemediation(enterpriseId, [numbers[3]]);
		state.cancelRemediationNumbers(cancelled);
		const get = async (remediationId: string) =>
			(
				await runNode({
					credential: api.credential,
					parameters: operation('remediation', 'get', {
						enterpriseId: byId(enterpriseId),
						remediationId,
					}),
				})
			).items[0].json;

		// The cancelled number is counted and in no bucket, as the API's counts say.
		expect(await get(partly.id)).toMatchObject({
			status: 'completed',
			phone_numbers_count: 3,
			results: {
				remediated: [numbers[0]],
				not_flagged: [numbers[1]],
				requires_review: [],
				ineligible: [],
				refused: [],
			},
		});
		expect(await get(cancelled.id)).toMatchObject({
			status: 'cancelled',
			phone_numbers_count: 1,
			results: {
				remediated: [],
				not_flagged: [],
				requires_review: [],
				ineligible: [],
				refused: [],
			},
		});
	});
});
