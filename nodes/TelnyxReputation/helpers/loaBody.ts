import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

interface LoaFields {
	agent?: { details?: IDataObject };
	signatureBinaryProperty?: string;
	signerName?: string;
}

/** Generate LOA's optional body: the agent, and a signature read from an input binary field. */
export async function loaBody(
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
