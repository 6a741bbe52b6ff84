import type { NumberEvent } from './numberEvent';

/** Kept: when the number was last checked. */
export const reputationChecked: NumberEvent = {
	option: {
		name: 'Reputation Checked',
		value: 'reputationChecked',
		description:
			'A number has a newer check than last seen: every fresh result, for your own history',
	},
	fields: [],
	keep: (data) => data?.last_refreshed_at ?? '',
	previous: (kept) => ({ last_refreshed_at: kept === '' ? null : kept }),
	isReported: (kept, now) => now !== '' && (kept === '' || Date.parse(now) > Date.parse(kept)),
};
