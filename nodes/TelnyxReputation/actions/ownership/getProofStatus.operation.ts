import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { ofItem, readEnterpriseId } from '../../../shared/parameters/items';
import { unwrapData } from '../../routing/outputs';
import { singleRequest } from '../../routing/declarative';
import { enterpriseLocator } from '../../../shared/locators';

export const option: INodePropertyOptions = {
	name: 'Get Proof Status',
	value: 'getProofStatus',
	description:
		"Get the review status of the enterprise's ownership proof: pending, approved, rejected, or not submitted",
	action: 'Get the ownership proof status',
	routing: singleRequest({
		endpoint: ENDPOINTS['GET /enterprises/{enterpriseId}/reputation/external_verification'],
		// Telnyx answers 404 when nothing was submitted: that is a status, not a failure.
		answers: {
			404: (context) => ({
				enterprise_id: readEnterpriseId(ofItem(context)),
				status: 'not_submitted',
			}),
		},
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [enterpriseLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['ownership'], operation: ['getProofStatus'] } },
	properties,
);
