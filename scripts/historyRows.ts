// A day's row of pool figures at 100,000 numbers, as the history example writes it: the
// measuring scripts' widest history row (its worst area codes).
export const POOL_FIGURES_100K = {
	kind: 'pool',
	numbers: 100_000,
	low: 91_000,
	medium: 7_500,
	high: 1_200,
	unchecked: 300,
	healthy: 90_500,
	worst_area_codes: JSON.stringify(
		['512', '971', '617', '213', '305'].map((area_code) => ({
			area_code,
			numbers: 4000,
			high: 300,
			medium: 900,
		})),
	),
};
