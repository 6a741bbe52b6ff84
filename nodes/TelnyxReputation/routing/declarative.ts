// The declarative operations' adapter. For each input item, in this order: the request is
// prepared (its checked path, then the operation's query or body), sent in its turn of the
// credential's pace and retried under its endpoint's policy, its answer checked, and a failure
// mapped to the error the user sees.
//
// Why through n8n's pagination hook: RoutingNode (n8n-core 2.41 and 1.122) runs no other hook
// around a request: `preSend` runs before it, `postReceive` only on an answer. So every
// operation sets `send.paginate: true`, even a single GET, and its `pagination` function
// (`perItem`) is where a routed request reaches the transport as every other request does.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Endpoint } from '../../shared/api/endpoints';
import { ofItem } from '../../shared/parameters/items';
import { readPhoneNumber } from '../../shared/parameters/phoneNumbers';
import { matchesQuery } from '../../shared/queryFilters';
import { isSample, leftOutSample } from '../../shared/samples';
import { tableOrder } from '../../shared/tableView';
import type { TelnyxResponse } from '../../shared/transport/answer';
import { isSuccess } from '../../shared/transport/answer';
import type { AnswerError } from '../../shared/transport/apiErrors';
import {
	toNodeApiError,
	undocumentedAnswerError,
	undocumentedBody,
	withOutcome,
} from '../../shared/transport/apiErrors';
import { toConnectionError } from '../../shared/transport/connectionErrors';
import { credentialsOf } from '../../shared/transport/credentials';
import { learn, paceOf, sendPaced } from '../../shared/transport/pace';
import type { Page } from '../../shared/transport/pages';
import { readPages } from '../../shared/transport/pages';
import { proxyLabel } from '../../shared/transport/requestOptions';
import type { AttemptFailure, RetryPolicy } from '../../shared/transport/retries';
import { connectionErrorCode } from '../../shared/transport/retries';
import type { ReadablePath } from './pathParameters';
import { endpointPath } from './pathParameters';

/** A step that completes the request before it is sent (its path, query or body); it may throw. */
type Prepare = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

type PostReceive = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

export type Fetch = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** Whether the request an item would send is billable, as the node's parameters set it. */
type Bills = (context: IExecuteSingleFunctions) => boolean;

/** An error status that is an answer for this operation (a 404 that means "none yet"), as the item to output. */
type Answers = Record<number, (context: IExecuteSingleFunctions) => IDataObject>;

/**
 * What a routed attempt failed with, for the retry policy: the answer its check threw (see
 * `toNodeApiError`), else what n8n threw when no answer came.
 */
function failureOfError(error: unknown): AttemptFailure | undefined {
	if (error === undefined) return undefined;
	const { answer } = error as Partial<AnswerError>;
	if (answer) return answer;
	const statusCode = Number((error as { httpCode?: unknown }).httpCode);
	const networkCode = connectionErrorCode(error);
	return {
		statusCode: Number.isInteger(statusCode) ? statusCode : undefined,
		networkCode: networkCode ?? (Number.isInteger(statusCode) ? undefined : 'UNKNOWN'),
	};
}

/** RoutingNode's request and its postReceive steps (`makeRoutingRequest`), paced and retried under `policy`. */
async function sendRouted(
	context: IExecutePaginationFunctions,
	policy: RetryPolicy,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await sendPaced(
		context,
		policy,
		async () => await context.makeRoutingRequest(requestData),
		(_result, error) => failureOfError(error),
	);
}

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
 * The error just made of the item's answer, named by its number in an operation on one number:
 * in an error item's Table row, and to a model that called the node as a tool (n8n's agent
 * passes it the message alone).
 */
function forTheItem(context: IExecuteSingleFunctions, made: NodeApiError): NodeApiError {
	if (context.getNodeParameter('phoneNumber', '') !== '')
		made.message = `${readPhoneNumber(ofItem(context))}: ${made.message}`;
	return made;
}

/** The API's error for a non-2xx answer to the item's request, as the user sees it. */
export const refusal = (context: IExecuteSingleFunctions, response: TelnyxResponse) =>
	forTheItem(context, toNodeApiError(context.getNode(), response));

/**
 * The first postReceive step of every declarative operation (they all set
 * `ignoreHttpStatusErrors`): a non-2xx answer becomes the API's own error, and a 2xx that is
 * not the JSON the API documents (`emptyAllowed`: an empty body is an answer too) an error too.
 */
function answerChecks({ emptyAllowed }: { emptyAllowed: boolean }): PostReceive {
	return async function (this: IExecuteSingleFunctions, items, response) {
		learn(await paceOf(this), response.statusCode, response.headers);
		const answer = {
			statusCode: response.statusCode,
			body: readBody(response.body),
			headers: response.headers,
		};
		if (!isSuccess(response.statusCode)) throw refusal(this, answer);
		const undocumented = undocumentedBody(answer, emptyAllowed);
		if (!undocumented) return items;
		throw forTheItem(this, undocumentedAnswerError(this.getNode(), answer, undocumented));
	};
}

/** `answerChecks`, except for the statuses the operation reads as answers. */
function errorsExcept(answers: Answers, emptyAllowed: boolean): PostReceive {
	const checked = answerChecks({ emptyAllowed });
	return async function (this: IExecuteSingleFunctions, items, response) {
		const answer = answers[response.statusCode];
		return answer ? [{ json: answer(this) }] : await checked.call(this, items, response);
	};
}

/**
 * The error a user sees: a request that got no answer names its URL, and an at-most-once
 * request that may have been processed is an unknown outcome, not a failure.
 */
function userFacingError(
	context: IExecuteSingleFunctions,
	error: unknown,
	policy: RetryPolicy,
	options: Partial<Pick<IHttpRequestOptions, 'baseURL' | 'url' | 'proxy'>>,
): Error {
	const answered =
		error instanceof NodeApiError && error.httpCode !== null && /^\d+$/.test(error.httpCode);
	if (!answered && connectionErrorCode(error)) {
		const url = `${options.baseURL ?? ''}${options.url ?? ''}`;
		return toConnectionError(context.getNode(), error, url, policy, {
			proxy: proxyLabel(options.proxy),
		});
	}
	if (!(error instanceof NodeApiError)) return error as Error;
	return withOutcome(context.getNode(), policy, failureOfError(error) ?? {}, error);
}

/**
 * The pagination function of an operation: for each input item, the `prepare` steps run (a bad
 * value fails this item only), then `fetch`; every output item is paired to its input item,
 * and with Continue On Fail a failure becomes an error item paired to it too, so n8n's error
 * output merges it with its input row. A sample item is not sent where the request `bills`
 * (samples.ts).
 */
function perItem(policy: RetryPolicy, prepare: Prepare[], fetch: Fetch, bills?: Bills) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const pairedItem = { item: this.getItemIndex() };
		const input = this.getInputData().json;
		if (bills?.(this) && isSample(input)) return [{ json: leftOutSample(input), pairedItem }];
		try {
			await credentialsOf(this);
			for (const step of prepare)
				requestData.options = await step.call(this, requestData.options as IHttpRequestOptions);
			const items = await fetch.call(this, requestData);
			return items.map((item) => ({ ...item, pairedItem }));
		} catch (caught) {
			const error = userFacingError(this, caught, policy, requestData.options);
			if (!this.continueOnFail()) throw error;
			// Only `error` and `message`: the shape every n8n version routes to the error output (see outputItems.ts).
			const { description } = error as NodeApiError;
			return [
				{ json: { error: error.message, message: description ?? error.message }, pairedItem },
			];
		}
	};
}

// The Limit field's default (actions/common/fields.ts, where n8n's lint wants the number itself).
const DEFAULT_LIMIT = 50;

/** Return All / Limit over `page[number]` and `page[size]`, each page sent as `sendRouted` sends. */
function pagesOf(policy: RetryPolicy): Fetch {
	return async function (requestData) {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', DEFAULT_LIMIT) as number);
		const { records } = await readPages(
			this.getNode(),
			async (pageNumber, pageSize) => {
				// Pages are read concurrently: each request gets its own copy of the options.
				const qs = {
					...requestData.options.qs,
					'page[number]': pageNumber,
					'page[size]': pageSize,
				};
				const pageRequest = { ...requestData, options: { ...requestData.options, qs } };
				const [response] = await sendRouted(this, policy, pageRequest);
				return (response?.json ?? {}) as Page;
			},
			{ limit, keep: matchesQuery(requestData.options.qs) },
		);
		return records.map((json) => ({ json: tableOrder(json) }));
	};
}

/** One request per input item to `endpoint`; `output` maps a 2xx answer to items. */
export function singleRequest<const E extends Endpoint>(options: {
	endpoint: E & { path: ReadablePath<E['path']> };
	/** Steps after the endpoint's path is set: a body, a query, another path (Get's free read). */
	prepare?: Prepare[];
	output?: PostReceive[];
	request?: Partial<IHttpRequestOptions>;
	answers?: Answers;
	bills?: Bills;
	/** Reads around the request: what an item says needs the state before it (free reads). */
	around?: (fetch: Fetch) => Fetch;
}): INodePropertyRouting {
	const { endpoint } = options;
	const prepare = [endpointPath(endpoint), ...(options.prepare ?? [])];
	const send: Fetch = async function (requestData) {
		return await sendRouted(this, endpoint.policy, requestData);
	};
	const fetch = options.around ? options.around(send) : send;
	return {
		request: { ...options.request, method: endpoint.method, ignoreHttpStatusErrors: true },
		send: { paginate: true },
		operations: { pagination: perItem(endpoint.policy, prepare, fetch, options.bills) },
		output: {
			postReceive: [
				errorsExcept(options.answers ?? {}, endpoint.emptyAllowed ?? false),
				...(options.output ?? []),
			],
		},
	};
}

/** A paged GET list of `endpoint` per input item (Return All / Limit). */
export function pagedList<const E extends Endpoint>(
	endpoint: E & { path: ReadablePath<E['path']> },
	...prepare: Prepare[]
): INodePropertyRouting {
	const { policy } = endpoint;
	return {
		request: { method: 'GET', ignoreHttpStatusErrors: true },
		send: { paginate: true },
		operations: {
			pagination: perItem(policy, [endpointPath(endpoint), ...prepare], pagesOf(policy)),
		},
		output: { postReceive: [answerChecks({ emptyAllowed: false })] },
	};
}
