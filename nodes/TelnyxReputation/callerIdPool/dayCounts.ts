// The day's counts as the dialer's workflow saves them: one row of the calls table
// (caller_id_calls) per day and n8n process, written again at every save. That is one upsert
// into a table of a few rows, however many numbers were dialled: a write per number into the
// pool table (100,000 rows, matched without an index) kept n8n's database so busy at 20 calls a
// second that every answer waited for it.
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

/** A row of the calls table. */
export interface DayCounts {
	day: string;
	/**
	 * Which n8n process counted, and for which pool: the process is new each time n8n starts, so
	 * a restart adds a row, and two pools of one n8n never write each other's row.
	 */
	process: string;
	/** `+19495550101=12,+19495550102=11`: each number dialled that day and its calls. */
	counts: string;
	numbers: number;
}

const THIS_PROCESS = randomUUID().slice(0, 8);

export function dayCountsOf(
	day: string,
	pool: string,
	counted: Array<[string, number]>,
): DayCounts {
	return {
		day,
		process: `${THIS_PROCESS} ${pool}`,
		counts: counted.map(([phoneNumber, calls]) => `${phoneNumber}=${calls}`).join(','),
		numbers: counted.length,
	};
}

/** Whether an item read from the calls table is one of its rows (not a pool row, not an error). */
export const isDayCounts = (json: IDataObject) =>
	typeof json.counts === 'string' && typeof json.day === 'string';

/** The numbers and calls a row holds; a pair that does not read as one is skipped. */
export function countsIn(row: IDataObject): Array<[string, number]> {
	const pairs: Array<[string, number]> = [];
	for (const pair of String(row.counts).split(',')) {
		const [phoneNumber, calls] = pair.split('=');
		if (phoneNumber && Number(calls) > 0) pairs.push([phoneNumber, Number(calls)]);
	}
	return pairs;
}
