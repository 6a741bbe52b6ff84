import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../../../shared/api/endpoints';
import { ENDPOINTS, requestTo } from '../../../shared/api/endpoints';
import { enterpriseLocator } from '../../../shared/locators';
import { ofExecuteItem, readEnterpriseId } from '../../../shared/parameters/items';
import { withDescription } from '../../../shared/transport/apiErrors';
import { telnyxAnswer, telnyxResult } from '../../../shared/transport/request';
import { perInputItem } from '../../monitoredNumbers/items';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete an enterprise; when Telnyx refuses, the error says what still depends on it',
	action: 'Delete an enterprise',
};

const properties: INodeProperties[] = [
	{ ...enterpriseLocator, description: 'The enterprise to delete' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['delete'] } },
	properties,
);

/** A free read of one of the enterprise's lists or settings; undefined when it cannot be read. */
async function read(context: IExecuteFunctions, endpoint: Endpoint, enterpriseId: string) {
	const body = await telnyxAnswer
		.call(context, requestTo(endpoint, { enterpriseId }), { qs: { 'page[size]': 1 } })
		.catch(() => undefined);
	return body as { data?: { status?: string }; meta?: { total_results?: number } } | undefined;
}

/** What still hangs on the enterprise, read for free when Telnyx refuses to delete it. */
async function dependents(context: IExecuteFunctions, enterpriseId: string): Promise<string> {
	const settings = await read(
		context,
		ENDPOINTS['GET /enterprises/{enterpriseId}/reputation'],
		enterpriseId,
	);
	const numbers = await read(context, ENDPOINTS['GET /reputation/numbers'], enterpriseId);
	const parts = [
		settings?.data?.status ? `Number Reputation (${settings.data.status})` : '',
		numbers?.meta?.total_results ? `${numbers.meta.total_results} monitored numbers` : '',
	].filter(Boolean);
	if (!parts.length) return 'Telnyx names what blocks the deletion above.';
	return `Still on this enterprise: ${parts.join(', ')}. Turn reputation off first (Reputation Setting → Disable, which removes its monitored numbers), then delete.`;
}

/** Delete: Telnyx keeps the enterprise as deleted (a soft delete); a Get of it then answers 404. */
async function deleteOne(context: IExecuteFunctions, itemIndex: number) {
	const enterpriseId = readEnterpriseId(ofExecuteItem(context, itemIndex));
	const request = requestTo(ENDPOINTS['DELETE /enterprises/{enterpriseId}'], { enterpriseId });
	const { response, error } = await telnyxResult.call(context, request, { safeToRunAgain: true });
	if (!error) return { enterprise_id: enterpriseId, deleted: true };
	if (![400, 409].includes(response.statusCode)) throw error;
	const why = await dependents(context, enterpriseId);
	throw withDescription(error, `${error.description}\n${why}`);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await perInputItem(this, async (itemIndex) => [await deleteOne(this, itemIndex)]);
}
