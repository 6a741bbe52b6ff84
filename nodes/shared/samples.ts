// What a sample is: the item Fetch Test Event gives when nothing real happened. A sample is
// marked where a person looks first (its first two fields) and carries fictional numbers, so
// that an example run with it bills nothing and writes nothing: every billable operation, and
// every step of the pool examples, leaves an item with `sample: true` out.
import type { IDataObject } from 'n8n-workflow';

/** The area code of a sample when the account gives none (Chicago's). */
const EXAMPLE_AREA_CODE = '312';

/**
 * A fictional number of the area code of `real` (a +1 number of the account, which keeps the
 * sample's area code true to the account), or of Chicago's; `index` tells several apart. The
 * NANP keeps 555-0100 to 555-0199 of every area code for fiction: no customer can own one, so
 * Telnyx refuses it even where the marker was lost on the way.
 */
export function fictionalNumber(real: string | undefined, index = 0): string {
	const areaCode = /^\+1(\d{3})\d{7}$/.exec(real ?? '')?.[1] ?? EXAMPLE_AREA_CODE;
	return `+1${areaCode}55501${String(index % 100).padStart(2, '0')}`;
}

/** Whether an input item is a sample: the marker the triggers give, as the item carries it. */
export const isSample = (json: IDataObject | undefined) => json?.sample === true;

/** The first fields of a sample item: what it is and what the nodes after it do with it. */
export function sampleFields(why: string): IDataObject {
	return {
		sample: true,
		sample_note: `A sample from Fetch Test Event, not a real event: ${why} Its numbers are fictional (555-01xx), and the Telnyx nodes leave it out of anything that bills.`,
	};
}

/** What an operation that bills outputs for a sample item it left out. */
export const leftOutSample = (json: IDataObject): IDataObject => ({
	phone_number: typeof json.phone_number === 'string' ? json.phone_number : null,
	status: 'sample',
	error: null,
	note: 'A sample from Fetch Test Event: left out, nothing sent and nothing billed. Publish the workflow to run it on real events.',
});
