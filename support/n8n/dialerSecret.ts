// The credential "Dialer secret" the dialer example's trigger names (Telnyx Caller ID Dialer
// API), as the e2e, the benchmark, `npm run dev` and the engine tests give it: a dialer sends
// this header with each question.

export const DIALER_SECRET = { name: 'X-Dialer-Secret', value: 'dialer-s3cret-for-local-use' };

/** The credential as n8n's CLI imports it. */
export const dialerCredential = {
	id: 'dialerSecret',
	name: 'Dialer secret',
	type: 'telnyxCallerIdDialerApi',
	data: { headerName: DIALER_SECRET.name, secret: DIALER_SECRET.value },
};
