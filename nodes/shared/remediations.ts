import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from './transport/credentials';
import { buildPath } from './paths';
import { telnyxAnswer } from './transport/request';

/** The remediation requests of an enterprise (a paged list of summaries, free). */
export const remediationsPath = (enterpriseId: string) =>
	buildPath('/enterprises/{enterpriseId}/reputation/remediation', { enterpriseId });

/** One remediation request in full, with its per-number results once there are some (free). */
export async function getRemediation(
	context: RequestContext,
	enterpriseId: string,
	id: string,
): Promise<IDataObject> {
	const path = buildPath('/enterprises/{enterpriseId}/reputation/remediation/{id}', {
		enterpriseId,
		id,
	});
	const body = await telnyxAnswer.call(context, 'GET', path, { policy: 'idempotent' });
	return (body as { data: IDataObject }).data;
}
