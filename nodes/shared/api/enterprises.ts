import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../transport/credentials';
import { runBounded } from '../bounded';
import { listAll, PAGE_CONCURRENCY } from '../transport/pages';
import { telnyxAnswer, telnyxResult } from '../transport/request';
import { ENDPOINTS, requestTo } from './endpoints';

/** Free reads, every page. */
export async function listEnterprises(context: RequestContext): Promise<IDataObject[]> {
	return await listAll(context, requestTo(ENDPOINTS['GET /enterprises']));
}

/**
 * How often Telnyx checks an enterprise's numbers (a free read of its reputation settings), or
 * undefined where reputation is not enabled (404): no scheduled check bills there.
 */
export async function checkFrequencyOf(
	context: RequestContext,
	enterpriseId: string,
): Promise<string | undefined> {
	const request = requestTo(ENDPOINTS['GET /enterprises/{enterpriseId}/reputation'], {
		enterpriseId,
	});
	const { response, error } = await telnyxResult.call(context, request);
	if (response.statusCode === 404) return undefined;
	if (error) throw error;
	const frequency = (response.body as { data?: IDataObject })?.data?.check_frequency;
	return typeof frequency === 'string' ? frequency : undefined;
}

/** Each enterprise's check frequency (see checkFrequencyOf), a few read at a time. */
export async function checkFrequencies(
	context: RequestContext,
	enterpriseIds: string[],
): Promise<Map<string, string | undefined>> {
	const read = await runBounded(
		enterpriseIds.map((id) => async () => await checkFrequencyOf(context, id)),
		PAGE_CONCURRENCY,
	);
	return new Map(enterpriseIds.map((id, index) => [id, read[index]]));
}

/** A free read. */
export async function getEnterprise(
	context: RequestContext,
	enterpriseId: string,
): Promise<IDataObject> {
	const answer = (await telnyxAnswer.call(
		context,
		requestTo(ENDPOINTS['GET /enterprises/{enterpriseId}'], { enterpriseId }),
	)) as { data?: IDataObject };
	return answer.data ?? {};
}

const sameName = (a: unknown, b: string) =>
	String(a ?? '')
		.trim()
		.toLowerCase() === b.trim().toLowerCase();

/** FEINs are written with and without the dash: compared by their digits. */
const sameFein = (a: unknown, b: string) =>
	String(a ?? '').replace(/\D/g, '') === b.replace(/\D/g, '');

/**
 * The account's enterprise with this legal name and FEIN, if there is one (free reads of the
 * list filtered by the name, which matches partially: the exact name is checked here).
 */
export async function findEnterprise(
	context: RequestContext,
	legalName: string,
	fein: string,
): Promise<IDataObject | undefined> {
	const named = await listAll(context, requestTo(ENDPOINTS['GET /enterprises']), {
		'filter[legal_name][contains]': legalName.trim(),
	});
	return named.find(
		(enterprise) => sameName(enterprise.legal_name, legalName) && sameFein(enterprise.fein, fein),
	);
}
