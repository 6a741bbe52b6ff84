// What Telnyx bills for Number Reputation, in one place: every amount the nodes say or output
// comes from here. Telnyx's published prices (developers.telnyx.com/docs/number-reputation/pricing,
// as read in December 2026; the API contract's `x-facts.pricing`).
export const PRICES = {
	/** A reputation check: a live lookup, or a scheduled check at the enterprise's frequency. */
	checkUsd: 0.1,
	/** A number submitted for remediation. */
	remediationUsd: 1,
	/** An enterprise with reputation enabled, a month. */
	enterpriseMonthlyUsd: 100,
} as const;

/** `count` times `each` US dollars, in whole cents (0.1 × 3 is 0.3, not 0.30000000000000004). */
export const totalUsd = (count: number, each: number) => Math.round(count * each * 100) / 100;

/** "USD 0.30", "USD 1,200.00". */
export const usd = (amount: number) =>
	`USD ${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
