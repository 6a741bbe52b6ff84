import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from './credentials';
import type { ApiRequest } from './request';
import { telnyxAnswer } from './request';

import { runBounded } from '../bounded';
import { matchesQuery } from '../queryFilters';
import { formatCount } from '../text';

/** The API caps pages at 250 and clamps larger sizes. */
export const MAX_PAGE_SIZE = 250;

/** Return All reads at most this many pages (250,000 results) before it stops and says so. */
export const MAX_PAGES = 1000;

export interface Page {
	data?: IDataObject[];
	meta?: { page_number?: number; total_pages?: number; total_results?: number };
}

type FetchPage = (pageNumber: number, pageSize: number) => Promise<Page>;

/** Pages read at once after the first, once it has said how many there are. */
export const PAGE_CONCURRENCY = 5;

export interface PageWindow {
	/** The first page to read (a pass resumed by a later poll). */
	from?: number;
	limit?: number;
	/** No page starts after this time (ms since the epoch); the pages under way are awaited. */
	until?: number;
	/** At most this many pages (a poll's share of a pass); `next` says where to go on. */
	pages?: number;
	/**
	 * The records to keep (the filters the request sent, checked again: a server may ignore
	 * them). Pages are then read at the largest size, and `limit` counts the records kept.
	 */
	keep?: (record: IDataObject) => boolean;
}

/** Records read, and the page to read next when `until` stopped the reads before the end. */
export interface PagesRead {
	records: IDataObject[];
	next?: number;
	/** How many pages the list has, when the first page read said so. */
	pages?: number;
	/** How many records the list has, when the first page read said so. */
	results?: number;
	/** Set when the list was seen moving while it was read (see ListWatch). */
	moved?: ListMove;
}

/**
 * How a list was seen moving while it was read. Pages are offsets into a list that records
 * can join or leave meanwhile: a record then comes on two pages (kept once) or is skipped,
 * which shows only as the move itself.
 */
export interface ListMove {
	/** How many records came a second time, on a later page. */
	twice: number;
	/** The counts the pages said, when they differed: the first, then the last different. */
	from?: number;
	to?: number;
}

/** A record's identity in a list: its phone number (number lists), else its id. */
export function recordKey(record: IDataObject): string | undefined {
	const key = record.phone_number ?? record.id;
	return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/**
 * Watches one read of a list, page by page: keeps each record once (by `recordKey`; records
 * without one are all kept) and notes what shows the list moved.
 */
export class ListWatch {
	private readonly seen = new Set<string>();
	private readonly move: ListMove = { twice: 0 };
	private firstTotal?: number;

	/** The page's records not seen earlier in this read. */
	fresh(page: Page): IDataObject[] {
		const { data = [], meta } = page;
		const total = meta?.total_results;
		if (total !== undefined) {
			this.firstTotal ??= total;
			if (total !== this.firstTotal) Object.assign(this.move, { from: this.firstTotal, to: total });
		}
		return data.filter((record) => {
			const key = recordKey(record);
			if (key === undefined) return true;
			if (this.seen.has(key)) {
				this.move.twice++;
				return false;
			}
			this.seen.add(key);
			return true;
		});
	}

	get moved(): ListMove | undefined {
		return this.move.twice > 0 || this.move.from !== undefined ? this.move : undefined;
	}
}

/** What a moved list's answer says of it, e.g. "it went from 1,000 to 1,012 numbers". */
export function describeMove(move: ListMove, noun = 'records'): string {
	const parts: string[] = [];
	if (move.from !== undefined)
		parts.push(`it went from ${formatCount(move.from)} to ${formatCount(move.to ?? 0)} ${noun}`);
	if (move.twice > 0) parts.push(`${formatCount(move.twice)} came on two pages (listed once)`);
	return parts.join('; ');
}

/**
 * A whole-list read again, once, when the list moved while it was read: a Register or a
 * removal running meanwhile has usually ended by then. Bounded: a list still moving is
 * answered as read the second time, its `moved` set. `reads` says how many reads it took.
 */
export async function readSettled<T extends { moved?: ListMove }>(
	read: () => Promise<T>,
): Promise<T & { reads: number }> {
	const first = await read();
	if (!first.moved) return { ...first, reads: 1 };
	return { ...(await read()), reads: 2 };
}

/** A list longer than a node reads in one go, said before or while reading it. */
export function tooManyPages(
	node: INode,
	pages: number | undefined,
	read: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		pages === undefined
			? `Telnyx kept answering with more pages: stopped after ${formatCount(MAX_PAGES)} pages (${formatCount(read)} results)`
			: `Telnyx lists ${formatCount(pages)} pages: more than the ${formatCount(MAX_PAGES)} pages (${formatCount(MAX_PAGES * MAX_PAGE_SIZE)} results) read in one go`,
		{ description: 'Narrow the list with a filter, or use Limit instead of Return All.' },
	);
}

/**
 * Reads pages over `page[number]` and `page[size]`. The page size is always sent (the API's
 * defaults differ per endpoint) and stays the same across pages, so the page maths hold. Once
 * the first page's `meta` says how many there are, the rest are read `PAGE_CONCURRENCY` at a
 * time; without it, one after another. It stops at an empty or short page, or at the last
 * page; a server that answers another page than the one asked for, or never runs out, is
 * stopped with an error rather than read forever.
 */
export async function readPages(
	node: INode,
	fetchPage: FetchPage,
	window: PageWindow = {},
): Promise<PagesRead> {
	const reader = new PageReader(node, fetchPage, window);
	const { from, limit } = reader;
	const first = await reader.fetchChecked(from);
	const total = first.meta?.total_pages;
	const meta = { pages: total, results: first.meta?.total_results };
	const goesOn = reader.add(first);
	let read: PagesRead;
	if (!goesOn || (total !== undefined && from >= total))
		read = { records: reader.records.slice(0, limit) };
	else if (from + 1 > reader.lastPage) read = { records: reader.records, next: from + 1 };
	else if (total === undefined) read = await reader.readInTurn(window.until ?? Infinity);
	else read = await reader.readAtOnce(total, window.until ?? Infinity);
	const moved = reader.watch.moved;
	return { ...read, ...meta, ...(moved ? { moved } : {}) };
}

/** The state of one list being read: the records kept so far, and how each page is checked. */
class PageReader {
	readonly from: number;
	readonly limit: number;
	readonly pageSize: number;
	readonly records: IDataObject[] = [];
	readonly watch = new ListWatch();
	/** The last page this read may ask for (`window.pages`). */
	readonly lastPage: number;
	/** Records kept from the pages read so far, in whatever order they arrived. */
	private keptSoFar = 0;

	constructor(
		private readonly node: INode,
		private readonly fetchPage: FetchPage,
		private readonly window: PageWindow,
	) {
		this.from = window.from ?? 1;
		this.limit = window.limit ?? Infinity;
		this.pageSize = window.keep ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, this.limit);
		this.lastPage = this.from + (window.pages ?? Infinity) - 1;
	}

	private kept(data: IDataObject[]) {
		return this.window.keep ? data.filter(this.window.keep) : data;
	}

	/** A page, stopped with an error past MAX_PAGES or when the server answers another page. */
	async fetchChecked(pageNumber: number): Promise<Page> {
		if (pageNumber > MAX_PAGES)
			throw tooManyPages(this.node, undefined, (pageNumber - this.from) * this.pageSize);
		const page = await this.fetchPage(pageNumber, this.pageSize);
		const answered = page.meta?.page_number;
		if (answered !== undefined && answered !== pageNumber) {
			throw new NodeOperationError(
				this.node,
				`Telnyx answered page ${answered} when page ${pageNumber} was asked for`,
				{
					description: `The list stopped rather than read the same results again. Run it again later; if it persists, use Limit.`,
				},
			);
		}
		this.keptSoFar += this.kept(page.data ?? []).length;
		return page;
	}

	/**
	 * Adds a page's records, each once (in page order, so a record that moved to a later page
	 * keeps its first place); answers whether the list goes on after it.
	 */
	add(page: Page): boolean {
		const fresh = this.watch.fresh(page);
		this.records.push(...this.kept(fresh));
		return (page.data ?? []).length === this.pageSize && this.records.length < this.limit;
	}

	/** Without a page count: one page after another until a short one, `until` or `lastPage`. */
	async readInTurn(until: number): Promise<PagesRead> {
		for (let pageNumber = this.from + 1; ; pageNumber++) {
			if (Date.now() > until || pageNumber > this.lastPage)
				return { records: this.records, next: pageNumber };
			if (!this.add(await this.fetchChecked(pageNumber)))
				return { records: this.records.slice(0, this.limit) };
		}
	}

	/** With the page count: the pages Limit needs, PAGE_CONCURRENCY at a time. */
	async readAtOnce(total: number, until: number): Promise<PagesRead> {
		const { from, pageSize, limit } = this;
		const needed = this.window.keep
			? total
			: Math.min(total, from + Math.ceil((limit - this.records.length) / pageSize));
		if (needed > MAX_PAGES) throw tooManyPages(this.node, total, this.records.length);
		const last = Math.min(needed, this.lastPage);
		const pageNumbers = Array.from({ length: last - from }, (_, index) => from + 1 + index);
		// A short page or a failure ends the list: no page starts after it.
		let ended = false;
		const pages = await runBounded(
			pageNumbers.map((pageNumber) => async () => {
				let page: Page | undefined;
				try {
					page = await this.fetchChecked(pageNumber);
					return page;
				} finally {
					if ((page?.data ?? []).length < pageSize) ended = true;
				}
			}),
			PAGE_CONCURRENCY,
			() => ended || Date.now() > until || this.keptSoFar >= limit,
		);
		for (const [index, page] of pages.entries()) {
			if (page === undefined) return { records: this.records, next: pageNumbers[index] };
			if (!this.add(page)) return { records: this.records.slice(0, limit) };
		}
		// Stopped by `lastPage` before the list's end: the pass goes on from the next page.
		if (last < needed) return { records: this.records, next: last + 1 };
		return { records: this.records.slice(0, limit) };
	}
}

/** Every record of a list endpoint (free reads, the API's largest page), for the triggers. */
export async function listAll(
	context: RequestContext,
	list: ApiRequest,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return (await listPages(context, list, qs)).records;
}

/**
 * One page of a list endpoint at the API's largest size: its records that match the filters
 * sent and `watch` has not seen earlier in the read, and how many the server answered (a
 * short page ends the list, whatever matched).
 */
export async function listPage(
	context: RequestContext,
	list: ApiRequest,
	qs: IDataObject,
	pageNumber: number,
	watch: ListWatch,
): Promise<PagesRead & { answered: number }> {
	// Every record kept while reading, so that exactly one page is read; the filters after.
	const page = await listPages(context, list, qs, {
		from: pageNumber,
		pages: 1,
		keep: () => true,
	});
	const meta = { total_results: page.results };
	const fresh = watch.fresh({ data: page.records, meta });
	const keep = matchesQuery(qs);
	return {
		...page,
		records: keep ? fresh.filter(keep) : fresh,
		answered: page.records.length,
	};
}

/** Records of a list endpoint from page `window.from` on, within `window`. */
export async function listPages(
	context: RequestContext,
	list: ApiRequest,
	qs: IDataObject = {},
	window: PageWindow = {},
): Promise<PagesRead> {
	return await readPages(
		context.getNode(),
		async (pageNumber, pageSize) => {
			return (await telnyxAnswer.call(context, list, {
				qs: { ...qs, 'page[number]': pageNumber, 'page[size]': pageSize },
			})) as Page;
		},
		{ keep: matchesQuery(qs), ...window },
	);
}
