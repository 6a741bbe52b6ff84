import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { TelnyxResponse } from './apiErrors';
import { isSuccess, toNodeApiError, undocumentedAnswerError, undocumentedBody } from './apiErrors';
import type { AttemptFailure, RetryPolicy } from './retries';
import { connectionErrorCode, toConnectionError, withOutcome, withRetries } from './retries';
import type { RequestContext } from './credentials';
import { CREDENTIAL_TYPE, credentialsOf } from './credentials';
import { done, learn, paceOf, takeTurn } from './pace';
import { nodeRequestOptions, proxyLabel } from './requestOptions';

const DEFAULT_TIMEOUT_MS = 60_000;

/** A 2xx answer that is not the JSON the API documents, thrown inside an attempt so the retry policy sees it. */
class UndocumentedAnswer extends Error {
	constructor(
		readonly response: TelnyxResponse,
		readonly what: string,
	) {
		super(what);
	}
}

/**
 * One authenticated request to the Telnyx API, retried under `policy` (see RetryPolicy). Answers with the full
 * response whatever its status (callers map errors, since they know which numbers were in
 * the request); throws only when no answer came back, or a 2xx that is not the JSON the API
 * documents (`emptyAllowed`: an empty 2xx body is an answer too). For an at-most-once request
 * that may have been processed, what it throws is an OutcomeUnknownError.
 */
export async function telnyxRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: {
		body?: IDataObject;
		qs?: IDataObject;
		policy: RetryPolicy;
		/** The operation's own timeout; else the node's Request Options → Timeout; else a minute. */
		timeoutMs?: number;
		emptyAllowed?: boolean;
		/** The request carries phone numbers: an unknown outcome says to check them with Get Many. */
		carriesNumbers?: boolean;
	},
): Promise<TelnyxResponse> {
	const url = (await credentialsOf(this)).baseUrl + path;
	const { timeout, ...network } = nodeRequestOptions(this);
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
					...network,
					timeout: options.timeoutMs ?? timeout ?? DEFAULT_TIMEOUT_MS,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
			)) as TelnyxResponse;
			learn(pace, response.statusCode, response.headers);
			const undocumented = isSuccess(response.statusCode)
				? undocumentedBody(response, options.emptyAllowed)
				: undefined;
			if (undocumented) throw new UndocumentedAnswer(response, undocumented);
			return response;
		} finally {
			done(pace);
		}
	};
	const failureOf = (
		response: TelnyxResponse | undefined,
		error: unknown,
	): AttemptFailure | undefined => {
		if (error instanceof UndocumentedAnswer) return { statusCode: error.response.statusCode };
		if (error !== undefined) return { networkCode: connectionErrorCode(error) ?? 'UNKNOWN' };
		if (response && response.statusCode >= 400)
			return { statusCode: response.statusCode, headers: response.headers };
		return undefined;
	};
	try {
		return await withRetries(options.policy, send, failureOf);
	} catch (error) {
		const node = this.getNode();
		if (!(error instanceof UndocumentedAnswer))
			throw toConnectionError(node, error, url, options.policy, {
				carriesNumbers: options.carriesNumbers,
				proxy: proxyLabel(network.proxy),
			});
		const undocumented = undocumentedAnswerError(node, error.response, error.what);
		throw withOutcome(
			node,
			options.policy,
			failureOf(undefined, error) ?? {},
			undocumented,
			options.carriesNumbers,
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
