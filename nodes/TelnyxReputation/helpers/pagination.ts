import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/**
 * Return All / Limit over `page[number]` and `page[size]`. The page size is always sent (the
 * API's defaults differ per endpoint) and stays the same across pages, so the page maths
 * hold. It stops at an empty or short page, or when `meta` says it was the last; a server
 * that answers another page than the one asked for, or never runs out, is stopped with an
 * error rather than read forever.
 */
export async function paginateByPageNumber(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', DEFAULT_LIMIT) as number);
	const pageSize = Math.min(MAX_PAGE_SIZE, limit);
	const results: INodeExecutionData[] = [];
	for (let pageNumber = 1; results.length < limit; pageNumber++) {
		if (pageNumber > MAX_PAGES) {
			throw new NodeOperationError(
				this.getNode(),
				`Telnyx kept answering with more pages: stopped after ${MAX_PAGES.toLocaleString('en-US')} pages (${results.length.toLocaleString('en-US')} results)`,
				{ description: 'Narrow the list with a filter, or use Limit instead of Return All.' },
			);
		}
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
		const { data = [], meta = {} } = (response?.json ?? {}) as Page;
		if (meta.page_number !== undefined && meta.page_number !== pageNumber) {
			throw new NodeOperationError(
				this.getNode(),
				`Telnyx answered page ${meta.page_number} when page ${pageNumber} was asked for`,
				{
					description: `Return All stopped after ${pageNumber} requests rather than read the same results again. Run it again later; if it persists, use Limit.`,
				},
			);
		}
		results.push(...data.map((json) => ({ json })));
		if (data.length < pageSize || pageNumber >= (meta.total_pages ?? 0)) break;
	}
	return results.slice(0, limit);
}
