import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../transport/credentials';
import type { ApiRequest } from '../transport/request';
import { telnyxAnswer } from '../transport/request';
import { ENDPOINTS, requestTo } from './endpoints';
import { listAll } from '../transport/pages';

/** The remediation requests of an enterprise (a paged list of summaries, free). */
export const remediationList = (enterpriseId: string): ApiRequest =>
	requestTo(ENDPOINTS['GET /enterprises/{enterpriseId}/reputation/remediation'], { enterpriseId });

/** One remediation request in full, with its per-number results once there are some (free). */
export async function getRemediation(
	context: RequestContext,
	enterpriseId: string,
	remediationId: string,
): Promise<IDataObject> {
	const request = requestTo(
		ENDPOINTS['GET /enterprises/{enterpriseId}/reputation/remediation/{remediationId}'],
		{ enterpriseId, remediationId },
	);
	return ((await telnyxAnswer.call(context, request)) as { data: IDataObject }).data;
}

/** The statuses of a request still open: Telnyx refuses (409) a number already in one. */
export const OPEN = ['pending', 'in_progress'];

/** The enterprise's open remediation requests, as list summaries (free, bounded page reads). */
export async function openRemediations(
	context: RequestContext,
	enterpriseId: string,
): Promise<IDataObject[]> {
	const open: IDataObject[] = [];
	for (const status of OPEN)
		open.push(
			...(await listAll(context, remediationList(enterpriseId), { 'filter[status]': status })),
		);
	return open;
}

/** The numbers a full request names: those in its result buckets (none while it is pending). */
export function numbersInResults(request: IDataObject): string[] {
	const results = (request.results ?? {}) as Record<string, unknown>;
	return Object.values(results).flatMap((numbers) =>
		Array.isArray(numbers) ? numbers.map(String) : [],
	);
}
