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
import { credentialsOf } from '../../shared/transport/credentials';
import { proxyLabel } from '../../shared/transport/requestOptions';
import type { RetryPolicy } from '../../shared/transport/retries';
import {
	connectionErrorCode,
	toConnectionError,
	withOutcome,
} from '../../shared/transport/retries';
import { isSample, leftOutSample } from '../../shared/samples';
import { answerChecks } from './answerChecks';
import { paginateByPageNumber } from './pagedList';
import type { ReadablePath } from './pathParameters';
import { endpointPath } from './pathParameters';
import { failureOfError, sendRouted } from './routedRequest';

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
 * RoutingNode's one hook around an item's request is the `pagination` request operation, so
 * every operation goes through it (`send.paginate: true`, even for a single GET). Here, for
 * each input item: the `prepare` steps run (checked paths, filters, bodies: a bad value fails
 * this item only), the request is retried under `policy`, every output item is paired to its
 * input item, and with Continue On Fail a failure becomes an error item paired to it too, so
 * n8n's error output merges it with its input row. A sample item is not sent where the request
 * `bills` (samples.ts).
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

/** Whether the request an item would send is billable, as the node's parameters set it. */
type Bills = (context: IExecuteSingleFunctions) => boolean;

/** An error status that is an answer for this operation (a 404 that means "none yet"), as the item to output. */
type Answers = Record<number, (context: IExecuteSingleFunctions) => IDataObject>;

/** `answerChecks`, except for the statuses the operation reads as answers. */
function errorsExcept(answers: Answers, emptyAllowed: boolean): PostReceive {
	const checked = answerChecks({ emptyAllowed });
	return async function (this: IExecuteSingleFunctions, items, response) {
		const answer = answers[response.statusCode];
		return answer ? [{ json: answer(this) }] : await checked.call(this, items, response);
	};
}

/** One request per input item to `endpoint`, paced and retried under its policy; `output` maps a 2xx answer to items. */
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

/** A paged GET list of `endpoint` per input item (Return All / Limit over page[number] and page[size]). */
export function pagedList<const E extends Endpoint>(
	endpoint: E & { path: ReadablePath<E['path']> },
	...prepare: Prepare[]
): INodePropertyRouting {
	return {
		request: { method: 'GET', ignoreHttpStatusErrors: true },
		send: { paginate: true },
		operations: {
			pagination: perItem(
				endpoint.policy,
				[endpointPath(endpoint), ...prepare],
				paginateByPageNumber,
			),
		},
		output: { postReceive: [answerChecks({ emptyAllowed: false })] },
	};
}
