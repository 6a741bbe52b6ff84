import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

/** The API caps pages at 250 and clamps larger sizes. */
export const MAX_PAGE_SIZE = 250;

import { failureOfError, withRetries } from './retry';

interface Page {
	data?: IDataObject[];
	meta?: { page_number?: number; total_pages?: number };
}

/**
 * Return All / Limit over `page[number]` and `page[size]`. The page size is always sent (the
 * API's defaults differ per endpoint) and stays the same across pages, so the page maths
 * hold; more pages exist while `meta.page_number < meta.total_pages`.
 */
export async function paginateByPageNumber(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
	const pageSize = Math.min(MAX_PAGE_SIZE, limit);
	const results: INodeExecutionData[] = [];
	for (let pageNumber = 1; results.length < limit; pageNumber++) {
		requestData.options.qs = { ...requestData.options.qs, 'page[number]': pageNumber, 'page[size]': pageSize };
		const [response] = await withRetries('read', async () => await this.makeRoutingRequest(requestData), (_result, error) =>
			failureOfError(error),
		);
		const { data = [], meta = {} } = (response?.json ?? {}) as Page;
		results.push(...data.map((json) => ({ json })));
		if (data.length === 0 || (meta.page_number ?? pageNumber) >= (meta.total_pages ?? 0)) break;
	}
	return results.slice(0, limit);
}
