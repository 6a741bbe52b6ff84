import { forEvent } from './event';
import type { ReputationData } from '../../shared/api/numbers';
import type { Settings } from './numberEvent';
import { numberEvent } from './numberEvent';

const SCORE_FIELDS = [
	'maturity_score',
	'connection_score',
	'engagement_score',
	'sentiment_score',
] as const;

/**
 * The four scores (0 to 100, or none yet) kept as one number in base 36: score + 1 (0 for
 * none) in base 102, at most 6 characters where "72.80.64.75" takes 11.
 */
const BASE = 102;

const packScores = (data: ReputationData | null) =>
	SCORE_FIELDS.reduceRight((packed, field) => {
		const value = data?.[field];
		const score = typeof value === 'number' ? Math.min(100, Math.max(0, Math.round(value))) : -1;
		return packed * BASE + score + 1;
	}, 0).toString(36);

const unpackScores = (kept: string) => {
	let packed = parseInt(kept, 36) || 0;
	return SCORE_FIELDS.map(() => {
		const digit = packed % BASE;
		packed = Math.floor(packed / BASE);
		return digit === 0 ? undefined : digit - 1;
	});
};

/** The indexes in SCORE_FIELDS of the scores the trigger watches. */
const watchedScores = (settings: Settings) => {
	const score = String(settings('score', 'any'));
	return score === 'any'
		? SCORE_FIELDS.map((_, index) => index)
		: [SCORE_FIELDS.indexOf(score as (typeof SCORE_FIELDS)[number])];
};

export const scoreDropped = numberEvent({
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
			displayName: 'Minimum Drop (Points)',
			name: 'minimumDrop',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			description: 'Report a score that fell by this many points (scores are 0 to 100)',
		},
		{
			displayName: 'Score Threshold',
			name: 'below',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
			hint: '0 turns this off',
			description: 'Also report a score that falls below this value, by any amount',
		},
	]),
	keep: packScores,
	previous: (kept) =>
		Object.fromEntries(
			SCORE_FIELDS.map((score, index) => [score, unpackScores(kept)[index] ?? null]),
		),
	isReported(kept, now, settings) {
		const [before, after] = [unpackScores(kept), unpackScores(now)];
		const minimumDrop = Number(settings('minimumDrop', 10));
		const below = Number(settings('below', 0));
		return watchedScores(settings).some((index) => {
			const [from, to] = [before[index], after[index]];
			if (from === undefined || to === undefined || to >= from) return false;
			return from - to >= minimumDrop || (below > 0 && to < below && from >= below);
		});
	},
	example(data, settings) {
		const score = SCORE_FIELDS[watchedScores(settings)[0]];
		const drop = Number(settings('minimumDrop', 10));
		const after = Math.min(
			typeof data[score] === 'number' ? (data[score] as number) : 50,
			100 - drop,
		);
		return { before: { ...data, [score]: after + drop }, after: { ...data, [score]: after } };
	},
});
