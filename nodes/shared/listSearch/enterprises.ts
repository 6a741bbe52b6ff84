import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchesQuery } from '../queryFilters';
import { ENDPOINTS, requestTo } from '../api/endpoints';
import { telnyxAnswer } from '../transport/request';

interface EnterprisePage {
	data?: Array<{ id: string; legal_name?: string; doing_business_as?: string }>;
	meta?: { page_number?: number; total_pages?: number };
}

/** "Legal name (DBA)"; without a legal name, the DBA and the ID; the ID alone if it has neither. */
export function enterpriseName({
	id,
	legal_name: legal,
	doing_business_as: dba,
}: {
	id: string;
	legal_name?: string;
	doing_business_as?: string;
}) {
	if (legal) return dba ? `${legal} (${dba})` : legal;
	return dba ? `${dba} (${id})` : id;
}

/** The enterprise picker: the account's enterprises, filtered by legal name, 50 a page. */
export async function searchEnterprises(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const qs: Record<string, string | number> = { 'page[number]': page, 'page[size]': 50 };
	if (filter) qs['filter[legal_name][contains]'] = filter;
	const { data = [], meta = {} } = (await telnyxAnswer.call(
		this,
		requestTo(ENDPOINTS['GET /enterprises']),
		{ qs },
	)) as EnterprisePage;
	const more = (meta.page_number ?? page) < (meta.total_pages ?? 0);
	const matches = matchesQuery(qs) ?? (() => true);
	return {
		results: data
			.filter((enterprise) => matches(enterprise))
			.map((enterprise) => ({ name: enterpriseName(enterprise), value: enterprise.id })),
		paginationToken: more ? String(page + 1) : undefined,
	};
}
