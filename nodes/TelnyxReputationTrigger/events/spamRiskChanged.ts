import type { NumberEvent } from './numberEvent';
import { forEvent } from './numberEvent';

/** Spam risk levels in order; `-` is a number not checked yet. */
const LEVELS = ['-', 'low', 'medium', 'high'];

const rank = (kept: string) => Math.max(0, LEVELS.indexOf(kept));

export const spamRiskChanged: NumberEvent = {
	option: {
		name: 'Spam Risk Changed',
		value: 'spamRiskChanged',
		description: "A number's spam risk moved (low, medium, high)",
	},
	fields: forEvent('spamRiskChanged', [
		{
			displayName: 'Only When It Rises',
			name: 'onlyRises',
			type: 'boolean',
			default: true,
			description: 'Whether to report only rises (low → medium → high), not falls',
		},
		{
			displayName: 'Minimum Level',
			name: 'minimumLevel',
			type: 'options',
			options: [
				{
					name: 'Medium',
					value: 'medium',
					description: 'Report a number that reaches medium or high (or, for falls, leaves them)',
				},
				{
					name: 'High',
					value: 'high',
					description: 'Report a number that reaches high (or, for falls, leaves it)',
				},
			],
			default: 'medium',
		},
	]),
	keep: (data) => (data?.spam_risk && LEVELS.includes(data.spam_risk) ? data.spam_risk : '-'),
	previous: (kept) => ({ spam_risk: kept === '-' ? null : kept }),
	isReported(kept, now, settings) {
		const minimum = rank(String(settings('minimumLevel', 'medium')));
		const [before, after] = [rank(kept), rank(now)];
		if (after > before) return after >= minimum;
		if (after < before && !settings('onlyRises', true)) return before >= minimum;
		return false;
	},
};
