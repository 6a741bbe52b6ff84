import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { eachNumber } from '../../helpers/batchAnswers';
import { runBatchedOperation } from '../../helpers/numberBatches';
import { numberOptions } from '../../helpers/options';
import { enterpriseLocator } from '../common/enterprise';
import { notice, phoneNumbersField } from '../common/fields';

/** The API takes 1-100 numbers per request. */
const MAX_NUMBERS_PER_REQUEST = 100;

export const option: INodePropertyOptions = {
	name: 'Register',
	value: 'register',
	description: 'Add numbers to spam-score monitoring on an enterprise (billable)',
	action: 'Register phone numbers for reputation monitoring',
};

const properties: INodeProperties[] = [
	notice(
		'billingNotice',
		'Registering numbers is billable. Numbers must be US numbers in your Telnyx inventory, and reputation must be approved on the enterprise.',
	),
	enterpriseLocator,
	phoneNumbersField(MAX_NUMBERS_PER_REQUEST),
	numberOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['register'] } },
	properties,
);

/** Register Numbers (billable), batched across all input items: a custom operation. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchedOperation(this, {
		verb: 'registered',
		maxPerRequest: MAX_NUMBERS_PER_REQUEST,
		path: '/enterprises/{enterpriseId}/reputation/numbers',
		// 201: one ReputationPhoneNumber per registered number, output as it is.
		onSuccess: (context, batch, response) =>
			eachNumber(context, batch, response, (response.body as { data?: unknown })?.data),
	});
}
