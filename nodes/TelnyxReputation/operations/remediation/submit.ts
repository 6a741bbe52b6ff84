import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TelnyxResponse } from '../../helpers/errorHandler';
import type { Batch, BatchedOperation, BatchOutcome } from '../../helpers/numberBatches';
import { entryFailure, runBatchedOperation, unconfirmed } from '../../helpers/numberBatches';
import { successItem } from '../../helpers/outcomes';
import { apiPath } from '../../helpers/transport';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The request's other fields for one item, checked before anything is sent. */
function remediationFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const purpose = String(context.getNodeParameter('callPurpose', itemIndex, '')).trim();
	if (purpose.length < 1 || purpose.length > 2000) {
		throw new NodeOperationError(node, 'Call Purpose must be 1 to 2,000 characters', { itemIndex });
	}
	const { contactEmail, webhookUrl } = context.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, string>;
	const fields: IDataObject = { call_purpose: purpose };
	if (contactEmail) {
		if (!EMAIL.test(contactEmail)) throw new NodeOperationError(node, `Contact Email "${contactEmail}" is not an email address`, { itemIndex });
		fields.contact_email = contactEmail;
	}
	if (webhookUrl) {
		if (!/^https:\/\/[^\s]+$/.test(webhookUrl)) {
			throw new NodeOperationError(node, `Webhook URL "${webhookUrl}" must be an https URL`, { itemIndex });
		}
		fields.webhook_url = webhookUrl;
	}
	return fields;
}

/** 202: one remediation request for the whole batch, paired with every item that gave a number. */
function accepted(context: IExecuteFunctions, batch: Batch, response: TelnyxResponse): BatchOutcome {
	const data = (response.body as { data?: IDataObject })?.data;
	if (!data || typeof data.id !== 'string') {
		const error = unconfirmed(context, batch, response);
		return { succeeded: [], failures: batch.entries.map((entry) => entryFailure(entry, 'failed', error)), error };
	}
	return { succeeded: [successItem(batch.entries, data)], failures: [] };
}

const operation: BatchedOperation = {
	verb: 'submitted',
	maxPerRequest: 2000,
	path: (enterpriseId) => apiPath`/enterprises/${enterpriseId}/reputation/remediation`,
	readFields: remediationFields,
	onSuccess: accepted,
};

/** Submit for remediation (billable per number), batched across all input items. */
export async function submit(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchedOperation(this, operation);
}
