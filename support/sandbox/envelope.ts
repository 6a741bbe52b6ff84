/** The Telnyx error envelope `{ errors: [{ code, title, detail, source, meta }] }`, as Telnyx documents it: https://developers.telnyx.com/docs/overview/errors */
export interface ErrorEntry {
	code: string;
	title: string;
	detail: string;
	meta: { url: string };
	source?: { pointer?: string; parameter?: string };
}

export interface Reply {
	status: number;
	/** An object is sent as JSON; a string or Buffer as it is (malformed JSON, HTML, a PDF). */
	body?: unknown;
	headers?: Record<string, string>;
	/** `reset`: the connection is cut after the headers; `hang`: no answer ever comes. */
	fault?: 'reset' | 'hang';
}

export function entry(
	code: string,
	title: string,
	detail: string,
	source?: ErrorEntry['source'],
): ErrorEntry {
	return {
		code,
		title,
		detail,
		meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` },
		...(source ? { source } : {}),
	};
}

export function errors(status: number, ...entries: ErrorEntry[]): Reply {
	return { status, body: { errors: entries } };
}

// Codes as Telnyx's API reference gives them for these endpoints (10005 invalid parameters,
// 10009 not found, 10015 state guard, 10021 in use), and its error catalog for 401
// (https://developers.telnyx.com/docs/overview/errors/10009).
export const invalid = (detail: string, source?: ErrorEntry['source']) =>
	entry('10005', 'Invalid parameters', detail, source);
export const notFound = (detail: string) =>
	errors(404, entry('10009', 'Resource not found', detail));
export const badRequest = (detail: string, source?: ErrorEntry['source']) =>
	entry('10015', 'Bad Request', detail, source);
export const inUse = (detail: string, source?: ErrorEntry['source']) =>
	entry('10021', 'Resource in use', detail, source);
export const unauthorized = () =>
	errors(
		401,
		entry(
			'10009',
			'Authentication failed',
			'The required authentication headers were either invalid or not included in the request.',
		),
	);

export function page<T>(
	all: Iterable<T>,
	query: URLSearchParams,
	defaultSize: number,
	matches: (record: T) => boolean = () => true,
): Reply {
	const number = Number(query.get('page[number]') ?? 1);
	const size = Number(query.get('page[size]') ?? defaultSize);
	if (!Number.isInteger(number) || number < 1) {
		return errors(422, invalid('must be an integer of at least 1', { parameter: 'page[number]' }));
	}
	if (!Number.isInteger(size) || size < 1) {
		return errors(422, invalid('must be an integer of at least 1', { parameter: 'page[size]' }));
	}
	const pageSize = Math.min(size, 250);
	// One pass that keeps only the page asked for: 100,000 records are paged without copies.
	const [start, end] = [(number - 1) * pageSize, number * pageSize];
	const data: T[] = [];
	let total = 0;
	for (const record of all) {
		if (!matches(record)) continue;
		if (total >= start && total < end) data.push(record);
		total++;
	}
	return {
		status: 200,
		body: {
			data,
			meta: {
				total_pages: Math.ceil(total / pageSize),
				total_results: total,
				page_number: number,
				page_size: data.length,
			},
		},
	};
}
