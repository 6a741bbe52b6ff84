import type { RequestContext } from '../transport/credentials';
import type { TelnyxResult } from '../transport/request';
import { telnyxResult } from '../transport/request';
import { ENDPOINTS, requestTo } from './endpoints';

/** What the endpoint takes: the URL, or null to stop the events. */
export const ownershipWebhookBody = (url: string | null) => ({ webhook_url: url });

/** Sets (or, with `null`, clears) the one URL Telnyx sends an enterprise's number-ownership events to. */
export async function setOwnershipWebhook(
	context: RequestContext,
	enterpriseId: string,
	url: string | null,
): Promise<TelnyxResult> {
	const request = requestTo(ENDPOINTS['PATCH /enterprises/{enterpriseId}/reputation/webhook'], {
		enterpriseId,
	});
	return await telnyxResult.call(context, request, { body: ownershipWebhookBody(url) });
}
