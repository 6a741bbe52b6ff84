import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { singleRequest } from '../../helpers/routing/requests';
import { loaBody } from '../../helpers/loaBody';
import { resolvePath } from '../../../shared/paths';
import { pdfToBinary } from '../../helpers/routing/responses';
import { enterpriseLocator } from '../../../shared/enterprise';
import { additionalFields } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Generate LOA',
	value: 'generateLoa',
	description: 'Render the Letter of Authorization as a PDF file to sign (not billable)',
	action: 'Generate the letter of authorization',
	routing: singleRequest({
		method: 'POST',
		policy: 'idempotent',
		request: { encoding: 'arraybuffer', headers: { Accept: 'application/pdf, application/json' } },
		prepare: [resolvePath('/enterprises/{enterpriseId}/reputation/loa'), loaBody],
		output: [pdfToBinary],
	}),
};

const agentFields: INodeProperties[] = [
	['Legal Name', 'legal_name', 'e.g. Dialer Partners LLC'],
	['Doing Business As', 'dba', ''],
	['Street Address', 'street_address', 'e.g. 311 W Superior St'],
	['Extended Address', 'extended_address', 'e.g. Suite 504'],
	['City', 'city', 'e.g. Chicago'],
	['State or Region', 'administrative_area', 'e.g. IL'],
	['Postal Code', 'postal_code', 'e.g. 60654'],
	['Country', 'country', 'e.g. US'],
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
