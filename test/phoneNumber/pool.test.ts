// Which numbers need attention, and how healthy the pool is: Get Many's reputation filters and
// Get Pool Summary, through n8n's engine, against the sandbox's pool of 50,000 numbers whose
// every answer is known (support/sandbox/pool.ts). The members a filter must return are read
// straight from the sandbox's state; the counts are the pool's, counted by hand.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { expectNoSecret } from '../harness/items';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { usd } from '../../nodes/shared/prices';
import { TOOL_TYPE } from '../../support/engine/nodeTypes';
import { runNode } from '../../support/engine/runNode';
import { POOL_50K, seedPool } from '../../support/sandbox/pool';
import type { Registration } from '../../support/sandbox/state';
import { usNumbers } from '../../support/sandbox/state';

const api = useSandbox();
const DAY_MS = 24 * 60 * 60 * 1000;
const anyEnterprise = { __rl: true, mode: 'list', value: '' };

/** The pool's numbers in the order the API lists them, as the sandbox holds them. */
const pool = () => [...api.sandbox.state.registrations.values()];
const reputation = (r: Registration) => r.reputation_data as Record<string, unknown> | null;
const numbersOf = (items: Array<{ json: IDataObject }>) =>
	items.map((item) => item.json.phone_number);

async function getMany(enterpriseId: string, fields: INodeParameters, typeVersion = 1) {
	const result = await runNode({
		credential: api.credential,
		typeVersion,
		parameters: operation('phoneNumber', 'getMany', {
			enterpriseId: byId(enterpriseId),
			returnAll: true,
			...fields,
		}),
	});
	expect(result.error).toBeUndefined();
	return result;
}

/** Every read was a free list read of 250, each page once. */
function expectEveryPageOnce(pages: number) {
	const read = api.sandbox.requests.map((r) => [r.method, r.query['page[size]']]);
	expect(read).toEqual(Array.from({ length: pages }, () => ['GET', '250']));
	const numbers = api.sandbox.requests.map((r) => Number(r.query['page[number]']));
	expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
}

describe('Get Many: which numbers, over a pool of 50,000', () => {
	let enterpriseId: string;
	beforeEach(() => {
		enterpriseId = seedPool(api.sandbox.state, POOL_50K.numbers);
	});

	test('Spam Risk At Least High: the 125 high-risk numbers, in list order, from 200 free reads', async () => {
		const result = await getMany(enterpriseId, { filters: { spamRiskAtLeast: 'high' } });

		const high = pool().filter((r) => reputation(r)?.spam_risk === 'high');
		expect(high).toHaveLength(POOL_50K.high);
		expect(numbersOf(result.items)).toEqual(high.map((r) => r.phone_number));
		expect(result.items[0].json).toEqual(high[0]);
		expectEveryPageOnce(200);
		expect(result.hints).toEqual([]);
		expectNoSecret(result);
	});

	test('Spam Risk At Least Medium: medium and high, 7,625', async () => {
		const result = await getMany(enterpriseId, { filters: { spamRiskAtLeast: 'medium' } });

		expect(result.items).toHaveLength(POOL_50K.medium + POOL_50K.high);
		expect(numbersOf(result.items)).toEqual(
			pool()
				.filter((r) => ['medium', 'high'].includes(String(reputation(r)?.spam_risk)))
				.map((r) => r.phone_number),
		);
	});

	test('Score Below, any score or a chosen one; a score without data is never below', async () => {
		const anyBelow = await getMany(enterpriseId, { filters: { scoreBelow: 5 } });
		const connectionBelow = await getMany(enterpriseId, {
			filters: { scoreBelow: 30, scoreCompared: 'connection' },
		});

		const scores = (r: Registration) =>
			['maturity', 'connection', 'engagement', 'sentiment'].map(
				(name) => reputation(r)?.[`${name}_score`],
			);
		const expectedAny = pool().filter((r) =>
			scores(r).some((score) => typeof score === 'number' && score < 5),
		);
		const expectedConnection = pool().filter((r) => {
			const score = reputation(r)?.connection_score;
			return typeof score === 'number' && score < 30;
		});
		expect(numbersOf(anyBelow.items)).toEqual(expectedAny.map((r) => r.phone_number));
		expect(numbersOf(connectionBelow.items)).toEqual(expectedConnection.map((r) => r.phone_number));
		expect(expectedAny.length).toBeGreaterThan(1000);
		const noConnection = pool().filter(
			(r) => reputation(r) && reputation(r)!.connection_score === null,
		);
		expect(noConnection).toHaveLength(POOL_50K.noConnectionScore);
		expect(numbersOf(connectionBelow.items)).not.toContain(noConnection[0].phone_number);
	});

	test('Flagged, and Spam Category in any case', async () => {
		const flagged = await getMany(enterpriseId, { filters: { flagged: true } });
		const telemarketers = await getMany(enterpriseId, {
			filters: { spamCategory: ' telemarketer ' },
		});

		const { Survey, Telemarketer, 'Debt Collector': debt } = POOL_50K.categories;
		expect(flagged.items).toHaveLength(Survey + Telemarketer + debt);
		expect(numbersOf(flagged.items)).toEqual(
			pool()
				.filter((r) => reputation(r)?.spam_category)
				.map((r) => r.phone_number),
		);
		expect(telemarketers.items).toHaveLength(Telemarketer);
		expect(
			telemarketers.items.every(
				(item) => (item.json.reputation_data as IDataObject).spam_category === 'Telemarketer',
			),
		).toBe(true);
	});

	test('Never Checked: the 1,000 numbers without reputation data, all in 919', async () => {
		const result = await getMany(enterpriseId, { filters: { neverChecked: true } });

		expect(result.items).toHaveLength(POOL_50K.neverChecked);
		expect(result.items.every((item) => item.json.reputation_data === null)).toBe(true);
		expect(new Set(result.items.map((item) => String(item.json.phone_number).slice(2, 5)))).toEqual(
			new Set(['919']),
		);
	});

	test('Not Checked For 14 days, and Not Checked Since a date: the stale ones and the never checked', async () => {
		const forDays = await getMany(enterpriseId, {
			returnAll: false,
			limit: 3,
			filters: { notCheckedForDays: 14 },
		});
		const since = new Date(Date.now() - 20 * DAY_MS).toISOString();
		const sinceDate = await getMany(enterpriseId, { filters: { notCheckedSince: since } });

		expect(forDays.hints.map((hint) => hint.message)).toEqual([
			'Showing 3 of 23,000 matching numbers: raise Limit, or turn on Return All, to see them all',
		]);
		// i % 25 >= 20: 5 days in 25 (10,000), and the 1,000 never checked.
		expect(sinceDate.items).toHaveLength(11_000);
		expect(numbersOf(sinceDate.items)).toEqual(
			pool()
				.filter((r) => {
					const at = reputation(r)?.last_refreshed_at;
					return at === undefined || Date.parse(String(at)) < Date.parse(since);
				})
				.map((r) => r.phone_number),
		);
	});

	test('Ownership Status: any of those picked', async () => {
		const result = await getMany(enterpriseId, {
			filters: { ownershipStatus: ['pending_confirmation', 'flagged'] },
		});

		const { pending_confirmation: pending, flagged } = POOL_50K.ownership;
		expect(result.items).toHaveLength(pending + flagged);
		expect(numbersOf(result.items)).toEqual(
			pool()
				.filter((r) => ['pending_confirmation', 'flagged'].includes(r.ownership_status))
				.map((r) => r.phone_number),
		);
	});

	test('filters together: every one must hold; with the API\'s own "contains" filter sent', async () => {
		const result = await getMany(enterpriseId, {
			filters: { spamRiskAtLeast: 'high', spamCategory: 'Debt Collector', contains: '51220' },
		});

		expect(numbersOf(result.items)).toEqual(
			pool()
				.filter(
					(r) =>
						reputation(r)?.spam_category === 'Debt Collector' && r.phone_number.includes('51220'),
				)
				.map((r) => r.phone_number),
		);
		expect(result.items.length).toBeGreaterThan(0);
		expect(api.sandbox.requests[0].query['filter[phone_number][contains]']).toBe('51220');
	});

	test('Worst First with a Limit: the worst 5 (high risk, lowest score, then number), still counting all', async () => {
		const result = await getMany(enterpriseId, {
			returnAll: false,
			limit: 5,
			filters: { spamRiskAtLeast: 'high' },
			options: { worstFirst: true },
		});

		const lowest = (r: Registration) =>
			Math.min(
				...['maturity', 'connection', 'engagement', 'sentiment']
					.map((name) => reputation(r)?.[`${name}_score`])
					.filter((score): score is number => typeof score === 'number'),
			);
		const expected = pool()
			.filter((r) => reputation(r)?.spam_risk === 'high')
			.sort((a, b) => lowest(a) - lowest(b) || a.phone_number.localeCompare(b.phone_number))
			.slice(0, 5);
		expect(numbersOf(result.items)).toEqual(expected.map((r) => r.phone_number));
		// What it sorts by is shown on each item.
		expect(result.items.map((item) => item.json.lowest_score)).toEqual(expected.map(lowest));
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'Showing 5 of 125 matching numbers: raise Limit, or turn on Return All, to see them all',
		]);
		expectEveryPageOnce(200);
	});

	test('Worst First alone sorts the whole pool: high risk first, never checked last', async () => {
		const result = await getMany(enterpriseId, { options: { worstFirst: true } });

		const risks = result.items.map(
			(item) => (item.json.reputation_data as IDataObject | null)?.spam_risk ?? 'none',
		);
		expect(result.items).toHaveLength(POOL_50K.numbers);
		expect(risks.slice(0, POOL_50K.high)).toEqual(Array(POOL_50K.high).fill('high'));
		expect(risks.slice(-POOL_50K.neverChecked)).toEqual(Array(POOL_50K.neverChecked).fill('none'));
	});

	test('Simplify (on by default from version 1.1): the number, its enterprise, its risk, four scores, category and last check', async () => {
		const result = await getMany(enterpriseId, { filters: { spamRiskAtLeast: 'high' } }, 1.1);

		const first = pool().find((r) => reputation(r)?.spam_risk === 'high')!;
		const data = reputation(first)!;
		expect(result.items[0].json).toEqual({
			phone_number: first.phone_number,
			enterprise_id: enterpriseId,
			spam_risk: 'high',
			maturity_score: data.maturity_score,
			connection_score: data.connection_score,
			engagement_score: data.engagement_score,
			sentiment_score: data.sentiment_score,
			spam_category: data.spam_category,
			last_refreshed_at: data.last_refreshed_at,
		});
	});
});

describe('Get Many as a tool: the first item says how many match', () => {
	test('a list cut by Limit says so, and a complete one says it is complete', async () => {
		const enterpriseId = seedPool(api.sandbox.state, POOL_50K.numbers);
		const asTool = async (limit: number) =>
			await runNode({
				credential: api.credential,
				nodeType: TOOL_TYPE,
				typeVersion: 1.1,
				parameters: operation('phoneNumber', 'getMany', {
					enterpriseId: byId(enterpriseId),
					limit,
					filters: { flagged: true, spamRiskAtLeast: 'high' },
				}),
			});

		const [cut, complete] = [await asTool(50), await asTool(1000)];

		expect(cut.items).toHaveLength(51);
		expect(cut.items[0].json).toEqual({
			matched: 125,
			listed: 50,
			complete: false,
			note: 'Only 50 of 125 matching numbers among 50,000 monitored are listed (cut by Limit). Ask again with a higher limit (or Return All) for the rest, or use the pool summary for counts.',
			monitored_numbers_read: 50_000,
		});
		expect(complete.items).toHaveLength(126);
		expect(complete.items[0].json).toMatchObject({ matched: 125, listed: 125, complete: true });
		expect(complete.items.slice(1).every((item) => item.json.spam_risk === 'high')).toBe(true);
	});
});

describe('Get Many: Limit without reputation filters reads only what it shows', () => {
	test('one read of the page Limit needs; a hint gives the length of the whole list', async () => {
		const enterpriseId = seedPool(api.sandbox.state, 600);

		const result = await getMany(enterpriseId, { returnAll: false, limit: 20 });

		expect(result.items).toHaveLength(20);
		expect(api.sandbox.requests.map((r) => r.query['page[size]'])).toEqual(['20']);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'Showing 20 of 600 matching numbers: raise Limit, or turn on Return All, to see them all',
		]);
	});
});

describe('Get Many and the summary on small pools: empty, never checked, scores without data', () => {
	test('an empty pool: no numbers from one read, and a summary of zeros', async () => {
		const enterpriseId = api.sandbox.state.addEnterprise('Empty').id;

		const listed = await getMany(enterpriseId, { filters: { spamRiskAtLeast: 'medium' } });
		const summary = await summarize(enterpriseId);

		expect(listed.items).toEqual([]);
		expect(summary).toMatchObject({
			numbers: 0,
			healthy: 0,
			never_checked: 0,
			spam_risk: { high: 0, medium: 0, low: 0, none: 0 },
			spam_categories: {},
			area_codes: [],
			area_codes_without_healthy: [],
			worst: [],
			pages_read: 1,
		});
		expect((summary.scores as IDataObject).maturity).toEqual({
			with_data: 0,
			low: null,
			median: null,
			high: null,
		});
		expect(api.sandbox.requests).toHaveLength(2);
	});

	test('version 1.3 opens with one sentence, also the hint, and names the numbers never checked so', async () => {
		const numbers = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		api.sandbox.state.setReputation(numbers[0], { spam_risk: 'high', spam_category: null });
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'low', spam_category: null });

		const summary = await summarize(enterpriseId, {}, 1.3);

		// This month so far depends on the day of the month (spend.test.ts checks it exactly).
		const month = (summary.monthly_cost as IDataObject).this_month as IDataObject;
		const sentence = `4 numbers: 1 healthy, 1 needing attention (1 high risk), 2 never checked; 0 not checked in 14 days. Monitoring costs about USD 108.70 a month (business_daily checks); this month so far about ${usd(Number(month.spent_usd))}, forecast USD 108.70.`;
		expect(Object.keys(summary).slice(0, 2)).toEqual(['summary', 'enterprise_id']);
		expect(summary.summary).toBe(sentence);
		expect(summary.spam_risk).toEqual({ high: 1, medium: 0, low: 1, never_checked: 2 });
	});

	test('a pool never checked: every number unknown, no area code healthy, none worst', async () => {
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(usNumbers(300));

		const neverChecked = await getMany(enterpriseId, { filters: { neverChecked: true } });
		const high = await getMany(enterpriseId, { filters: { spamRiskAtLeast: 'medium' } });
		const stale = await getMany(enterpriseId, { filters: { notCheckedForDays: 0 } });
		const summary = await summarize(enterpriseId, { worst: 3 });

		expect(neverChecked.items).toHaveLength(300);
		expect(high.items).toHaveLength(0);
		expect(stale.items).toHaveLength(300);
		expect(summary).toMatchObject({
			numbers: 300,
			healthy: 0,
			needing_attention: 0,
			never_checked: 300,
			stale: 0,
			spam_risk: { high: 0, medium: 0, low: 0, none: 300 },
			area_codes: [
				{
					area_code: '949',
					numbers: 300,
					healthy: 0,
					high: 0,
					medium: 0,
					low: 0,
					never_checked: 300,
				},
			],
			area_codes_without_healthy: ['949'],
		});
		// Unknown is not bad: the never checked come after every checked number, here all of them.
		expect((summary.worst as IDataObject[]).map((r) => r.phone_number)).toEqual(usNumbers(3));
	});

	test('scores without data: no spread from nulls, a median of the others', async () => {
		const numbers = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const scores = [10, null, 30, 60];
		numbers.forEach((number, index) =>
			api.sandbox.state.setReputation(number, {
				spam_risk: 'low',
				spam_category: null,
				maturity_score: scores[index],
				connection_score: null,
				engagement_score: index,
				sentiment_score: 50,
			}),
		);

		const summary = await summarize(enterpriseId);
		const below = await getMany(enterpriseId, {
			filters: { scoreBelow: 100, scoreCompared: 'connection' },
		});

		expect(summary.scores).toEqual({
			maturity: { with_data: 3, low: 10, median: 30, high: 60 },
			connection: { with_data: 0, low: null, median: null, high: null },
			engagement: { with_data: 4, low: 0, median: 1.5, high: 3 },
			sentiment: { with_data: 4, low: 50, median: 50, high: 50 },
		});
		expect(below.items).toHaveLength(0);
	});
});

async function summarize(enterpriseId: string, fields: INodeParameters = {}, typeVersion = 1) {
	const result = await runNode({
		credential: api.credential,
		typeVersion,
		parameters: operation('phoneNumber', 'getPoolSummary', {
			enterpriseId: enterpriseId === '' ? anyEnterprise : byId(enterpriseId),
			...fields,
		}),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expectNoSecret(result);
	return result.items[0].json;
}

describe('Get Pool Summary: how healthy the pool of 50,000 is, in one item', () => {
	test('counts per risk, ownership and category; never checked, stale; from 200 free reads', async () => {
		const enterpriseId = seedPool(api.sandbox.state, POOL_50K.numbers);

		const summary = await summarize(enterpriseId);

		expect(summary).toMatchObject({
			enterprise_id: enterpriseId,
			numbers: POOL_50K.numbers,
			healthy: POOL_50K.healthy,
			needing_attention: POOL_50K.high + POOL_50K.medium,
			never_checked: POOL_50K.neverChecked,
			stale: POOL_50K.staleAfter14Days,
			stale_after_days: 14,
			spam_risk: {
				high: POOL_50K.high,
				medium: POOL_50K.medium,
				low: POOL_50K.low,
				none: POOL_50K.neverChecked,
			},
			ownership_status: POOL_50K.ownership,
			area_codes_without_healthy: POOL_50K.areaCodesWithoutHealthy,
			pages_read: 200,
		});
		// Largest first.
		expect(Object.entries(summary.spam_categories as IDataObject)).toEqual([
			['Survey', 2_500],
			['Telemarketer', 63],
			['Debt Collector', 62],
		]);
		expectEveryPageOnce(200);
	});

	test('healthy numbers per area code: 971 has none', async () => {
		const enterpriseId = seedPool(api.sandbox.state, POOL_50K.numbers);

		const summary = await summarize(enterpriseId);

		const row = (areaCode: string, counts: IDataObject) => ({
			area_code: areaCode,
			numbers: 5_000,
			high: 0,
			medium: 0,
			low: 0,
			never_checked: 0,
			...counts,
		});
		const healthyOnly = (areaCode: string) => row(areaCode, { healthy: 5_000, low: 5_000 });
		expect(summary.area_codes).toEqual([
			healthyOnly('212'),
			healthyOnly('310'),
			healthyOnly('415'),
			row('512', { healthy: 4_875, high: 125, low: 4_875 }),
			row('617', { healthy: 2_500, medium: 2_500, low: 2_500 }),
			healthyOnly('702'),
			healthyOnly('801'),
			row('919', { healthy: 4_000, low: 4_000, never_checked: 1_000 }),
			healthyOnly('949'),
			row('971', { healthy: 0, medium: 5_000 }),
		]);
	});

	test("each score's spread and the worst 10, exact; Simplify lists the worst as nine fields", async () => {
		const enterpriseId = seedPool(api.sandbox.state, POOL_50K.numbers);

		const summary = await summarize(enterpriseId, { worst: 10 }, 1.1);

		const checked = pool().filter((r) => reputation(r));
		for (const name of ['maturity', 'connection', 'engagement', 'sentiment']) {
			const values = checked
				.map((r) => reputation(r)![`${name}_score`])
				.filter((score): score is number => typeof score === 'number')
				.sort((a, b) => a - b);
			const middle = values.length / 2;
			expect((summary.scores as IDataObject)[name]).toEqual({
				with_data: values.length,
				low: values[0],
				median:
					values.length % 2
						? values[Math.floor(middle)]
						: (values[middle - 1] + values[middle]) / 2,
				high: values[values.length - 1],
			});
		}
		const lowest = (r: Registration) =>
			Math.min(
				...['maturity', 'connection', 'engagement', 'sentiment']
					.map((name) => reputation(r)?.[`${name}_score`])
					.filter((score): score is number => typeof score === 'number'),
			);
		const worst = pool()
			.filter((r) => reputation(r)?.spam_risk === 'high')
			.sort((a, b) => lowest(a) - lowest(b) || a.phone_number.localeCompare(b.phone_number))
			.slice(0, 10);
		const listed = summary.worst as IDataObject[];
		expect(listed.map((r) => r.phone_number)).toEqual(worst.map((r) => r.phone_number));
		expect(Object.keys(listed[0])).toEqual([
			'phone_number',
			'enterprise_id',
			'spam_risk',
			'maturity_score',
			'connection_score',
			'engagement_score',
			'sentiment_score',
			'spam_category',
			'last_refreshed_at',
		]);
	});

	test('the whole account: every enterprise named, with its own counts', async () => {
		seedPool(api.sandbox.state, 1_000);
		const small = api.sandbox.state.enterpriseMonitoring(usNumbers(3));
		for (const number of usNumbers(3))
			api.sandbox.state.setReputation(number, { spam_risk: 'high' });
		const idle = api.sandbox.state.addEnterprise('Globex Clinics Inc').id;

		const summary = await summarize('');

		expect(summary.enterprise_id).toBeNull();
		expect(summary.numbers).toBe(1_003);
		expect(summary.enterprises).toEqual([
			expect.objectContaining({
				name: 'Acme Outbound LLC (Acme Outbound)',
				numbers: 1_000,
				never_checked: 20,
			}),
			expect.objectContaining({
				enterprise_id: small,
				name: 'Acme Dental LLC',
				numbers: 3,
				high: 3,
			}),
			expect.objectContaining({ enterprise_id: idle, name: 'Globex Clinics Inc', numbers: 0 }),
		]);
		expect(api.sandbox.requests.map((r) => r.path)).toEqual([
			'/reputation/numbers',
			'/reputation/numbers',
			'/reputation/numbers',
			'/reputation/numbers',
			'/reputation/numbers',
			'/enterprises',
		]);
	});
});

describe('A pool read that cannot end stops and says why', () => {
	test('a server that answers page 1 for every page stops the filtered read', async () => {
		const enterpriseId = seedPool(api.sandbox.state, 600);
		const firstPage = { data: pool().slice(0, 250), meta: { page_number: 1, total_pages: 3 } };
		api.sandbox.injectReply({ status: 200, body: firstPage }, Infinity);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getPoolSummary', { enterpriseId: byId(enterpriseId) }),
		});

		expect(result.error?.message).toBe('Telnyx answered page 1 when page 2 was asked for');
		expect(api.sandbox.requests.length).toBeLessThanOrEqual(3);
	});

	test('a server that never runs out of pages (and never says how many) is stopped at 1,000', async () => {
		const enterpriseId = seedPool(api.sandbox.state, 250);
		const records = pool();
		api.sandbox.injectReply(
			(request) => ({
				status: 200,
				body: { data: records, meta: { page_number: Number(request.query['page[number]']) } },
			}),
			Infinity,
		);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getPoolSummary', { enterpriseId: byId(enterpriseId) }),
		});

		expect(result.error?.message).toBe(
			'Telnyx kept answering with more pages: stopped after 1,000 pages (250,000 results)',
		);
		expect(api.sandbox.requests).toHaveLength(1_000);
		// 1,000 reads of 250 records: over 30 s with both cores busy (the default bound), so it has
		// its own; past it the abandoned run's reads land in the next test's request log.
	}, 180_000);

	test('a list of more pages than are read in one go is refused after its first page', async () => {
		const enterpriseId = seedPool(api.sandbox.state, 250);
		const endless = { data: pool(), meta: { page_number: 1, total_pages: 1_000_000 } };
		api.sandbox.injectReply({ status: 200, body: endless }, Infinity);

		const result = await runNode({
			credential: api.credential,
			parameters: operation('phoneNumber', 'getMany', {
				enterpriseId: byId(enterpriseId),
				returnAll: true,
				filters: { flagged: true },
			}),
		});

		expect(result.error?.message).toBe(
			'Telnyx lists 1,000,000 pages: more than the 1,000 pages (250,000 results) read in one go',
		);
		expect(api.sandbox.requests).toHaveLength(1);
	});
});

describe('Get: Simplify', () => {
	test('on by default from version 1.1: nine fields; version 1 keeps the full record', async () => {
		seedPool(api.sandbox.state, 10);
		const [high] = pool().filter((r) => reputation(r)?.spam_risk === 'high');
		const get = async (typeVersion: number) =>
			await runNode({
				credential: api.credential,
				typeVersion,
				parameters: operation('phoneNumber', 'get', {
					enterpriseId: anyEnterprise,
					phoneNumber: high.phone_number,
				}),
			});

		const [simple, full] = [await get(1.1), await get(1)];

		expect(simple.items.map((item) => item.json)).toEqual([
			{ phone_number: high.phone_number, enterprise_id: high.enterprise_id, ...reputation(high) },
		]);
		expect(Object.keys(simple.items[0].json)).toHaveLength(9);
		expect(full.items[0].json).toMatchObject({ id: high.id, reputation_data: reputation(high) });
	});
});
