import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import {
	isSuccess,
	toNodeApiError,
	undocumentedAnswerError,
	undocumentedBody,
} from '../../shared/transport/apiErrors';
import { learn, paceOf } from '../../shared/transport/pace';
import { ofItem } from '../../shared/itemParameters';
import { readPhoneNumber } from '../../shared/phoneNumberParameters';

/** A body that came back as bytes (binary operations) read as JSON where it is JSON. */
function readBody(body: unknown): unknown {
	if (!Buffer.isBuffer(body) && !(body instanceof ArrayBuffer)) return body;
	const text = Buffer.from(body as Buffer).toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * The first postReceive step of every declarative operation (they all set
 * `ignoreHttpStatusErrors`): a non-2xx answer becomes the API's own error, and a 2xx that is
 * not the JSON the API documents (`emptyAllowed`: an empty body is an answer too) an error too.
 */
export function answerChecks({ emptyAllowed }: { emptyAllowed: boolean }) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		learn(await paceOf(this), response.statusCode, response.headers);
		const telnyxResponse = {
			statusCode: response.statusCode,
			body: readBody(response.body),
			headers: response.headers,
		};
		let error;
		if (isSuccess(response.statusCode)) {
			const undocumented = undocumentedBody(telnyxResponse, emptyAllowed);
			if (!undocumented) return items;
			error = undocumentedAnswerError(this.getNode(), telnyxResponse, undocumented);
		} else error = toNodeApiError(this.getNode(), telnyxResponse);
		// An operation on one number names it first: in an error item's Table row, and to a model
		// that called the node as a tool (n8n's agent passes it the message alone).
		if (this.getNodeParameter('phoneNumber', '') !== '') {
			error.message = `${readPhoneNumber(ofItem(this))}: ${error.message}`;
		}
		throw error;
	};
}
