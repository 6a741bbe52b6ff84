import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isSuccess, toNodeApiError } from './errorHandler';
import type { RequestContext } from './transport';
import { telnyxRequest } from './transport';

import { failureOfError, withRetries } from './attempts';

/** The API caps pages at 250 and clamps larger sizes. */
const MAX_PAGE_SIZE = 250;

/** Return All reads at most this many pages (250,000 results) before it stops and says so. */
const MAX_PAGES = 1000;

/** The fields of every paged list, read by `paginateByPageNumber`. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

const DEFAULT_LIMIT = returnAllAndLimit[1].default as number;

interface Page {
	data?: IDataObject[];
	meta?: { page_number?: number; total_pages?: number };
}

/** Reads page `pageNumber` of `pageSize` records. */
type FetchPage = (pageNumber: number, pageSize: number) => Promise<Page>;

/**
 * Reads pages over `page[number]` and `page[size]` until `limit` records. The page size is
 * always sent (the API's defaults differ per endpoint) and stays the same across pages, so the
 * page maths hold. It stops at an empty or short page, or when `meta` says it was the last; a
 * server that answers another page than the one asked for, or never runs out, is stopped with
 * an error rather than read forever.
 */
async function readPages(
	node: INode,
	fetchPage: FetchPage,
	limit = Infinity,
): Promise<IDataObject[]> {
	const pageSize = Math.min(MAX_PAGE_SIZE, limit);
	const records: IDataObject[] = [];
	for (let pageNumber = 1; records.length < limit; pageNumber++) {
		if (pageNumber > MAX_PAGES) {
			throw new NodeOperationError(
				node,
				`Telnyx kept answering with more pages: stopped after ${MAX_PAGES.toLocaleString('en-US')} pages (${records.length.toLocaleString('en-US')} results)`,
				{ description: 'Narrow the list with a filter, or use Limit instead of Return All.' },
			);
		}
		const { data = [], meta = {} } = await fetchPage(pageNumber, pageSize);
		if (meta.page_number !== undefined && meta.page_number !== pageNumber) {
			throw new NodeOperationError(
				node,
				`Telnyx answered page ${meta.page_number} when page ${pageNumber} was asked for`,
				{
					description: `The list stopped after ${pageNumber} requests rather than read the same results again. Run it again later; if it persists, use Limit.`,
				},
			);
		}
		records.push(...data);
		if (data.length < pageSize || pageNumber >= (meta.total_pages ?? 0)) break;
	}
	return records.slice(0, limit);
}

/** Return All / Limit for a declarative list operation (RoutingNode's pagination hook). */
export async function paginateByPageNumber(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', DEFAULT_LIMIT) as number);
	const records = await readPages(
		this.getNode(),
		async (pageNumber, pageSize) => {
			requestData.options.qs = {
				...requestData.options.qs,
				'page[number]': pageNumber,
				'page[size]': pageSize,
			};
			const [response] = await withRetries(
				'idempotent',
				async () => await this.makeRoutingRequest(requestData),
				(_result, error) => failureOfError(error),
			);
			return (response?.json ?? {}) as Page;
		},
		limit,
	);
	return records.map((json) => ({ json }));
}

/** Every record of a list endpoint (free reads, the API's largest page), for the triggers. */
export async function listAll(
	context: RequestContext,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return await readPages(context.getNode(), async (pageNumber, pageSize) => {
		const response = await telnyxRequest.call(context, 'GET', path, {
			qs: { ...qs, 'page[number]': pageNumber, 'page[size]': pageSize },
			policy: 'idempotent',
		});
		if (!isSuccess(response.statusCode)) throw toNodeApiError(context.getNode(), response);
		return response.body as Page;
	});
}
