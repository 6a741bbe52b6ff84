// The number events' read budget at the size our users run: 100,000 monitored numbers (400
// pages of 250). A poll reads at most PAGES_PER_MINUTE pages for each minute since the last
// poll, a pass over the list goes on over several polls, and every change is still reported
// exactly once, within one pass's polls. Through n8n-core's poll function, against the sandbox.
import { unpackNumbers } from '../../nodes/shared/packedNumbers';
import { PAGES_PER_MINUTE } from '../../nodes/TelnyxReputationTrigger/events/numberEvent';
import { PollingTrigger } from '../../support/engine/triggers';
import { usNumbers } from '../../support/sandbox/state';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

interface State {
	numbers: string;
	next?: number;
	polled?: number;
}
const stateOf = (poll: PollingTrigger) => poll.staticData.state as unknown as State;

/** A poll, with how many list reads it made and the numbers it reported. */
async function counted(poll: PollingTrigger) {
	const before = api.sandbox.requests.length;
	const result = await poll.poll();
	return {
		reads: api.sandbox.requests.length - before,
		reported: (result?.[0] ?? []).map((item) => String(item.json.phone_number)),
	};
}

/** Polls until a pass ends (at most `bound` polls): the reads of each poll, the numbers reported. */
async function pass(poll: PollingTrigger, bound = 20) {
	const reads: number[] = [];
	const reported: string[] = [];
	do {
		const one = await counted(poll);
		reads.push(one.reads);
		reported.push(...one.reported);
	} while (stateOf(poll).next !== undefined && reads.length < bound);
	return { reads, reported };
}

/** 11 polls a pass at 100,000: the first reads pages 1-40, each later one 39 new pages and the last page again. */
const POLLS_A_PASS = 1 + Math.ceil((400 - PAGES_PER_MINUTE) / (PAGES_PER_MINUTE - 1));

describe('Telnyx Number Reputation Trigger: the read budget at 100,000 numbers', () => {
	test('at most 40 list reads a poll; a pass in 11 polls; every change reported once within a pass', async () => {
		const numbers = usNumbers(100_000);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		for (const number of numbers) api.sandbox.state.setReputation(number, { spam_risk: 'low' });
		const poll = new PollingTrigger(api.credential, {
			event: 'spamRiskChanged',
			enterpriseId: byId(enterpriseId),
		});

		const baseline = await pass(poll);
		expect(POLLS_A_PASS).toBe(11);
		expect(baseline.reads).toHaveLength(POLLS_A_PASS);
		expect(Math.max(...baseline.reads)).toBe(PAGES_PER_MINUTE);
		expect(baseline.reported).toEqual([]);
		expect(unpackNumbers(stateOf(poll).numbers).size).toBe(100_000);

		// Changes on the first, a middle and the last page; one number removed, one registered.
		for (const index of [0, 50_000, 99_999])
			api.sandbox.state.setReputation(numbers[index], { spam_risk: 'high' });
		api.sandbox.state.registrations.delete(numbers[60_000]);
		const added = usNumbers(1, 100_000)[0];
		api.sandbox.state.register(enterpriseId, added);
		api.sandbox.state.setReputation(added, { spam_risk: 'high' });

		const changes = await pass(poll);
		expect(changes.reads).toHaveLength(POLLS_A_PASS);
		expect(Math.max(...changes.reads)).toBeLessThanOrEqual(PAGES_PER_MINUTE);
		expect(changes.reported.sort()).toEqual([numbers[0], numbers[50_000], numbers[99_999]].sort());
		// The removed number is gone after the pass; the new one is kept from its first sighting.
		expect(unpackNumbers(stateOf(poll).numbers).size).toBe(100_000);

		// A change on a page this pass has read already is reported by the next pass: within 11 polls.
		await counted(poll);
		api.sandbox.state.setReputation(numbers[100], { spam_risk: 'high' });
		const later: string[] = [];
		let polls = 0;
		while (later.length === 0 && polls < 2 * POLLS_A_PASS) {
			later.push(...(await counted(poll)).reported);
			polls++;
		}
		expect(later).toEqual([numbers[100]]);
		expect(polls).toBeLessThanOrEqual(POLLS_A_PASS);
		expect((await pass(poll)).reported).toEqual([]);
	}, 300_000);

	test('a poll after a longer pause reads 40 pages for each minute since the last: the same reads a minute, whatever the Poll Times', async () => {
		const numbers = usNumbers(100_000);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const poll = new PollingTrigger(api.credential, {
			event: 'reputationChecked',
			enterpriseId: byId(enterpriseId),
		});
		await pass(poll);
		const minutesAgo = (minutes: number) => {
			stateOf(poll).polled = Date.now() - minutes * 60_000;
		};

		minutesAgo(5);
		expect((await counted(poll)).reads).toBe(5 * PAGES_PER_MINUTE);
		// Pages 200 (read again) to 400 end the pass, within the 10 minutes' 400 reads.
		minutesAgo(10);
		expect((await counted(poll)).reads).toBe(201);
		expect(stateOf(poll).next).toBeUndefined();
	}, 120_000);
});
