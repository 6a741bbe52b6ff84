import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { TelnyxResponse } from './errorHandler';
import { toConnectionError } from './errorHandler';

export const CREDENTIAL_TYPE = 'telnyxReputationApi';

type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * Builds an API path, encoding every interpolated value as one path segment,
 * so a phone number's `+` travels as `%2B` and no value can add a segment or a query.
 */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
	return strings.reduce(
		(path, part, index) =>
			path + part + (index < values.length ? encodeURIComponent(values[index]) : ''),
		'',
	);
}

async function baseUrl(context: RequestContext): Promise<string> {
	const credentials = await context.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
	return (credentials.baseUrl || 'https://api.telnyx.com/v2').replace(/\/+$/, '');
}

/**
 * One authenticated request to the Telnyx API. Answers with the full response whatever
 * its status (callers map errors, since they know which numbers were in the request);
 * throws only when no answer came back.
 */
export async function telnyxRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<TelnyxResponse> {
	const url = (await baseUrl(this)) + path;
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method,
			url,
			body: options.body,
			qs: options.qs,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as TelnyxResponse;
		return response;
	} catch (error) {
		throw toConnectionError(this.getNode(), error, url);
	}
}
