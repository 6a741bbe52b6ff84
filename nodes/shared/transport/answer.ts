// The API's answer as the transport reads it: the response, its error envelope's entries and
// its rate-limit headers (what the retry policy and the error mapping both read).
/** In `{ errors: [...] }`, the body of the API's error answers. */
export interface TelnyxErrorEntry {
	code?: string;
	title?: string;
	detail?: string;
	meta?: { url?: string };
	source?: { pointer?: string; parameter?: string };
}

export interface TelnyxResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export function isSuccess(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/** The envelope's entries, or an empty list when the body is not a Telnyx error envelope. */
export function errorEntries(body: unknown): TelnyxErrorEntry[] {
	if (typeof body !== 'object' || body === null) return [];
	const { errors } = body as { errors?: unknown };
	if (!Array.isArray(errors)) return [];
	return errors.filter((e): e is TelnyxErrorEntry => typeof e === 'object' && e !== null);
}

const RATE_LIMIT_HEADERS = [
	'retry-after',
	'x-ratelimit-limit',
	'x-ratelimit-remaining',
	'x-ratelimit-reset',
];

/** The response's rate-limit headers (never the request's), for how long a 429 asks to wait. */
export function rateLimitHeaders(response: TelnyxResponse): Record<string, unknown> {
	return Object.fromEntries(
		RATE_LIMIT_HEADERS.filter((name) => response.headers?.[name] !== undefined).map((name) => [
			name,
			response.headers[name],
		]),
	);
}
