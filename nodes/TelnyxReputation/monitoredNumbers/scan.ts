// Reading a whole list to answer a question about it (which numbers match, how the pool is):
// each page is handed to `visit` as it arrives and then dropped, so memory follows what the
// visitor keeps (and one key per record, to list each once), not the length of the list.
import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../shared/transport/credentials';
import type { ListMove } from '../../shared/transport/pages';
import {
	listPage,
	ListWatch,
	MAX_PAGE_SIZE,
	MAX_PAGES,
	PAGE_CONCURRENCY,
	readSettled,
	tooManyPages,
} from '../../shared/transport/pages';
import { runBounded } from '../../shared/bounded';
import type { ApiRequest } from '../../shared/transport/request';

/** `position` is the record's place in the list (0 for the first), whatever order pages arrive in. */
export type Visit = (records: IDataObject[], position: number) => void;

/** What a scan read: how many pages, and whether the list moved meanwhile. */
export interface Scan {
	pages: number;
	moved?: ListMove;
}

/**
 * Every page of a list (free reads at the API's largest page): the first, which says how many
 * there are, then the rest `PAGE_CONCURRENCY` at a time. Each page goes through listPages'
 * checks (a page other than the one asked for stops the read; none past `MAX_PAGES`). A short
 * page or a failure ends the list: no page starts after it. A record that comes on two pages
 * (the list moved) is visited once.
 */
export async function scanPages(
	context: RequestContext,
	list: ApiRequest,
	qs: IDataObject,
	visit: Visit,
): Promise<Scan> {
	const watch = new ListWatch();
	const readPage = async (pageNumber: number) => {
		const page = await listPage(context, list, qs, pageNumber, watch);
		visit(page.records, (pageNumber - 1) * MAX_PAGE_SIZE);
		return page;
	};
	const scanned = (pages: number): Scan => ({
		pages,
		...(watch.moved ? { moved: watch.moved } : {}),
	});
	const first = await readPage(1);
	if (first.answered < MAX_PAGE_SIZE) return scanned(1);
	if (first.pages === undefined) return scanned(await pagesInTurn(context, readPage));
	if (first.pages > MAX_PAGES) throw tooManyPages(context.getNode(), first.pages, MAX_PAGE_SIZE);
	return scanned(1 + (await pagesAtOnce(first.pages, readPage)));
}

type ReadPage = (pageNumber: number) => Promise<{ answered: number }>;

/** No page count: one page after another, until a short one, and no more than MAX_PAGES. Answers the pages read. */
async function pagesInTurn(context: RequestContext, readPage: ReadPage): Promise<number> {
	for (let pageNumber = 2; ; pageNumber++) {
		if (pageNumber > MAX_PAGES)
			throw tooManyPages(context.getNode(), undefined, MAX_PAGES * MAX_PAGE_SIZE);
		if ((await readPage(pageNumber)).answered < MAX_PAGE_SIZE) return pageNumber;
	}
}

/** Pages 2 to `pages`, PAGE_CONCURRENCY at a time, none started after a short or failed one. Answers how many were read. */
async function pagesAtOnce(pages: number, readPage: ReadPage): Promise<number> {
	let ended = false;
	const pageNumbers = Array.from({ length: pages - 1 }, (_, index) => index + 2);
	const read = await runBounded(
		pageNumbers.map((pageNumber) => async () => {
			let answered = 0;
			try {
				answered = (await readPage(pageNumber)).answered;
				return true;
			} finally {
				if (answered < MAX_PAGE_SIZE) ended = true;
			}
		}),
		PAGE_CONCURRENCY,
		() => ended,
	);
	return read.filter(Boolean).length;
}

/**
 * A scan, and a second one when the list moved during the first (see readSettled): `start`
 * gives each scan a new visitor, so the answer is of one read only. `pages` counts both.
 */
export async function scanSettled(
	context: RequestContext,
	list: ApiRequest,
	qs: IDataObject,
	start: () => Visit,
): Promise<Scan & { reads: number }> {
	let pages = 0;
	const settled = await readSettled(async () => {
		const scan = await scanPages(context, list, qs, start());
		pages += scan.pages;
		return scan;
	});
	return { ...settled, pages };
}
