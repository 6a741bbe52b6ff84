// The credential "Dialer secret" the dialer example's webhook names (n8n's Header Auth), as the
// e2e, the benchmark and `npm run dev` give it: a dialer sends this header with each question.

export const DIALER_SECRET = { name: 'X-Dialer-Secret', value: 'dialer-s3cret-for-local-use' };

/** The credential as n8n's CLI imports it. */
export const dialerCredential = {
	id: 'dialerSecret',
	name: 'Dialer secret',
	type: 'httpHeaderAuth',
	data: DIALER_SECRET,
};
