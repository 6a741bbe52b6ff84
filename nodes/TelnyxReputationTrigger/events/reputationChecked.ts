import { numberEvent } from './numberEvent';
import { DAY_MS } from '../../shared/days';

/** Kept: when the number was last checked, in milliseconds, base 36 (8 characters, not an ISO date's 27). */
const checkedAtMs = (kept: string) => (kept === '' ? undefined : parseInt(kept, 36));

export const reputationChecked = numberEvent({
	option: {
		name: 'Reputation Checked',
		value: 'reputationChecked',
		description:
			'A number has a newer check than last seen: every fresh result, for your own history',
	},
	fields: [],
	keep: (data) => {
		const checked = Date.parse(data?.last_refreshed_at ?? '');
		return Number.isNaN(checked) ? '' : checked.toString(36);
	},
	previous: (kept) => ({
		last_refreshed_at: kept === '' ? null : new Date(checkedAtMs(kept) as number).toISOString(),
	}),
	isReported: (kept, now) =>
		now !== '' && (kept === '' || (checkedAtMs(now) as number) > (checkedAtMs(kept) as number)),
	example(data) {
		const checked = Date.parse(data.last_refreshed_at ?? '') || Date.now();
		return {
			before: { ...data, last_refreshed_at: new Date(checked - DAY_MS).toISOString() },
			after: { ...data, last_refreshed_at: new Date(checked).toISOString() },
		};
	},
});
