// The loop's Code nodes, each on its own: the history's daily row and the report's figures.
// The pool's rules and the dialer's pick are the package's own (test/callerIdPool).
import type { IDataObject } from 'n8n-workflow';

import { poolRowOf } from '../callerIdPool/poolRow';
import { runCodeNode } from './codeNode';

const ENTERPRISE = '2f6b8d0a-4c1e-4a3b-9d5f-7e9a1b3c5d70';

const poolRow = (phone_number: string, fields: IDataObject = {}) =>
	poolRowOf(ENTERPRISE, phone_number, fields);
describe('the history and the report (examples/caller-id-history, caller-id-weekly-report)', () => {
	const summary = {
		numbers: 10,
		healthy: 6,
		spam_risk: { low: 6, medium: 1, high: 2, never_checked: 1 },
		area_codes: [
			{ area_code: '212', numbers: 4, high: 0, medium: 1 },
			{ area_code: '949', numbers: 4, high: 2, medium: 0 },
			{ area_code: '312', numbers: 2, high: 0, medium: 0 },
		],
		monthly_cost: {
			total_usd: 121.75,
			this_month: {
				spent_usd: 107.02,
				forecast_usd: 124.75,
				budget_usd: 150,
				remediated_numbers: 3,
			},
		},
	};

	it('keeps one row of pool figures a day, with the worst area codes first', () => {
		const [day] = runCodeNode('caller-id-history', 'Daily pool figures', { input: [summary] });
		expect(day).toMatchObject({ numbers: 10, low: 6, medium: 1, high: 2, unchecked: 1 });
		expect(day).toMatchObject({
			spent_usd: 107.02,
			forecast_usd: 124.75,
			budget_usd: 150,
			remediated: 3,
		});
		expect(
			JSON.parse(String(day.worst_area_codes)).map((c: { area_code: string }) => c.area_code),
		).toEqual(['949', '212']);
	});

	it('keeps a budget of 0 where none is set, and no spend where reputation is not enabled', () => {
		const [day] = runCodeNode('caller-id-history', 'Daily pool figures', {
			input: [{ ...summary, monthly_cost: null }],
		});
		expect(day).toMatchObject({ spent_usd: 0, forecast_usd: 0, budget_usd: 0, remediated: 0 });
	});

	it("puts this month's spend, this week against last, the week's changes, resting and restored numbers in the email and the CSV", () => {
		const history = [
			{
				kind: 'pool',
				day: '2026-11-23',
				numbers: 10,
				low: 9,
				medium: 0,
				high: 1,
				unchecked: 0,
				worst_area_codes: '[]',
			},
			{
				kind: 'pool',
				day: '2026-11-30',
				numbers: 10,
				low: 6,
				medium: 1,
				high: 2,
				unchecked: 1,
				worst_area_codes: '[{"area_code":"949","numbers":4,"high":2,"medium":0}]',
				spent_usd: 80,
				forecast_usd: 160,
				budget_usd: 150,
				remediated: 2,
			},
			{
				kind: 'change',
				day: '2026-11-20',
				phone_number: '+19495550100',
				previous: 'low',
				current: 'high',
				checked_at: '2026-11-20T06:00:00Z',
			},
			{
				kind: 'change',
				day: '2026-11-28',
				phone_number: '+19495550101',
				previous: 'low',
				current: 'high',
				checked_at: '2026-11-28T06:00:00Z',
			},
		];
		const pool = [
			poolRow('+19495550101', {
				status: 'remediating',
				since: '2026-11-28T06:01:00Z',
				reason: 'high risk: rested',
			}),
			poolRow('+19495550100', {
				status: 'active',
				since: '2026-11-29T06:00:00Z',
				reason: 'restored: remediation completed, reads low risk',
			}),
		];
		// What the filtered reads return: a read of no rows gives one empty item (alwaysOutputData).
		const [figures] = runCodeNode('caller-id-weekly-report', 'Figures', {
			'Recent days': history.filter((row) => row.kind === 'pool'),
			'Changes this week': history.filter((row) => row.kind === 'change'),
			'Resting now': pool.filter((row) => row.status !== 'active'),
			'Restored this week': pool.filter((row) => row.status === 'active'),
		});
		expect(figures.week).toBe('2026-11-23 to 2026-11-30');
		const csv = String(figures.csv).split('\r\n');
		expect(csv).toContain('"spam_risk","high","2","1","2026-11-30"');
		expect(csv.filter((line) => line.startsWith('"changed"'))).toEqual([
			'"changed","+19495550101","high","low","2026-11-28T06:00:00Z"',
		]);
		expect(csv.filter((line) => line.startsWith('"resting"'))).toHaveLength(1);
		expect(csv.filter((line) => line.startsWith('"restored"'))).toHaveLength(1);
		expect(csv).toContain('"worst_area_code","949","2","4","2026-11-30"');
		expect(String(figures.chart).match(/height:14px/g)).toHaveLength(8);
		// Spent, forecast and budget on one scale: the forecast's bar is the longest, over the budget's.
		expect(csv).toContain('"spend","forecast_usd","160","","2026-11-30"');
		const widths = [...String(figures.spend).matchAll(/height:18px;width:([\d.]+)%/g)].map(
			(match) => Number(match[1]),
		);
		expect(widths).toEqual([50, 100, 93.8]);
		expect(String(figures.spend)).toContain('USD 160.00');
		expect(figures.verdict).toContain('over the budget by USD 10.00');
	});

	it('at any pool size the report carries at most its reads: under 1 MB of items at their limits (250 rows each)', () => {
		// A data table row as n8n's Data table node outputs it: its columns, id, createdAt, updatedAt.
		const stored = (row: object, id: number) => ({
			id,
			...row,
			createdAt: '2026-12-07T06:00:00.000Z',
			updatedAt: '2026-12-07T06:00:00.000Z',
		});
		const number = (i: number) => `+1949${String(5550000 + i)}`;
		const reads = {
			'Recent days': Array.from({ length: 9 }, (_, day) =>
				stored(
					{
						kind: 'pool',
						day: `2026-11-${String(22 + day).padStart(2, '0')}`,
						numbers: 100000,
						low: 90000,
						medium: 6000,
						high: 3000,
						unchecked: 1000,
						healthy: 90000,
						worst_area_codes: JSON.stringify(
							Array.from({ length: 5 }, (_, i) => ({
								area_code: `9${i}9`,
								numbers: 900,
								high: 90,
								medium: 90,
							})),
						),
						spent_usd: 123456.78,
						forecast_usd: 217600,
						budget_usd: 200000,
						remediated: 5000,
					},
					day,
				),
			),
			'Changes this week': Array.from({ length: 250 }, (_, i) =>
				stored(
					{
						kind: 'change',
						day: '2026-11-29',
						phone_number: number(i),
						area_code: '949',
						previous: 'low',
						current: 'high',
						checked_at: '2026-11-29T06:00:00.000Z',
					},
					i,
				),
			),
			'Resting now': Array.from({ length: 250 }, (_, i) =>
				stored(poolRow(number(i), { status: 'remediating', reason: 'high risk: rested' }), i),
			),
			'Restored this week': Array.from({ length: 250 }, (_, i) =>
				stored(
					poolRow(number(i), {
						since: '2026-11-29T06:00:00.000Z',
						reason: 'restored: remediation completed, reads low risk',
					}),
					i,
				),
			),
		};
		const [figures] = runCodeNode('caller-id-weekly-report', 'Figures', reads);
		const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
		const page = ['chart', 'spend', 'verdict', 'changes', 'resting', 'restored', 'worst']
			.map((piece) => String(figures[piece]))
			.join('');
		// Saved once each: the reads and the figures; the page three times (Report page, Page and
		// attachment, Send the report) and the CSV as a file twice, in base64.
		const saved =
			Object.values(reads).reduce((sum, rows) => sum + size(rows), 0) +
			size(figures) +
			3 * Buffer.byteLength(page) +
			2 * Math.ceil((Buffer.byteLength(String(figures.csv)) * 4) / 3);
		expect(saved).toBeLessThan(1_000_000);
		expect(String(figures.changes)).toContain('At least 250 changes: the first 50 are listed here');
	});

	it('says so when no history row exists yet and no budget is set', () => {
		const [figures] = runCodeNode('caller-id-weekly-report', 'Figures', {
			'Recent days': [{}],
			'Changes this week': [{}],
			'Resting now': [{}],
			'Restored this week': [{}],
		});
		expect(String(figures.week)).toContain('no daily figures yet');
		expect(String(figures.spend).match(/height:18px/g)).toHaveLength(2);
		expect(figures.verdict).toContain('No budget is set');
		expect(String(figures.resting)).toContain('None.');
	});
});
