import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { numberOptions } from '../common/options';
import { ofItem } from '../../../shared/parameters/items';
import { readNumbers } from '../../../shared/phoneNumbers';
import { unwrapData } from '../../routing/outputs';
import { singleRequest } from '../../routing/declarative';
import { enterpriseLocator } from '../../../shared/locators';
import { readDefaultCountry, invalidNumber } from '../../../shared/parameters/phoneNumbers';

/** The body: the document IDs (a list, or text separated by commas, spaces or new lines), and the optional numbers in E.164. */
async function proofBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const item = ofItem(this);
	const given = this.getNodeParameter('documentIds', '') as string | string[];
	const documentIds = (
		Array.isArray(given) ? given.map(String) : String(given).split(/[\s,;]+/)
	).filter((id) => id !== '');
	if (documentIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Give at least one document ID', {
			description:
				'The IDs of the uploaded proof (carrier invoice, account statement), as the Telnyx Documents API returned them.',
		});
	}
	const body: IDataObject = { document_ids: documentIds };
	const numbers = this.getNodeParameter('options.phoneNumbers', '') as string;
	if (numbers !== '') {
		body.phone_numbers = readNumbers(numbers, readDefaultCountry(item)).map(
			({ input, normalized }) => {
				if ('reason' in normalized)
					throw invalidNumber(item.node, input, normalized.reason, undefined, 'Nothing was sent.');
				return normalized.e164;
			},
		);
	}
	return { ...requestOptions, body, json: true };
}

export const option: INodePropertyOptions = {
	name: 'Submit Proof',
	value: 'submitProof',
	description:
		'Send ownership proof so numbers hosted with another provider can be registered (reviewed once per enterprise)',
	action: 'Submit ownership proof',
	routing: singleRequest({
		endpoint: ENDPOINTS['POST /enterprises/{enterpriseId}/reputation/external_verification'],
		prepare: [proofBody],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	enterpriseLocator,
	{
		displayName: 'Document IDs',
		name: 'documentIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
		description:
			'IDs of the uploaded proof (carrier invoice, account statement) from the Telnyx Documents API, separated by commas, or an expression that returns a list',
		hint: 'While the proof is pending or rejected, a new submission replaces it; once approved it cannot change',
	},
	numberOptions([
		{
			displayName: 'Phone Numbers Covered',
			name: 'phoneNumbers',
			type: 'string',
			default: '',
			placeholder: 'e.g. +13125550142, +13125550143',
			description:
				'The numbers the documents cover (a hint; numbers not listed can still be added), read with the Default Country',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ownership'], operation: ['submitProof'] } },
	properties,
);
