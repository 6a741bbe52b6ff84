import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../transport/credentials';
import type { ApiRequest } from '../transport/request';
import { telnyxAnswer } from '../transport/request';
import { ENDPOINTS, requestTo } from './endpoints';

/** The remediation requests of an enterprise (a paged list of summaries, free). */
export const remediationList = (enterpriseId: string): ApiRequest =>
	requestTo(ENDPOINTS.listRemediations, { enterpriseId });

/** One remediation request in full, with its per-number results once there are some (free). */
export async function getRemediation(
	context: RequestContext,
	enterpriseId: string,
	remediationId: string,
): Promise<IDataObject> {
	const request = requestTo(ENDPOINTS.getRemediation, { enterpriseId, remediationId });
	return ((await telnyxAnswer.call(context, request)) as { data: IDataObject }).data;
}
