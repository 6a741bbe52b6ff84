import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { ownershipWebhookBody } from '../../../shared/api/ownership';
import { ofItem, readEnterpriseId } from '../../../shared/parameters/items';
import { unwrapOrConfirm } from '../../routing/outputs';
import { singleRequest } from '../../routing/declarative';
import { checkHttpsUrl } from '../../../shared/parameters/validators';
import { enterpriseLocator } from '../../../shared/locators';
import { notice } from '../common/fields';

/** The URL, checked (https), or null to stop the events. */
function webhookUrl(context: IExecuteSingleFunctions): string | null {
	const url = String(context.getNodeParameter('webhookUrl', '')).trim();
	if (url === '') return null;
	return checkHttpsUrl(context.getNode(), url, {
		description: 'Leave it empty to stop the events.',
	});
}

async function webhookBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: ownershipWebhookBody(webhookUrl(this)), json: true };
}

export const option: INodePropertyOptions = {
	name: 'Set Webhook URL',
	value: 'setWebhookUrl',
	description:
		"Set the one URL Telnyx sends an enterprise's number-ownership events to, replacing the URL set before (a webhook trigger's too), or stop the events",
	action: 'Set the ownership webhook URL',
	routing: singleRequest({
		endpoint: ENDPOINTS['PATCH /enterprises/{enterpriseId}/reputation/webhook'],
		prepare: [webhookBody],
		output: [
			unwrapOrConfirm((context) => ({
				enterprise_id: readEnterpriseId(ofItem(context)),
				webhook_url: webhookUrl(context),
			})),
		],
	}),
};

const properties: INodeProperties[] = [
	notice(
		'webhookNotice',
		'This replaces the URL Telnyx sends these events to, including the one a published Telnyx Number Reputation Webhook Trigger set (Telnyx keeps one per enterprise), and that trigger stops receiving them. To start a workflow from these events, use that trigger instead.',
	),
	enterpriseLocator,
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/webhooks/telnyx',
		description:
			'An https URL for Number Flagged, Number Removed and Ownership Proof Reviewed events. Leave empty to stop them.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ownership'], operation: ['setWebhookUrl'] } },
	properties,
);
