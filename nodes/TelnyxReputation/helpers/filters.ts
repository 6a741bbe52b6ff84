import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ofItem, readPhoneNumber } from '../../shared/parameters';

/** Get Many's phone filters: "contains" needs 5 digits; "is" is normalized to E.164 like every number. */
export async function phoneNumberFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { contains = '', equals = '' } = this.getNodeParameter('filters', {}) as {
		contains?: string;
		equals?: string;
	};
	const qs = { ...requestOptions.qs };
	if (contains.trim() !== '') {
		if ((contains.match(/\d/g) ?? []).length < 5) {
			throw new NodeOperationError(
				this.getNode(),
				`"Phone Number Contains" needs at least 5 digits; got "${contains}"`,
			);
		}
		qs['filter[phone_number][contains]'] = contains.trim();
	}
	if (equals.trim() !== '')
		qs['filter[phone_number][eq]'] = readPhoneNumber(ofItem(this), 'filters.equals');
	return { ...requestOptions, qs };
}

/** Remediation Get Many's date filters, sent as ISO 8601 date-times. */
export async function createdAtFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { createdAfter, createdBefore } = this.getNodeParameter('filters', {}) as Record<
		string,
		string | undefined
	>;
	const qs = { ...requestOptions.qs };
	for (const [bound, value] of [
		['gte', createdAfter],
		['lte', createdBefore],
	] as const) {
		if (!value) continue;
		const time = new Date(value);
		if (Number.isNaN(time.getTime())) {
			throw new NodeOperationError(this.getNode(), `"${value}" is not a date and time`);
		}
		qs[`filter[created_at][${bound}]`] = time.toISOString();
	}
	return { ...requestOptions, qs };
}
