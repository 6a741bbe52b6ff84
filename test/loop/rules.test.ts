// The loop's Code nodes, each on its own: the history's daily row and the report's figures.
// The pool's rules and the dialer's pick are the package's own (test/callerIdPool).
import { runCodeNode } from './codeNode';

const ENTERPRISE = '2f6b8d0a-4c1e-4a3b-9d5f-7e9a1b3c5d70';

const poolRow = (phone_number: string, fields: Record<string, unknown> = {}) => ({
	phone_number,
	area_code: phone_number.slice(2, 5),
	enterprise_id: ENTERPRISE,
	status: 'active',
	since: '2026-11-01T06:00:00.000Z',
	reason: 'joined the pool',
	remediation_id: '',
	spam_risk: 'low',
	connection_score: 50,
	checked_at: '2026-12-01T06:00:00.000Z',
	...fields,
});
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
	};

	it('keeps one row of pool figures a day, with the worst area codes first', () => {
		const [day] = runCodeNode('caller-id-history', 'Daily pool figures', { input: [summary] });
		expect(day).toMatchObject({ numbers: 10, low: 6, medium: 1, high: 2, unchecked: 1 });
		expect(
			JSON.parse(String(day.worst_area_codes)).map((c: { area_code: string }) => c.area_code),
		).toEqual(['949', '212']);
	});

	it("puts this week against last, the week's changes, resting and restored numbers in the email and the CSV", () => {
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
		const [figures] = runCodeNode('caller-id-weekly-report', 'Figures', {
			'History rows': history,
			'Pool rows': pool,
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
	});
});
