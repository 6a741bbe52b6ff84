import type {
	INodePropertyOptions,
	INodeProperties,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { enterpriseLocator } from '../../../shared/locators';
import { additionalFields } from '../common/fields';
import { ofItem, readEnterpriseId } from '../../../shared/parameters/items';

interface LoaFields {
	agent?: { details?: IDataObject };
	signatureBinaryProperty?: string;
	signerName?: string;
}

/** Generate LOA's optional body: the agent, and a signature read from an input binary field. */
async function loaBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('additionalFields', {}) as LoaFields;
	const body: IDataObject = {};
	const agent = fields.agent?.details;
	if (agent)
		body.agent = Object.fromEntries(Object.entries(agent).filter(([, value]) => value !== ''));
	if (fields.signatureBinaryProperty) {
		this.helpers.assertBinaryData(fields.signatureBinaryProperty);
		const image = await this.helpers.getBinaryDataBuffer(fields.signatureBinaryProperty);
		body.signature = {
			image_base64: image.toString('base64'),
			...(fields.signerName ? { signer_name: fields.signerName } : {}),
		};
	}
	return { ...requestOptions, body, json: true };
}

/** The LOA PDF as an n8n binary property, with a file name and MIME type. */
async function pdfToBinary(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const enterpriseId = readEnterpriseId(ofItem(this));
	const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const fileName = `letter-of-authorization-${enterpriseId}.pdf`;
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(response.body as Buffer),
		fileName,
		'application/pdf',
	);
	return [
		{
			json: {
				enterprise_id: enterpriseId,
				file_name: fileName,
				mime_type: 'application/pdf',
				file_size: binary.fileSize ?? null,
			},
			binary: { [property]: binary },
		},
	];
}

export const option: INodePropertyOptions = {
	name: 'Generate LOA',
	value: 'generateLoa',
	description: 'Render the Letter of Authorization (LOA) as a PDF file to sign (not billable)',
	action: 'Generate the letter of authorization',
	routing: singleRequest({
		endpoint: ENDPOINTS['POST /enterprises/{enterpriseId}/reputation/loa'],
		request: { encoding: 'arraybuffer', headers: { Accept: 'application/pdf, application/json' } },
		prepare: [loaBody],
		output: [pdfToBinary],
	}),
};

// In an address's order, not alphabetical: a fixed collection's fields are one form, all shown.
const agentFields: INodeProperties[] = [
	['Legal Name', 'legal_name', 'e.g. Dialer Partners LLC'],
	['Doing Business As', 'dba', ''],
	['Street Address', 'street_address', 'e.g. 311 W Superior St'],
	['Extended Address', 'extended_address', 'e.g. Suite 504'],
	['City', 'city', 'e.g. Chicago'],
	['State or Region', 'administrative_area', 'e.g. IL'],
	['Postal Code', 'postal_code', 'e.g. 60654'],
	['Country Code', 'country', 'e.g. US'],
	['Contact Name', 'contact_name', ''],
	['Contact Title', 'contact_title', ''],
	['Contact Email', 'contact_email', 'e.g. name@email.com'],
	['Contact Phone', 'contact_phone', 'e.g. +13125550000'],
].map(([displayName, name, placeholder]) => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	required: !['dba', 'extended_address'].includes(name),
}));

const properties: INodeProperties[] = [
	enterpriseLocator,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
	},
	additionalFields([
		{
			displayName: 'Agent',
			name: 'agent',
			type: 'fixedCollection',
			default: {},
			description: 'Only when a third-party partner manages the numbers for the enterprise',
			options: [{ displayName: 'Agent', name: 'details', values: agentFields }],
		},
		{
			displayName: 'Signature Image Field',
			name: 'signatureBinaryProperty',
			type: 'string',
			default: '',
			placeholder: 'e.g. signature',
			description:
				'Name of the input binary field holding the signature image; the letter is unsigned without it',
		},
		{
			displayName: 'Signer Name',
			name: 'signerName',
			type: 'string',
			default: '',
			description: 'Printed under the signature',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['generateLoa'] } },
	properties,
);
