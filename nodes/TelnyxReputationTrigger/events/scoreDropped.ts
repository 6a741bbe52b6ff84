import type { NumberEvent, Settings } from './numberEvent';
import { forEvent } from './numberEvent';

const SCORES = [
	'maturity_score',
	'connection_score',
	'engagement_score',
	'sentiment_score',
] as const;

/** The four scores, kept as "72.80.64.75" ("" for a score not checked yet). */
const parse = (kept: string) =>
	kept.split('.').map((score) => (score === '' ? undefined : Number(score)));

const watched = (settings: Settings) => {
	const score = String(settings('score', 'any'));
	return score === 'any'
		? SCORES.map((_, index) => index)
		: [SCORES.indexOf(score as (typeof SCORES)[number])];
};

export const scoreDropped: NumberEvent = {
	option: {
		name: 'Score Dropped',
		value: 'scoreDropped',
		description: 'A reputation score (maturity, connection, engagement, sentiment) fell',
	},
	fields: forEvent('scoreDropped', [
		{
			displayName: 'Score',
			name: 'score',
			type: 'options',
			options: [
				{ name: 'Any of the Four', value: 'any' },
				{ name: 'Connection', value: 'connection_score' },
				{ name: 'Engagement', value: 'engagement_score' },
				{ name: 'Maturity', value: 'maturity_score' },
				{ name: 'Sentiment', value: 'sentiment_score' },
			],
			default: 'any',
		},
		{
			displayName: 'Drop of at Least (Points)',
			name: 'minimumDrop',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			description: 'Report a score that fell by this many points (scores are 0 to 100)',
		},
		{
			displayName: 'Or Below',
			name: 'below',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
			description:
				'Also report a score that fell below this value, by any amount. 0 turns this off.',
		},
	]),
	keep: (data) =>
		SCORES.map((score) => (typeof data?.[score] === 'number' ? String(data[score]) : '')).join('.'),
	previous: (kept) =>
		Object.fromEntries(SCORES.map((score, index) => [score, parse(kept)[index] ?? null])),
	isReported(kept, now, settings) {
		const [before, after] = [parse(kept), parse(now)];
		const minimumDrop = Number(settings('minimumDrop', 10));
		const below = Number(settings('below', 0));
		return watched(settings).some((index) => {
			const [from, to] = [before[index], after[index]];
			if (from === undefined || to === undefined || to >= from) return false;
			return from - to >= minimumDrop || (below > 0 && to < below && from >= below);
		});
	},
};
