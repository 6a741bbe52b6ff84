import type {
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	NodeApiError,
} from 'n8n-workflow';

import type { TelnyxResponse } from './answer';
import { isSuccess } from './answer';
import {
	toNodeApiError,
	undocumentedAnswerError,
	undocumentedBody,
	withOutcome,
} from './apiErrors';
import { toConnectionError } from './connectionErrors';
import type { AttemptFailure, RetryPolicy } from './retries';
import { connectionErrorCode, failureOfAnswer } from './retries';
import type { RequestContext } from './credentials';
import { CREDENTIAL_TYPE, credentialsOf } from './credentials';
import type { Pace } from './pace';
import { learn, sendPaced } from './pace';
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

/** An endpoint with its path filled in: what the transport sends. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	policy: RetryPolicy;
	emptyAllowed?: boolean;
}

export interface RequestParts {
	body?: IDataObject;
	qs?: IDataObject;
	/** The operation's own timeout; else the node's Request Options → Timeout; else a minute. */
	timeoutMs?: number;
	/** The request carries phone numbers: an unknown outcome says to check them with Get Many. */
	carriesNumbers?: boolean;
}

export interface ResultParts extends RequestParts {
	/** Where it happened, added to the error's description ("In request 2 of 3 …"). */
	where?: string;
	/**
	 * Running the request again is safe (Create finds its enterprise first; a removal or a
	 * deletion run again answers 404), so a 5xx answer stays the API's error, not an unknown
	 * outcome. A request that got no answer is still one.
	 */
	safeToRunAgain?: boolean;
}

/**
 * One attempt of `options` through n8n's helper: the pace learns from its answer, and a 2xx
 * that is not the JSON the API documents (`emptyAllowed`: an empty body is an answer too) throws.
 */
function attemptOf(
	context: RequestContext,
	options: IHttpRequestOptions,
	credentialsDecrypted: ICredentialsDecrypted,
	emptyAllowed: boolean | undefined,
) {
	return async (pace: Pace): Promise<TelnyxResponse> => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			// Each attempt its own copy: n8n's helper sets fields on the options it is given.
			{ ...options },
			{ credentialsDecrypted },
		)) as TelnyxResponse;
		learn(pace, response.statusCode, response.headers);
		const undocumented = isSuccess(response.statusCode)
			? undocumentedBody(response, emptyAllowed)
			: undefined;
		if (undocumented) throw new UndocumentedAnswer(response, undocumented);
		return response;
	};
}

/**
 * One authenticated request to the Telnyx API, in its turn of the credential's pace and
 * retried under its policy (see RetryPolicy). Answers with the full response whatever its
 * status (callers map errors, since they know which numbers were in the request); throws only
 * when no answer came back, or a 2xx that is not the JSON the API documents. For an
 * at-most-once request that may have been processed, what it throws is an OutcomeUnknownError.
 */
async function telnyxRequest(
	this: RequestContext,
	request: ApiRequest,
	parts: RequestParts = {},
): Promise<TelnyxResponse> {
	const { baseUrl, decrypted } = await credentialsOf(this);
	const url = baseUrl + request.path;
	const { timeout, ...network } = nodeRequestOptions(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		body: parts.body,
		qs: parts.qs,
		json: true,
		...network,
		timeout: parts.timeoutMs ?? timeout ?? DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		return await sendPaced(
			this,
			request.policy,
			attemptOf(this, options, decrypted, request.emptyAllowed),
			failureOf,
		);
	} catch (error) {
		const node = this.getNode();
		const sent = { carriesNumbers: parts.carriesNumbers, proxy: proxyLabel(network.proxy) };
		if (!(error instanceof UndocumentedAnswer))
			throw toConnectionError(node, error, url, request.policy, sent);
		const undocumented = undocumentedAnswerError(node, error.response, error.what);
		const failure = { statusCode: error.response.statusCode };
		throw withOutcome(node, request.policy, failure, undocumented, parts.carriesNumbers);
	}
}

/** What a request's attempt failed with, for the retry policy: no answer, an unreadable one, or an error status. */
function failureOf(
	response: TelnyxResponse | undefined,
	error: unknown,
): AttemptFailure | undefined {
	if (error instanceof UndocumentedAnswer) return { statusCode: error.response.statusCode };
	if (error !== undefined) return { networkCode: connectionErrorCode(error) ?? 'UNKNOWN' };
	if (response && response.statusCode >= 400) return failureOfAnswer(response);
	return undefined;
}

/**
 * What a request came to, mapped: its 2xx answer, or with the answer the API's error (`where`
 * added to it), an unknown outcome where the endpoint's policy says it may have been processed.
 */
export type TelnyxResult =
	| { response: TelnyxResponse; error?: undefined }
	| { response: TelnyxResponse; error: NodeApiError };

export async function telnyxResult(
	this: RequestContext,
	request: ApiRequest,
	parts: ResultParts = {},
): Promise<TelnyxResult> {
	const response = await telnyxRequest.call(this, request, parts);
	if (isSuccess(response.statusCode)) return { response };
	const node = this.getNode();
	const refusal = toNodeApiError(node, response, parts.where);
	if (parts.safeToRunAgain) return { response, error: refusal };
	const failure = failureOfAnswer(response);
	return {
		response,
		error: withOutcome(node, request.policy, failure, refusal, parts.carriesNumbers),
	};
}

/** A request whose failure is the API's error: answers the body of a 2xx answer. */
export async function telnyxAnswer(
	this: RequestContext,
	request: ApiRequest,
	parts: RequestParts = {},
): Promise<unknown> {
	const { response, error } = await telnyxResult.call(this, request, parts);
	if (error) throw error;
	return response.body;
}
