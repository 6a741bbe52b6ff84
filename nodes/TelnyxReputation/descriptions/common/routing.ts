import type { IExecuteSingleFunctions, IHttpRequestOptions, INodePropertyRouting } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { paginateByPageNumber } from '../../helpers/pagination';

type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/** A paged GET list (Return All / Limit over page[number] and page[size]), after these pre-send steps. */
export function pagedList(...preSend: PreSend[]): INodePropertyRouting {
	return {
		request: { method: 'GET', ignoreHttpStatusErrors: true },
		send: { paginate: true, preSend },
		operations: { pagination: paginateByPageNumber },
		output: { postReceive: [handleErrors] },
	};
}
