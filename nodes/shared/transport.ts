import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { TelnyxResponse } from './errors';
import { isSuccess, toNodeApiError } from './errors';
import type { AttemptFailure, RetryPolicy } from './attempts';
import { connectionErrorCode, processedNote, toConnectionError, withRetries } from './attempts';
import type { RequestContext } from './credentials';
import { CREDENTIAL_TYPE, credentialsOf } from './credentials';
import { done, learn, paceOf, takeTurn } from './pace';

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * One authenticated request to the Telnyx API, retried under `policy` (see RetryPolicy). Answers with the full
 * response whatever its status (callers map errors, since they know which numbers were in
 * the request); throws only when no answer came back.
 */
export async function telnyxRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject; policy: RetryPolicy; timeoutMs?: number },
): Promise<TelnyxResponse> {
	const url = (await credentialsOf(this)).baseUrl + path;
	const pace = await paceOf(this);
	const send = async () => {
		await takeTurn(pace);
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{
					method,
					url,
					body: options.body,
					qs: options.qs,
					json: true,
					timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
			)) as TelnyxResponse;
			learn(pace, response.statusCode, response.headers);
			return response;
		} finally {
			done(pace);
		}
	};
	let lastFailure: AttemptFailure = {};
	try {
		return await withRetries(options.policy, send, (response, error) => {
			if (error !== undefined)
				lastFailure = { networkCode: connectionErrorCode(error) ?? 'UNKNOWN' };
			else if (response && response.statusCode >= 400)
				lastFailure = { statusCode: response.statusCode, headers: response.headers };
			else return undefined;
			return lastFailure;
		});
	} catch (error) {
		throw toConnectionError(
			this.getNode(),
			error,
			url,
			processedNote(options.policy, lastFailure, true),
		);
	}
}

/** A request whose failure is the API's error: answers the body of a 2xx answer. */
export async function telnyxAnswer(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: Parameters<typeof telnyxRequest>[2],
): Promise<unknown> {
	const response = await telnyxRequest.call(this, method, path, options);
	if (!isSuccess(response.statusCode)) throw toNodeApiError(this.getNode(), response);
	return response.body;
}
