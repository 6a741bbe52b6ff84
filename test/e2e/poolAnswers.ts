// The pool questions asked of the tools in a running n8n ("which of our numbers are high
// risk?", "how healthy is our pool?"), and whether a tool's result answers them completely:
// the answers are read from the sandbox's state when the question is asked.
import { monthlyCost, totalUsd } from '../../nodes/shared/prices';
import type { Sandbox } from '../../support/sandbox/server';

export const FIND_TOOL = 'Find_caller_IDs_needing_attention';
export const SUMMARY_TOOL = 'Summarize_caller_ID_pool';

/** What the model fills in to ask for every high-risk number. */
export const HIGH_RISK_ARGUMENTS = {
	spam_risk_at_least: 'high',
	flagged_only: false,
	never_checked_only: false,
	limit: 1000,
};

interface Verdict {
	ok: boolean;
	detail: string;
}

const parsed = (text: string): Array<Record<string, unknown>> => {
	try {
		const value: unknown = JSON.parse(text);
		return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
	} catch {
		return [];
	}
};

/** Every monitored number of the account whose risk is high, in the sandbox now. */
export function highRiskNumbers(sandbox: Sandbox): string[] {
	return [...sandbox.state.registrations.values()]
		.filter((registration) => registration.reputation_data?.spam_risk === 'high')
		.map((registration) => registration.phone_number)
		.sort();
}

/** The result lists every high-risk number, each once, none other, and says it is complete. */
export function answersHighRisk(text: string, sandbox: Sandbox): Verdict {
	const [counts, ...numbers] = parsed(text);
	const expected = highRiskNumbers(sandbox);
	const listed = numbers.map((number) => String(number.phone_number)).sort();
	return {
		ok:
			expected.length > 50 &&
			counts?.matched === expected.length &&
			counts?.complete === true &&
			JSON.stringify(listed) === JSON.stringify(expected) &&
			numbers.every((number) => number.spam_risk === 'high'),
		detail: `expected ${expected.length} numbers; got ${JSON.stringify(counts)} and ${listed.length} numbers: ${text.slice(0, 500)}`,
	};
}

/** The result is one summary whose counts are the account's. */
export function answersPoolHealth(text: string, sandbox: Sandbox): Verdict {
	const [summary] = parsed(text);
	const registrations = [...sandbox.state.registrations.values()];
	const count = (risk: string) =>
		registrations.filter((registration) => registration.reputation_data?.spam_risk === risk).length;
	const expected = {
		numbers: registrations.length,
		never_checked: registrations.filter((registration) => !registration.reputation_data).length,
		spam_risk: { high: count('high'), medium: count('medium'), low: count('low') },
	};
	const risks = (summary?.spam_risk ?? {}) as Record<string, unknown>;
	return {
		ok:
			expected.numbers >= 50_000 &&
			summary?.numbers === expected.numbers &&
			summary?.never_checked === expected.never_checked &&
			risks.high === expected.spam_risk.high &&
			risks.medium === expected.spam_risk.medium &&
			risks.low === expected.spam_risk.low &&
			JSON.stringify(summary?.area_codes_without_healthy).includes('971') &&
			Array.isArray(summary?.worst),
		detail: `expected ${JSON.stringify(expected)}; got ${text.slice(0, 800)}`,
	};
}

/** What the account's monitoring costs a month: each enterprise with reputation, at its frequency. */
export function accountMonthlyUsd(sandbox: Sandbox): number {
	const costs = [...sandbox.state.enterprises.values()]
		.filter((enterprise) => enterprise.reputation)
		.map(
			(enterprise) =>
				monthlyCost(
					sandbox.state.registrationsOf(enterprise.id).length,
					String(enterprise.reputation!.check_frequency),
				).total_usd,
		);
	return totalUsd(
		1,
		costs.reduce((sum, cost) => sum + cost, 0),
	);
}

/** The result is one summary whose monthly cost is the account's, with this month and its forecast. */
export function answersCost(text: string, sandbox: Sandbox): Verdict {
	const [summary] = parsed(text);
	const cost = (summary?.monthly_cost ?? {}) as Record<string, unknown>;
	const month = (cost.this_month ?? {}) as Record<string, unknown>;
	const expected = accountMonthlyUsd(sandbox);
	return {
		ok:
			cost.total_usd === expected &&
			typeof month.spent_usd === 'number' &&
			typeof month.forecast_usd === 'number' &&
			String(summary?.summary).includes('Monitoring costs about USD'),
		detail: `expected USD ${expected} a month; got ${text.slice(0, 800)}`,
	};
}

/**
 * A free read: a list at the API's largest page (numbers, enterprises, an enterprise's
 * remediation requests), or an enterprise's settings (its check frequency, 1.3).
 */
const isFreeRead = (request: Sandbox['requests'][number]) =>
	request.method === 'GET' &&
	(((request.path === '/reputation/numbers' ||
		request.path === '/enterprises' ||
		/^\/enterprises\/[0-9a-f-]{36}\/reputation\/remediation$/.test(request.path)) &&
		request.query['page[size]'] === '250') ||
		/^\/enterprises\/[0-9a-f-]{36}\/reputation$/.test(request.path));

/** Only free reads were sent: the lists at the API's largest page, and the enterprises' settings. */
export function onlyFreeListReads(requests: Sandbox['requests']): Verdict {
	const others = requests.filter((request) => !isFreeRead(request));
	return {
		ok: requests.length > 0 && others.length === 0,
		detail: JSON.stringify(others.slice(0, 5)),
	};
}
