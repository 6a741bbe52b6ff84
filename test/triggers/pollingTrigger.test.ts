import { PAGE_CONCURRENCY } from '../../nodes/shared/transport/pages';
import { unpackNumbers } from '../../nodes/shared/packedNumbers';
import { PollingTrigger } from '../../support/engine/triggers';
import { usNumbers } from '../../support/sandbox/state';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

/** An enterprise monitoring these numbers, each checked once (low risk, scores from the digits). */
function checkedEnterprise(numbers: string[]) {
	const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
	for (const number of numbers) api.sandbox.state.setReputation(number, { spam_risk: 'low' });
	return enterpriseId;
}

/** How many numbers the trigger keeps a value for. */
const keptNumbers = (poll: PollingTrigger) =>
	unpackNumbers((poll.staticData.state as { numbers: string }).numbers).size;

const trigger = (parameters: Record<string, unknown>) =>
	new PollingTrigger(api.credential, parameters as never);

describe('Telnyx Number Reputation Trigger: Spam Risk Changed', () => {
	test('the first poll records a baseline and reports nothing; a rise is reported once, with previous and current', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });

		expect(await poll.poll()).toBeNull();
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });
		const [items] = (await poll.poll()) ?? [[]];
		const again = await poll.poll();

		expect(items.map((item) => item.json)).toEqual([
			{
				event: 'spamRiskChanged',
				phone_number: numbers[1],
				enterprise_id: enterpriseId,
				previous: { spam_risk: 'low' },
				current: expect.objectContaining({
					spam_risk: 'high',
					last_refreshed_at: expect.any(String),
				}),
				checked_at: expect.any(String),
			},
		]);
		expect(again).toBeNull();
	});

	test('only free reads: every request is a GET, never with fresh', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(2));
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });

		await poll.poll();
		await poll.poll();

		expect(
			api.sandbox.requests.every(
				(request) => request.method === 'GET' && request.query.fresh === undefined,
			),
		).toBe(true);
		expect(api.sandbox.requests.map((request) => request.query['page[size]'])).toEqual([
			'250',
			'250',
		]);
	});

	test('Minimum Level high and Only When It Rises: medium and falls are not reported; with rises only off, a fall from high is', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = checkedEnterprise(numbers);
		api.sandbox.state.setReputation(numbers[2], { spam_risk: 'high' });
		const risesOnly = trigger({
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
			minimumLevel: 'high',
		});
		const both = trigger({
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
			minimumLevel: 'high',
			onlyRises: false,
		});
		await risesOnly.poll();
		await both.poll();

		api.sandbox.state.setReputation(numbers[0], { spam_risk: 'medium' });
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });
		api.sandbox.state.setReputation(numbers[2], { spam_risk: 'low' });

		const [rises] = (await risesOnly.poll()) ?? [[]];
		const [changes] = (await both.poll()) ?? [[]];
		expect(rises.map((item) => item.json.phone_number)).toEqual([numbers[1]]);
		expect(
			changes.map((item) => [
				item.json.phone_number,
				(item.json.previous as { spam_risk: string }).spam_risk,
			]),
		).toEqual([
			[numbers[1], 'low'],
			[numbers[2], 'high'],
		]);
	});

	test('a number removed and added again starts from a new baseline: no false change', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		await poll.poll();

		api.sandbox.state.registrations.delete(numbers[0]);
		expect(await poll.poll()).toBeNull();
		expect(keptNumbers(poll)).toBe(1);

		api.sandbox.state.register(enterpriseId, numbers[0]);
		api.sandbox.state.setReputation(numbers[0], { spam_risk: 'high' });
		expect(await poll.poll()).toBeNull();
		api.sandbox.state.setReputation(numbers[0], { spam_risk: 'low' });
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });
		const [items] = (await poll.poll()) ?? [[]];
		expect(items.map((item) => item.json.phone_number)).toEqual([numbers[1]]);
	});

	test('a failed poll changes no state: the change is reported by the next poll that succeeds, once', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		await poll.poll();
		api.sandbox.state.setReputation(numbers[0], { spam_risk: 'high' });
		const before = JSON.stringify(poll.staticData);

		api.sandbox.injectReply(
			{
				status: 503,
				body: { errors: [{ code: '10000', title: 'Service unavailable', detail: 'Try later.' }] },
			},
			Infinity,
		);
		await expect(poll.poll()).rejects.toThrow('Service unavailable: Try later.');
		expect(JSON.stringify(poll.staticData)).toBe(before);

		api.sandbox.reset();
		const numbersAgain = checkedEnterpriseWithId(enterpriseId, numbers);
		api.sandbox.state.setReputation(numbersAgain[0], { spam_risk: 'high' });
		const [items] = (await poll.poll()) ?? [[]];
		expect(items.map((item) => item.json.phone_number)).toEqual([numbers[0]]);
		expect(await poll.poll()).toBeNull();
	});

	test('a key corrected in the credential is used by the next poll: n8n polls with one context while the workflow is active', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(2));
		const parameters = { event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) };
		const poll = new PollingTrigger({ ...api.credential, apiKey: 'KEY_revoked' }, parameters);

		await expect(poll.poll()).rejects.toThrow('Authentication failed');
		await poll.saveCredential({ apiKey: api.credential.apiKey });

		expect(await poll.poll()).toBeNull();
		expect(keptNumbers(poll)).toBe(2);
	});

	test('a 429 is waited out as the API asks, and the poll goes on', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(1));
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		api.sandbox.injectReply({ status: 429, body: { errors: [] }, headers: { 'retry-after': '0' } });

		expect(await poll.poll()).toBeNull();
		expect(api.sandbox.requests).toHaveLength(2);
	});

	test('a server that keeps answering page 1 cannot make the poll spin', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(1));
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		const full = usNumbers(250).map((phone_number) => ({
			phone_number,
			enterprise_id: enterpriseId,
			reputation_data: null,
		}));
		api.sandbox.injectReply(
			{ status: 200, body: { data: full, meta: { page_number: 1, total_pages: 2 } } },
			Infinity,
		);

		await expect(poll.poll()).rejects.toThrow('Telnyx answered page 1 when page 2 was asked for');
		expect(api.sandbox.requests).toHaveLength(2);
	});

	test('every enterprise of the account when none is picked (the account-wide list)', async () => {
		const numbers = usNumbers(2);
		checkedEnterprise([numbers[0]]);
		checkedEnterprise([numbers[1]]);
		const poll = trigger({
			event: 'spamRiskChanged',
			enterpriseId: { __rl: true, mode: 'list', value: '' },
		});
		await poll.poll();
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'medium' });

		const [items] = (await poll.poll()) ?? [[]];
		expect(items.map((item) => item.json.phone_number)).toEqual([numbers[1]]);
		expect(api.sandbox.requests[0].path).toBe('/reputation/numbers');
	});

	test("Fetch Test Event gives a sample on a fictional number with a real number's scores that the settings would report, shaped like a real event, and keeps no baseline", async () => {
		const numbers = usNumbers(2);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
			minimumLevel: 'high',
		});

		const [items] = (await poll.poll('manual')) ?? [[]];

		expect(items.map((item) => item.json)).toEqual([
			{
				sample: true,
				sample_note: `A sample from Fetch Test Event, not a real event: the scores are those of ${numbers[0]}, the change is made up. Its numbers are fictional (555-01xx), and the Telnyx nodes leave it out of anything that bills.`,
				event: 'spamRiskChanged',
				phone_number: '+19495550100',
				enterprise_id: enterpriseId,
				previous: { spam_risk: 'medium' },
				current: expect.objectContaining({ spam_risk: 'high', maturity_score: expect.any(Number) }),
				checked_at: expect.any(String),
			},
		]);
		// One read of one record, not the whole list.
		expect(api.sandbox.requests.map((request) => request.query['page[size]'])).toEqual(['1']);
		expect(poll.staticData).toEqual({});
		expect(await poll.poll()).toBeNull();
	});

	test('Fetch Test Event after activation shows the pending changes without moving the baseline', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		await poll.poll();
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });

		const [test] = (await poll.poll('manual')) ?? [[]];
		const [real] = (await poll.poll()) ?? [[]];

		expect(test.map((item) => item.json.phone_number)).toEqual([numbers[1]]);
		expect(real.map((item) => item.json.phone_number)).toEqual([numbers[1]]);
	});

	test('a state kept by an earlier version (an object by number) is read as it is: no new baseline, the change reported', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		// Each number low (1), listed by pass 1; keyed by its digits in base 36.
		const key = (number: string) => Number(number.replace(/\D/g, '')).toString(36);
		Object.assign(poll.staticData, {
			key: `spamRiskChanged|${enterpriseId}`,
			state: { numbers: Object.fromEntries(numbers.map((number) => [key(number), '11'])), pass: 1 },
		});
		api.sandbox.state.setReputation(numbers[2], { spam_risk: 'high' });

		const [items] = (await poll.poll()) ?? [[]];

		expect(items.map((item) => item.json.phone_number)).toEqual([numbers[2]]);
		expect(keptNumbers(poll)).toBe(3);
		expect(await poll.poll()).toBeNull();
	});

	test('10,000 monitored numbers keep well under a megabyte of static data', async () => {
		const numbers = usNumbers(10_000);
		checkedEnterprise(numbers);
		const poll = trigger({
			event: 'scoreDropped',
			enterpriseId: { __rl: true, mode: 'list', value: '' },
		});

		await poll.poll();

		expect(keptNumbers(poll)).toBe(10_000);
		expect(JSON.stringify(poll.staticData).length).toBeLessThan(250_000);
	}, 60_000);
});

describe('Telnyx Number Reputation Trigger: other events', () => {
	test('Score Dropped: a drop of at least N points, or below the threshold', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = checkedEnterprise(numbers);
		for (const number of numbers)
			api.sandbox.state.setReputation(number, { maturity_score: 80, connection_score: 80 });
		const poll = trigger({
			event: 'scoreDropped',
			enterpriseId: byId(enterpriseId),
			score: 'maturity_score',
			minimumDrop: 15,
			below: 50,
		});
		await poll.poll();

		api.sandbox.state.setReputation(numbers[0], { maturity_score: 70 });
		api.sandbox.state.setReputation(numbers[1], { maturity_score: 60 });
		api.sandbox.state.setReputation(numbers[2], { connection_score: 10 });
		const [first] = (await poll.poll()) ?? [[]];
		api.sandbox.state.setReputation(numbers[0], { maturity_score: 49 });
		const [second] = (await poll.poll()) ?? [[]];

		expect(
			first.map((item) => [
				item.json.phone_number,
				(item.json.previous as { maturity_score: number }).maturity_score,
			]),
		).toEqual([[numbers[1], 80]]);
		expect(second.map((item) => item.json.phone_number)).toEqual([numbers[0]]);
	});

	test('Reputation Checked: every newer check, oldest first', async () => {
		const numbers = usNumbers(3);
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'reputationChecked', enterpriseId: byId(enterpriseId) });
		await poll.poll();
		await new Promise((resolve) => setTimeout(resolve, 5));

		api.sandbox.state.setReputation(numbers[2]);
		await new Promise((resolve) => setTimeout(resolve, 5));
		api.sandbox.state.setReputation(numbers[0]);
		const [items] = (await poll.poll()) ?? [[]];

		expect(items.map((item) => item.json.phone_number)).toEqual([numbers[2], numbers[0]]);
		expect(items[0].json.checked_at).toBe(
			api.sandbox.state.registrations.get(numbers[2])?.reputation_data?.last_refreshed_at,
		);
	});

	test('Remediation Finished: a request that completes is reported in full, with its per-number results', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const request = api.sandbox.state.addRemediation(enterpriseId, numbers);
		const poll = trigger({ event: 'remediationFinished', enterpriseId: byId(enterpriseId) });
		expect(await poll.poll()).toBeNull();

		api.sandbox.state.advanceRemediation(request);
		expect(await poll.poll()).toBeNull();
		api.sandbox.state.advanceRemediation(request);
		const [items] = (await poll.poll()) ?? [[]];

		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			event: 'remediationFinished',
			id: request.id,
			status: 'completed',
			results: { remediated: [numbers[0]], not_flagged: [numbers[1]] },
		});
		expect(await poll.poll()).toBeNull();
	});
});

/** The same enterprise, after a sandbox reset, monitoring the same numbers checked at low risk. */
function checkedEnterpriseWithId(enterpriseId: string, numbers: string[]) {
	api.sandbox.state.addEnterprise('Acme', { id: enterpriseId });
	for (const number of numbers) {
		api.sandbox.state.register(enterpriseId, number);
		api.sandbox.state.setReputation(number, { spam_risk: 'low' });
	}
	return numbers;
}

describe('Telnyx Number Reputation Trigger: Fetch Test Event samples', () => {
	test('Score Dropped: the sample drops the picked score by the picked amount', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(1));
		const poll = trigger({
			event: 'scoreDropped',
			enterpriseId: byId(enterpriseId),
			score: 'engagement_score',
			minimumDrop: 15,
		});

		const [[item]] = (await poll.poll('manual')) ?? [[]];

		const { previous, current } = item.json as Record<string, Record<string, number>>;
		expect(item.json).toMatchObject({ event: 'scoreDropped', sample: true });
		expect(previous.engagement_score - current.engagement_score).toBe(15);
		expect(Object.keys(previous)).toEqual([
			'maturity_score',
			'connection_score',
			'engagement_score',
			'sentiment_score',
		]);
	});

	test('Reputation Checked: the sample has an earlier check as previous', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(1));
		const poll = trigger({ event: 'reputationChecked', enterpriseId: byId(enterpriseId) });

		const [[item]] = (await poll.poll('manual')) ?? [[]];

		const { previous, current } = item.json as Record<string, Record<string, string>>;
		expect(Date.parse(previous.last_refreshed_at)).toBeLessThan(
			Date.parse(current.last_refreshed_at),
		);
		expect(item.json.checked_at).toBe(current.last_refreshed_at);
	});

	test('with no number monitored yet, the sample is an example number that says so, not an error', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Acme').id;
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });

		const [items] = (await poll.poll('manual')) ?? [[]];

		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				event: 'spamRiskChanged',
				sample: true,
				enterprise_id: enterpriseId,
				previous: { spam_risk: 'low' },
				current: expect.objectContaining({ spam_risk: 'medium' }),
				phone_number: '+13125550100',
				sample_note: expect.stringContaining('no number is monitored yet'),
			}),
		]);
	});

	test('Remediation Finished: an unfinished request is shown as the picked status would report it, with results', async () => {
		const numbers = usNumbers(2);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		// The sandbox moves a request one step on each time it is read: in_progress, results null.
		const request = api.sandbox.state.addRemediation(enterpriseId, numbers);
		const poll = trigger({
			event: 'remediationFinished',
			enterpriseId: byId(enterpriseId),
			statuses: ['failed'],
		});

		const [[item]] = (await poll.poll('manual')) ?? [[]];

		expect(item.json).toMatchObject({
			event: 'remediationFinished',
			id: request.id,
			status: 'failed',
			sample: true,
			results: { remediated: [], not_flagged: [] },
			sample_note: expect.stringContaining('is in_progress: shown as it will look once failed.'),
		});
	});

	test('Remediation Finished with no request anywhere in the account: an example request, not an error', async () => {
		api.sandbox.state.addEnterprise('Acme');
		const poll = trigger({
			event: 'remediationFinished',
			enterpriseId: { __rl: true, mode: 'list', value: '' },
		});

		const [[item]] = (await poll.poll('manual')) ?? [[]];

		expect(item.json).toMatchObject({
			event: 'remediationFinished',
			status: 'completed',
			enterprise_id: null,
			sample: true,
			results: { remediated: [expect.any(String)] },
			sample_note: expect.stringContaining('no remediation request yet'),
		});
	});
});

describe('Telnyx Number Reputation Trigger: big accounts within n8n’s poll budget', () => {
	test('a pass longer than the budget goes on in the next poll: a change is reported once, numbers leave only after a complete pass', async () => {
		const numbers = usNumbers(5_000); // 20 pages
		const enterpriseId = checkedEnterprise(numbers);
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		api.sandbox.latencyMs = 100;
		// 20 pages at 100 ms, 5 at a time after the first: reads start at 0, 100, 200, 300 and
		// 400 ms, and a 300 ms budget leaves 240 ms for starting them, so a pass takes more than
		// one poll. (The times are the bench's to measure.)
		const budgetedPoll = async () => await poll.poll('trigger', 300);
		try {
			// The baseline takes more than one poll; none reports anything.
			const baseline = [await budgetedPoll()];
			while (
				(poll.staticData.state as { next?: number }).next !== undefined &&
				baseline.length < 20
			)
				baseline.push(await budgetedPoll());
			expect(baseline.length).toBeGreaterThan(1);
			expect(baseline.every((result) => result === null)).toBe(true);
			expect(keptNumbers(poll)).toBe(5_000);

			// One change on the first page, one on the last; one number removed.
			api.sandbox.state.setReputation(numbers[0], { spam_risk: 'high' });
			api.sandbox.state.setReputation(numbers[4_999], { spam_risk: 'high' });
			api.sandbox.state.registrations.delete(numbers[2_500]);
			const reported: string[] = [];
			let passesEnded = 0;
			for (let count = 0; count < 12; count++) {
				const result = await budgetedPoll();
				reported.push(...(result?.[0] ?? []).map((item) => String(item.json.phone_number)));
				if ((poll.staticData.state as { next?: number }).next === undefined) passesEnded++;
				expect(keptNumbers(poll)).toBe(passesEnded ? 4_999 : 5_000);
			}

			expect(reported.sort()).toEqual([numbers[0], numbers[4_999]].sort());
		} finally {
			api.sandbox.latencyMs = 0;
		}
	}, 60_000);

	test('without a budget (n8n before 2.38) one poll reads every page, a few at a time', async () => {
		const enterpriseId = checkedEnterprise(usNumbers(2_500)); // 10 pages
		const poll = trigger({ event: 'spamRiskChanged', enterpriseId: byId(enterpriseId) });
		api.sandbox.latencyMs = 100;
		try {
			await poll.poll();

			expect(api.sandbox.requests).toHaveLength(10);
			expect(api.sandbox.maxInFlight).toBe(PAGE_CONCURRENCY);
			expect((poll.staticData.state as { next?: number }).next).toBeUndefined();
		} finally {
			api.sandbox.latencyMs = 0;
		}
	});

	test('100,000 monitored numbers keep under 1.5 MB of static data, for every event', async () => {
		const numbers = usNumbers(100_000);
		checkedEnterprise(numbers);
		for (const event of ['spamRiskChanged', 'scoreDropped', 'reputationChecked']) {
			const poll = trigger({ event, enterpriseId: { __rl: true, mode: 'list', value: '' } });
			// A pass at 100,000 takes several polls (the read budget, see readBudget.test.ts).
			for (let polls = 0; polls < 20; polls++) {
				await poll.poll();
				if ((poll.staticData.state as { next?: number }).next === undefined) break;
			}
			expect(keptNumbers(poll)).toBe(100_000);
			expect(JSON.stringify(poll.staticData).length).toBeLessThan(1_500_000);
		}
	}, 300_000);
});
