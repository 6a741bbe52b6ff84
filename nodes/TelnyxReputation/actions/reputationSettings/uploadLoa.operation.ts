import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodePropertyOptions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { additionalFields } from '../common/fields';

/** The Documents API takes files of up to 20 MB. */
const MAX_BYTES = 20 * 1024 * 1024;

const quoted = (value: string) => value.replace(/["\r\n]/g, '_');

/** The multipart/form-data bytes: the file in `file`, and `customer_reference` when one is given. */
function formData(fileName: string, mimeType: string, content: Buffer, customerReference: string) {
	const boundary = `n8n-telnyx-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
	const part = (headers: string[], body: Buffer | string) => [
		Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
		Buffer.from(body),
		Buffer.from('\r\n'),
	];
	const body = Buffer.concat([
		...part(
			[
				`Content-Disposition: form-data; name="file"; filename="${quoted(fileName)}"`,
				`Content-Type: ${mimeType || 'application/pdf'}`,
			],
			content,
		),
		...(customerReference
			? part(['Content-Disposition: form-data; name="customer_reference"'], customerReference)
			: []),
		Buffer.from(`--${boundary}--\r\n`),
	]);
	return { boundary, body };
}

/**
 * The body of Telnyx's `POST /documents` (https://developers.telnyx.com/api-reference/documents/upload-a-document):
 * multipart/form-data with the file in `file` and an optional `customer_reference`. Built as
 * bytes, so it travels the same on every n8n version (none of them agree on FormData bodies).
 */
async function multipartFile(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const binary = this.helpers.assertBinaryData(field);
	const content = await this.helpers.getBinaryDataBuffer(field);
	if (content.length > MAX_BYTES) {
		throw new NodeOperationError(
			this.getNode(),
			`The file in "${field}" is ${(content.length / 1024 / 1024).toFixed(1)} MB; Telnyx takes documents of up to 20 MB`,
			{ description: 'Nothing was sent.' },
		);
	}
	const { customerReference = '' } = this.getNodeParameter('additionalFields', {}) as {
		customerReference?: string;
	};
	const fileName = binary.fileName ?? 'loa.pdf';
	const { boundary, body } = formData(fileName, binary.mimeType, content, customerReference);
	return {
		...requestOptions,
		body,
		headers: {
			...requestOptions.headers,
			'Content-Type': `multipart/form-data; boundary=${boundary}`,
		},
	};
}

export const option: INodePropertyOptions = {
	name: 'Upload LOA',
	value: 'uploadLoa',
	description:
		'Upload the signed Letter of Authorization (LOA) from a binary field (not billable); its ID feeds Enable',
	action: 'Upload the signed letter of authorization',
	routing: singleRequest({
		endpoint: ENDPOINTS['POST /documents'],
		prepare: [multipartFile],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description:
			'Telnyx deletes an uploaded document that is not linked within 30 minutes: run Enable (or Replace LOA) with the ID this outputs right after',
		hint: 'The name of the input binary field holding the signed Letter of Authorization (PDF, up to 20 MB)',
	},
	additionalFields([
		{
			displayName: 'Customer Reference',
			name: 'customerReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. LOA Acme Dental 2026',
			description: 'Your own label for the document, to find it later in Mission Control',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['uploadLoa'] } },
	properties,
);
