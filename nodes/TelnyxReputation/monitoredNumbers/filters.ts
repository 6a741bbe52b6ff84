// Get Many's filters on the reputation itself. The API filters only by phone number, so these
// are applied to each page as it is read (scan.ts); all that are set must hold.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemParameters } from '../../shared/parameters/items';
import type { Risk, Score } from './record';
import {
	categoryOf,
	isFlagged,
	lastCheckedOf,
	reputationOf,
	riskOf,
	RISKS,
	SCORES,
	scoreOf,
} from './record';
import { DAY_MS } from '../../shared/days';

export const OWNERSHIP_STATUSES = ['verified', 'pending_confirmation', 'flagged', 'removed'];

const title = (value: string) =>
	value.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase());

/** An ownership status as the picker names it: its flag is about ownership, not reputation. */
const ownershipName = (status: string) =>
	status === 'flagged' ? 'Flagged for Ownership Review' : title(status);

/** In the Filters collection, beside the phone number filters. */
export const reputationFilterFields: INodeProperties[] = [
	{
		displayName: 'Flagged',
		name: 'flagged',
		type: 'boolean',
		default: true,
		description: 'Whether to return only flagged numbers: a spam category, or a high spam risk',
	},
	{
		displayName: 'Never Checked',
		name: 'neverChecked',
		type: 'boolean',
		default: true,
		description: 'Whether to return only numbers that have no reputation data yet',
	},
	{
		displayName: 'Not Checked For (Days)',
		name: 'notCheckedForDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 14,
		description: 'Only numbers last checked more than this many days ago, or never checked',
	},
	{
		displayName: 'Not Checked Since',
		name: 'notCheckedSince',
		type: 'dateTime',
		default: '',
		description: 'Only numbers last checked before this date, or never checked',
	},
	{
		displayName: 'Ownership Status',
		name: 'ownershipStatus',
		type: 'multiOptions',
		options: OWNERSHIP_STATUSES.map((value) => ({ name: ownershipName(value), value })).sort(
			(a, b) => a.name.localeCompare(b.name),
		),
		default: [],
		description: 'Only numbers with one of these ownership statuses',
	},
	{
		displayName: 'Score Below',
		name: 'scoreBelow',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 40,
		description:
			'Only numbers with a score under this value (0-100, higher is better). A score without data (null) is never below.',
	},
	{
		displayName: 'Score Compared',
		name: 'scoreCompared',
		type: 'options',
		options: [
			{ name: 'Any Score', value: 'any', description: 'Any of the four scores is below' },
			...SCORES.map((score) => ({ name: `${title(score)} Score`, value: score })).sort((a, b) =>
				a.name.localeCompare(b.name),
			),
		],
		default: 'any',
		description: 'Which score Score Below looks at',
	},
	{
		displayName: 'Spam Category',
		name: 'spamCategory',
		type: 'string',
		default: '',
		placeholder: 'e.g. Telemarketer',
		description: 'Only numbers flagged with this category (any case)',
	},
	{
		displayName: 'Spam Risk At Least',
		name: 'spamRiskAtLeast',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Medium', value: 'medium', description: 'Medium or high' },
		],
		default: 'high',
		description: 'Only numbers whose spam risk is this level or worse',
	},
];

interface Filters {
	flagged?: boolean;
	neverChecked?: boolean;
	notCheckedForDays?: number;
	notCheckedSince?: string;
	ownershipStatus?: string[];
	scoreBelow?: number;
	scoreCompared?: 'any' | Score;
	spamCategory?: string;
	spamRiskAtLeast?: Risk;
}

type Test = (record: IDataObject) => boolean;

function checkedBefore(item: ItemParameters, filters: Filters, now: number): number | undefined {
	const { notCheckedForDays, notCheckedSince = '' } = filters;
	const limits: number[] = [];
	if (notCheckedForDays !== undefined) limits.push(now - notCheckedForDays * DAY_MS);
	if (notCheckedSince !== '') {
		const since = Date.parse(notCheckedSince);
		if (Number.isNaN(since)) {
			throw new NodeOperationError(
				item.node,
				`"Not Checked Since" is not a date: "${notCheckedSince}"`,
				{ itemIndex: item.itemIndex, description: 'Use a date such as 2026-11-30 or pick one.' },
			);
		}
		limits.push(since);
	}
	return limits.length ? Math.min(...limits) : undefined;
}

/**
 * The test the reputation filters of an item make, or undefined when none is set (the list is
 * then read as the API gives it). `now` is when the read started.
 */
export function readReputationFilter(item: ItemParameters, now: number): Test | undefined {
	const filters = item.get('filters', {}) as Filters;
	const tests: Test[] = [];
	if (filters.flagged) tests.push(isFlagged);
	if (filters.neverChecked) tests.push((record) => reputationOf(record) === undefined);
	const before = checkedBefore(item, filters, now);
	if (before !== undefined) {
		tests.push((record) => (lastCheckedOf(record) ?? -Infinity) < before);
	}
	const statuses = filters.ownershipStatus ?? [];
	if (statuses.length) tests.push((record) => statuses.includes(String(record.ownership_status)));
	if (filters.scoreBelow !== undefined) {
		const below = filters.scoreBelow;
		const compared = filters.scoreCompared ?? 'any';
		const scores = compared === 'any' ? SCORES : [compared];
		tests.push((record) => scores.some((score) => (scoreOf(record, score) ?? Infinity) < below));
	}
	const category = (filters.spamCategory ?? '').trim().toLowerCase();
	if (category !== '') tests.push((record) => categoryOf(record)?.toLowerCase() === category);
	if (filters.spamRiskAtLeast) {
		// A value from an expression (or a model) that is no risk level is refused, not read as "none".
		if (!RISKS.includes(filters.spamRiskAtLeast)) {
			throw new NodeOperationError(
				item.node,
				`"Spam Risk At Least" must be high, medium or low; got "${String(filters.spamRiskAtLeast)}"`,
				{ itemIndex: item.itemIndex },
			);
		}
		const worst = RISKS.slice(0, RISKS.indexOf(filters.spamRiskAtLeast) + 1);
		tests.push((record) => worst.includes(riskOf(record) as Risk));
	}
	return tests.length ? (record) => tests.every((test) => test(record)) : undefined;
}
