import { forEvent } from './event';
import { numberEvent } from './numberEvent';

/** Spam risk levels in order; `-` is a number not checked yet. Kept as the level's index. */
const SPAM_RISK_LEVELS = ['-', 'low', 'medium', 'high'];

/** The index in SPAM_RISK_LEVELS of a kept level (0 for a number not checked yet). */
const levelIndex = (kept: string) => Number(kept) || 0;

export const spamRiskChanged = numberEvent({
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
					name: 'High',
					value: 'high',
					description: 'Report a number that reaches high (or, for falls, leaves it)',
				},
				{
					name: 'Medium',
					value: 'medium',
					description: 'Report a number that reaches medium or high (or, for falls, leaves them)',
				},
			],
			default: 'medium',
		},
	]),
	keep: (data) => String(Math.max(0, SPAM_RISK_LEVELS.indexOf(data?.spam_risk ?? '-'))),
	previous: (kept) => ({
		spam_risk: levelIndex(kept) === 0 ? null : SPAM_RISK_LEVELS[levelIndex(kept)],
	}),
	isReported(kept, now, settings) {
		const minimum = SPAM_RISK_LEVELS.indexOf(String(settings('minimumLevel', 'medium')));
		const [before, after] = [levelIndex(kept), levelIndex(now)];
		if (after > before) return after >= minimum;
		if (after < before && !settings('onlyRises', true)) return before >= minimum;
		return false;
	},
	example(data, settings) {
		const minimum = String(settings('minimumLevel', 'medium'));
		const below = SPAM_RISK_LEVELS[SPAM_RISK_LEVELS.indexOf(minimum) - 1];
		return { before: { ...data, spam_risk: below }, after: { ...data, spam_risk: minimum } };
	},
});
