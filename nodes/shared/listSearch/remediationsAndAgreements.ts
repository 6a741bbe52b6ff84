// The pickers (From List) of the ids that have a list endpoint besides the enterprise's
// (enterprises.ts): remediation requests, and terms-of-service agreements. The API
// searches neither by text, so the search text filters each page as it comes, by name and ID.
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Page } from '../transport/pages';
import { ENDPOINTS, requestTo } from '../api/endpoints';
import { remediationList } from '../api/remediations';
import type { ApiRequest } from '../transport/request';
import { telnyxAnswer } from '../transport/request';
import { checkUuid } from '../parameters/validators';
import { productTypeOptions } from '../productTypes';

/** As the enterprise picker reads them, so every picker pages alike. */
const PICKER_PAGE_SIZE = 50;

const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');

const cut = (text: string, max: number) =>
	text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** One page of a list, as picker entries that contain the search text, and the next page. */
async function pickerPage(
	context: ILoadOptionsFunctions,
	list: ApiRequest,
	entry: (record: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const { data = [], meta = {} } = (await telnyxAnswer.call(context, list, {
		qs: { 'page[number]': page, 'page[size]': PICKER_PAGE_SIZE },
	})) as Page;
	const wanted = (filter ?? '').trim().toLowerCase();
	const more =
		meta.total_pages !== undefined
			? (meta.page_number ?? page) < meta.total_pages
			: data.length === PICKER_PAGE_SIZE;
	return {
		results: data
			.map(entry)
			.filter(
				({ name, value }) =>
					wanted === '' || `${name} ${String(value)}`.toLowerCase().includes(wanted),
			),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

/** The enterprise the node's Enterprise field picks: remediation requests are listed per enterprise. */
function pickedEnterprise(context: ILoadOptionsFunctions): string {
	const value = context.getCurrentNodeParameter('enterpriseId', { extractValue: true });
	if (value === undefined || value === '') {
		throw new NodeOperationError(context.getNode(), 'Pick the Enterprise first', {
			description: 'Remediation requests are listed per enterprise.',
		});
	}
	return checkUuid(context.getNode(), value, 'Enterprise ID');
}

/** "2026-11-28 · Completed · 2 numbers · Appointment reminders…" */
export function remediationName(request: IDataObject): string {
	const status = String(request.status ?? '').replace(/_/g, ' ');
	const count = Number(request.phone_numbers_count);
	return [
		day(request.created_at),
		status.replace(/^./, (first) => first.toUpperCase()),
		Number.isFinite(count) ? `${count} ${count === 1 ? 'number' : 'numbers'}` : '',
		cut(String(request.call_purpose ?? ''), 60),
	]
		.filter((part) => part !== '')
		.join(' · ');
}

/** The Remediation ID picker: the picked enterprise's remediation requests, as the API lists them. */
export async function searchRemediations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		remediationList(pickedEnterprise(this)),
		(request) => ({ name: remediationName(request), value: String(request.id) }),
		filter,
		paginationToken,
	);
}

const productName = (value: unknown) =>
	productTypeOptions.find((product) => product.value === value)?.name ?? String(value ?? '');

/** "Number Reputation terms 2026-01-01, agreed 2026-02-03" */
export function agreementName(agreement: IDataObject): string {
	const product = productName(agreement.product_type);
	const version = agreement.terms_version ?? agreement.version;
	const agreed = day(agreement.agreed_at ?? agreement.created_at);
	return `${product} terms${version ? ` ${String(version)}` : ''}${agreed ? `, agreed ${agreed}` : ''}`.trim();
}

/** The Agreement ID picker: the account's terms-of-service agreements. */
export async function searchAgreements(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		requestTo(ENDPOINTS['GET /terms_of_service/agreements']),
		(agreement) => ({ name: agreementName(agreement), value: String(agreement.id) }),
		filter,
		paginationToken,
	);
}
