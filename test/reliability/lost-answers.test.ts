// A billable request that Telnyx processes (stores, bills) but whose answer never reaches n8n:
// the connection drops mid-answer, or the answer comes after the node's timeout. Nothing is sent
// twice, and no number reads "failed": free reads find out what happened, and what they cannot
// settle is "unknown", with how to settle it.
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../support/engine/runNode';
import type { RunResult } from '../../support/engine/runNode';
import { entry, errors } from '../../support/sandbox/envelope';
import { expectNoSecret } from '../harness/items';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();
const NUMBERS = ['+19493253498', '+12134445566', '+13125550147'];
const lost = ['reset', 'hang'] as const;
const modes = [
	['Stop', undefined],
	['Continue', 'continueRegularOutput'],
] as const;

/** Loses the answer to the next POST, after the sandbox has processed it. */
function loseNextPostAnswer(how: (typeof lost)[number]) {
	api.sandbox.injectReply({ loseAnswer: how }, 1, { method: 'POST' });
}

const posts = () => api.sandbox.requests.filter((request) => request.method === 'POST');

/** The statuses a user reads in the Table view: the item's `status`, or `processed` for a record. */
const statuses = (result: RunResult) =>
	result.items.map((item) =>
		typeof item.json.error === 'string' ? item.json.status : 'processed',
	);

describe.each(lost)('An answer lost after Telnyx processed the request (%s)', (how) => {
	describe.each(modes)('%s mode', (_mode, onError) => {
		test('Register: sent once; free reads find every number registered, and say so on the item', async () => {
			const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
			loseNextPostAnswer(how);

			const result = await runNode({
				credential: api.credential,
				onError,
				parameters: registerParameters(enterpriseId, NUMBERS.join(','), { timeout: 1 }),
			});

			expect(result.error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			expect(api.sandbox.state.registrations.size).toBe(3);
			expect(statuses(result)).toEqual(['processed', 'processed', 'processed']);
			expect(result.items.map((item) => item.json.phone_number)).toEqual(NUMBERS);
			expect(String(result.items[0].json.notice)).toMatch(
				/^A free read found this processed \(the request: Could not reach the Telnyx API: /,
			);
			expect(result.hints[0]?.message).toBe('3 registered, in 1 request');
			expectNoSecret(result);
		});

		test('Sync: the missing numbers it sent come out added, never failed', async () => {
			const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
			api.sandbox.state.register(enterpriseId, NUMBERS[0]);
			loseNextPostAnswer(how);

			const result = await runNode({
				credential: api.credential,
				onError,
				parameters: operation('phoneNumber', 'sync', {
					enterpriseId: byId(enterpriseId),
					phoneNumbers: NUMBERS.join(','),
					dryRun: false,
					options: { timeout: 1 },
				}),
			});

			expect(result.error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			expect(result.items.map((item) => item.json.status)).toEqual(['kept', 'added', 'added']);
		});

		test('Refresh: numbers checked since the request was sent come out refreshed', async () => {
			const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
			for (const number of NUMBERS) api.sandbox.state.register(enterpriseId, number);
			loseNextPostAnswer(how);

			const result = await runNode({
				credential: api.credential,
				onError,
				parameters: operation('phoneNumber', 'refresh', {
					enterpriseId: byId(enterpriseId),
					phoneNumbers: NUMBERS.join(','),
					options: { timeout: 1 },
				}),
			});

			expect(result.error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			expect(result.items.map((item) => item.json.success)).toEqual([true, true, true]);
		});

		test('Remediation Submit: the request it created is found and output, not sent again', async () => {
			const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
			for (const number of NUMBERS) api.sandbox.state.register(enterpriseId, number);
			loseNextPostAnswer(how);

			const result = await runNode({
				credential: api.credential,
				onError,
				parameters: operation('remediation', 'submit', {
					enterpriseId: byId(enterpriseId),
					phoneNumbers: NUMBERS.join(','),
					callPurpose: 'Appointment reminders',
					options: { timeout: 1 },
				}),
			});

			expect(result.error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			const [created] = [...api.sandbox.state.remediations.values()];
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ id: created.id, phone_numbers_count: 3 });
		});
	});
});

describe('What free reads cannot settle stays "unknown", with how to settle it', () => {
	/** The answer to the POST is lost, and the read after it fails too (4 tries: it is retried 3 times). */
	function loseAnswerAndReads() {
		loseNextPostAnswer('reset');
		api.sandbox.injectReply(errors(503, entry('10000', 'Unavailable', 'Down.')), 4, {
			method: 'GET',
		});
	}

	test('Register, Continue: each number is "unknown" in the first columns, never "failed"', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
		loseAnswerAndReads();

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, NUMBERS.join(',')),
		});

		expect(posts()).toHaveLength(1);
		expect(result.items.map((item) => Object.keys(item.json).slice(0, 3))).toEqual(
			NUMBERS.map(() => ['phone_number', 'input', 'status']),
		);
		expect(statuses(result)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(String(result.items[0].json.error)).toMatch(
			/^Outcome unknown: Could not reach the Telnyx API: the connection was reset/,
		);
		expect(String((result.items[0].json.details as { description: string }).description)).toContain(
			'To settle it, run the node again with Skip Numbers Already Monitored on',
		);
		expect(result.hints[0]?.message).toBe(
			'0 registered, 3 outcome unknown (may have been registered), in 1 request',
		);
	});

	test('Register, Stop: the error says the outcome is unknown and how to settle it, never "No number was registered"', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
		loseAnswerAndReads();

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, NUMBERS.join(',')),
		});

		expect(posts()).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Outcome unknown: Could not reach the Telnyx API/);
		expect(result.error?.description).toContain(
			'3 numbers may have been registered (and billed): outcome unknown, the answer never came.',
		);
		expect(result.error?.description).toContain(
			'To settle it, run the node again with Skip Numbers Already Monitored on',
		);
		expect(result.error?.description).not.toContain('No number was registered.');
	});

	test('run again with Skip on, as the message says, it settles: nothing is sent again', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(NUMBERS);
		loseAnswerAndReads();
		await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: registerParameters(enterpriseId, NUMBERS.join(',')),
		});

		const again = await runNode({
			credential: api.credential,
			parameters: registerParameters(enterpriseId, NUMBERS.join(','), { skipMonitored: true }),
		});

		expect(posts()).toHaveLength(1);
		expect(again.error).toBeUndefined();
		expect(again.items.map((item) => item.json.already_monitored)).toEqual([true, true, true]);
	});
});

describe('Enable (declarative, billable): a lost answer is an unknown outcome, not a failure', () => {
	function arrange() {
		api.sandbox.state.termsAgreedAt = api.sandbox.state.now();
		const enterprise = api.sandbox.state.addEnterprise('Acme', { reputation: 'none' });
		loseNextPostAnswer('reset');
		return operation('reputationSettings', 'enable', {
			enterpriseId: byId(enterprise.id),
			loaDocumentId: '2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
		}) as INodeParameters;
	}

	test('Stop: the error says the outcome is unknown and to check with a free Get, and nothing is sent again', async () => {
		const result = await runNode({ credential: api.credential, parameters: arrange() });

		expect(posts()).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Outcome unknown: Could not reach the Telnyx API/);
		expect(result.error?.description).toContain('check the current state with a Get (free)');
	});

	test('Continue: the error item says the outcome is unknown', async () => {
		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			parameters: arrange(),
		});

		expect(posts()).toHaveLength(1);
		expect(String(result.items[0].json.error)).toMatch(/^Outcome unknown: /);
	});
});
