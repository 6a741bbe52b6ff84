// What Telnyx bills for Number Reputation, in one place: every amount the nodes say or output
// comes from here. Telnyx's published prices (developers.telnyx.com/docs/number-reputation/pricing,
// as read in December 2026; the API contract's `x-facts.pricing`).
export interface Prices {
	/** A reputation check: a live lookup, or a scheduled check at the enterprise's frequency. */
	checkUsd: number;
	/** A number submitted for remediation. */
	remediationUsd: number;
	/** An enterprise with reputation enabled, a month. */
	enterpriseMonthlyUsd: number;
}

/** Telnyx's published prices; an account with negotiated ones sets them in the credential. */
export const PRICES: Prices = { checkUsd: 0.1, remediationUsd: 1, enterpriseMonthlyUsd: 100 };

/** `count` times `each` US dollars, in whole cents (0.1 × 3 is 0.3, not 0.30000000000000004). */
export const totalUsd = (count: number, each: number) => Math.round(count * each * 100) / 100;

/** Dollars as every message writes them: "USD 0.30", "USD 1,200.00". */
export const usd = (amount: number) =>
	`USD ${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * Scheduled checks a month at each check frequency Telnyx offers: a year's business days (261),
 * days, weeks and fortnights over twelve months. Each check bills `PRICES.checkUsd`.
 */
export const CHECKS_PER_MONTH: Record<string, number> = {
	business_daily: 261 / 12,
	daily: 365 / 12,
	weekly: 52 / 12,
	biweekly: 26 / 12,
	monthly: 1,
	never: 0,
};

/** What `numbers` monitored numbers' scheduled checks cost a month at `frequency`. */
export const checksMonthlyUsd = (numbers: number, frequency: string, prices = PRICES) =>
	totalUsd(numbers * (CHECKS_PER_MONTH[frequency] ?? 0), prices.checkUsd);

/** What monitoring costs a month at `frequency`: the checks, and the enterprise's fee. */
export function monthlyCost(numbers: number, frequency: string, prices = PRICES) {
	const withFee = (at: string) =>
		totalUsd(1, checksMonthlyUsd(numbers, at, prices) + prices.enterpriseMonthlyUsd);
	return {
		check_frequency: frequency,
		numbers,
		checks_usd: checksMonthlyUsd(numbers, frequency, prices),
		enterprise_fee_usd: prices.enterpriseMonthlyUsd,
		total_usd: withFee(frequency),
		at_each_frequency_usd: Object.fromEntries(
			Object.keys(CHECKS_PER_MONTH).map((other) => [other, withFee(other)]),
		),
	};
}

/** This month in UTC: its name, its first moment, how many days it has and how many began. */
export function monthOf(now: number) {
	const date = new Date(now);
	const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
	return {
		month: `${year}-${String(month + 1).padStart(2, '0')}`,
		start: new Date(Date.UTC(year, month, 1)).toISOString(),
		days: new Date(Date.UTC(year, month + 1, 0)).getUTCDate(),
		elapsed: date.getUTCDate(),
	};
}

/**
 * What this month has cost so far and will cost: the fees in full, the scheduled checks for
 * the days begun (today included) at today's numbers and frequency (an estimate: Telnyx lists
 * no checks), the numbers remediated since the month began (counted), and the forecast: the
 * month's checks in full. `budget` (0: none) is set beside the forecast.
 */
export function monthToDate(
	month: { feesUsd: number; checksUsd: number; remediatedNumbers: number },
	prices: Prices,
	now: number,
	budget = 0,
) {
	const { month: name, days, elapsed } = monthOf(now);
	const checks = totalUsd(month.checksUsd, elapsed / days);
	const remediations = totalUsd(month.remediatedNumbers, prices.remediationUsd);
	const forecast = totalUsd(1, month.feesUsd + month.checksUsd + remediations);
	return {
		month: name,
		days_elapsed: elapsed,
		days_in_month: days,
		checks_usd: checks,
		remediated_numbers: month.remediatedNumbers,
		remediations_usd: remediations,
		spent_usd: totalUsd(1, month.feesUsd + checks + remediations),
		forecast_usd: forecast,
		budget_usd: budget > 0 ? budget : null,
		over_budget: budget > 0 ? forecast > budget : null,
	};
}
