import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from './credentials';
import type { ApiRequest } from './request';
import { telnyxAnswer } from './request';

import { runBounded } from '../bounded';
import { matchesQuery } from '../queryFilters';

/** The API caps pages at 250 and clamps larger sizes. */
export const MAX_PAGE_SIZE = 250;

/** Return All reads at most this many pages (250,000 results) before it stops and says so. */
export const MAX_PAGES = 1000;

export interface Page {
	data?: IDataObject[];
	meta?: { page_number?: number; total_pages?: number; total_results?: number };
}

/** Reads page `pageNumber` of `pageSize` records. */
type FetchPage = (pageNumber: number, pageSize: number) => Promise<Page>;

/** Pages read at once after the first, once it has said how many there are. */
export const PAGE_CONCURRENCY = 5;

export interface PageWindow {
	/** The first page to read (a pass resumed by a later poll). */
	from?: number;
	/** At most this many records. */
	limit?: number;
	/** No page starts after this time (ms since the epoch); the pages under way are awaited. */
	until?: number;
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
}

const count = (value: number) => value.toLocaleString('en-US');

/** A list longer than a node reads in one go, said before or while reading it. */
export function tooManyPages(
	node: INode,
	pages: number | undefined,
	read: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		pages === undefined
			? `Telnyx kept answering with more pages: stopped after ${count(MAX_PAGES)} pages (${count(read)} results)`
			: `Telnyx lists ${count(pages)} pages: more than the ${count(MAX_PAGES)} pages (${count(MAX_PAGES * MAX_PAGE_SIZE)} results) read in one go`,
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
	if (!reader.add(first) || (total !== undefined && from >= total))
		return { records: reader.records.slice(0, limit), ...meta };
	if (total === undefined) return await reader.readInTurn(window.until ?? Infinity);
	const read = await reader.readAtOnce(total, window.until ?? Infinity);
	return { ...read, ...meta };
}

/** The state of one list being read: the records kept so far, and how each page is checked. */
class PageReader {
	readonly from: number;
	readonly limit: number;
	readonly pageSize: number;
	readonly records: IDataObject[] = [];
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
	}

	private kept({ data = [] }: Page) {
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
		this.keptSoFar += this.kept(page).length;
		return page;
	}

	/** Adds a page's records; answers whether the list goes on after it. */
	add(page: Page): boolean {
		this.records.push(...this.kept(page));
		return (page.data ?? []).length === this.pageSize && this.records.length < this.limit;
	}

	/** Without a page count: one page after another until a short one, or `until`. */
	async readInTurn(until: number): Promise<PagesRead> {
		for (let pageNumber = this.from + 1; ; pageNumber++) {
			if (Date.now() > until) return { records: this.records, next: pageNumber };
			if (!this.add(await this.fetchChecked(pageNumber)))
				return { records: this.records.slice(0, this.limit) };
		}
	}

	/** With the page count: the pages Limit needs, PAGE_CONCURRENCY at a time. */
	async readAtOnce(total: number, until: number): Promise<PagesRead> {
		const { from, pageSize, limit } = this;
		const last = this.window.keep
			? total
			: Math.min(total, from + Math.ceil((limit - this.records.length) / pageSize));
		if (last > MAX_PAGES) throw tooManyPages(this.node, total, this.records.length);
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
			if (!this.add(page)) break;
		}
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
 * sent, and how many the server answered (a short page ends the list, whatever matched).
 */
export async function listPage(
	context: RequestContext,
	list: ApiRequest,
	qs: IDataObject,
	pageNumber: number,
): Promise<PagesRead & { answered: number }> {
	// Every record kept while reading, so that exactly one page is read; the filters after.
	const page = await listPages(context, list, qs, {
		from: pageNumber,
		limit: MAX_PAGE_SIZE,
		keep: () => true,
	});
	const keep = matchesQuery(qs);
	return {
		...page,
		records: keep ? page.records.filter(keep) : page.records,
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
