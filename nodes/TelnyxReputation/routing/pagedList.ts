import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Page } from '../../shared/transport/pages';
import { readPages } from '../../shared/transport/pages';
import { matchesQuery } from '../../shared/queryFilters';
import { sendRouted } from './routedRequest';
import { tableOrder } from '../pipeline/outputItems';

/** The fields of every paged list, read by `paginateByPageNumber` below. */
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

/** Return All / Limit for a declarative list operation (RoutingNode's pagination hook). */
export async function paginateByPageNumber(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', DEFAULT_LIMIT) as number);
	const { records } = await readPages(
		this.getNode(),
		async (pageNumber, pageSize) => {
			// Pages are read concurrently: each request gets its own copy of the options.
			const pageRequest = {
				...requestData,
				options: {
					...requestData.options,
					qs: { ...requestData.options.qs, 'page[number]': pageNumber, 'page[size]': pageSize },
				},
			};
			const [response] = await sendRouted(this, 'idempotent', pageRequest);
			return (response?.json ?? {}) as Page;
		},
		{ limit, keep: matchesQuery(requestData.options.qs) },
	);
	return records.map((json) => ({ json: tableOrder(json) }));
}
