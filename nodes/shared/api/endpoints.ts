// Every endpoint of the Reputation API the package calls, once: the declarative operations'
// routing, the custom operations and both triggers read their method, path and retry policy here.
import type { IHttpRequestMethods } from 'n8n-workflow';

import { buildPath } from '../paths';
import type { ApiRequest } from '../transport/request';
import type { RetryPolicy } from '../transport/retries';

export interface Endpoint {
	method: IHttpRequestMethods;
	/** A path template: each `{name}` is one path segment (see buildPath). */
	path: string;
	/** Billable requests, and those whose second try would fail on the first one's success, are at most once. */
	policy: RetryPolicy;
	/** The API's reference shows no body for its answer: an empty 2xx is an answer too. */
	emptyAllowed?: boolean;
	/** Also under `/enterprises/{enterpriseId}` (the path itself is the account-wide one). */
	enterpriseOptional?: boolean;
	/** An endpoint that takes many numbers: at most this many per request. */
	maxNumbers?: number;
}

type Traits = Omit<Endpoint, 'method' | 'path'>;

/**
 * Each endpoint by its method and path, as the API's reference names it, so an operation
 * shows what it sends: `ENDPOINTS['GET /enterprises/{enterpriseId}']`.
 */
const TRAITS = {
	'GET /enterprises': { policy: 'idempotent' },
	/** Not billable; a second try after a lost answer would meet the first one's enterprise (409). */
	'POST /enterprises': { policy: 'atMostOnce' },
	'GET /enterprises/{enterpriseId}': { policy: 'idempotent' },
	/** The API says "replace": a second try sends the same fields again. */
	'PUT /enterprises/{enterpriseId}': { policy: 'idempotent' },
	/** Soft delete; a second try after a lost answer would answer 404. */
	'DELETE /enterprises/{enterpriseId}': { policy: 'atMostOnce' },

	'GET /reputation/numbers': { policy: 'idempotent', enterpriseOptional: true },
	/** Bills a live lookup with `fresh=true`, and for a number with no stored data yet. */
	'GET /reputation/numbers/{phoneNumber}': { policy: 'idempotent', enterpriseOptional: true },
	'DELETE /reputation/numbers/{phoneNumber}': { policy: 'atMostOnce', enterpriseOptional: true },
	/** Billable. */
	'POST /enterprises/{enterpriseId}/reputation/numbers': { policy: 'atMostOnce', maxNumbers: 100 },
	/** Billable live lookups. */
	'POST /enterprises/{enterpriseId}/reputation/numbers/refresh': {
		policy: 'atMostOnce',
		maxNumbers: 100,
	},

	'GET /enterprises/{enterpriseId}/reputation/remediation': { policy: 'idempotent' },
	'GET /enterprises/{enterpriseId}/reputation/remediation/{remediationId}': {
		policy: 'idempotent',
	},
	/** Billable per number. */
	'POST /enterprises/{enterpriseId}/reputation/remediation': {
		policy: 'atMostOnce',
		maxNumbers: 2000,
	},

	'GET /enterprises/{enterpriseId}/reputation': { policy: 'idempotent' },
	'POST /enterprises/{enterpriseId}/reputation': { policy: 'atMostOnce' },
	'DELETE /enterprises/{enterpriseId}/reputation': { policy: 'atMostOnce' },
	'PATCH /enterprises/{enterpriseId}/reputation/frequency': { policy: 'idempotent' },
	'POST /enterprises/{enterpriseId}/reputation/loa': { policy: 'idempotent' },
	'PATCH /enterprises/{enterpriseId}/reputation/loa': { policy: 'idempotent' },
	/** Not billable; a document sent twice is an unlinked copy that Telnyx deletes after 30 minutes. */
	'POST /documents': { policy: 'idempotent' },

	'PATCH /enterprises/{enterpriseId}/reputation/webhook': {
		policy: 'idempotent',
		emptyAllowed: true,
	},
	'GET /enterprises/{enterpriseId}/reputation/external_verification': { policy: 'idempotent' },
	'POST /enterprises/{enterpriseId}/reputation/external_verification': { policy: 'atMostOnce' },
	'POST /enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}/ownership_confirm': {
		policy: 'atMostOnce',
	},

	'GET /terms_of_service/status': { policy: 'idempotent' },
	'GET /terms_of_service/info': { policy: 'idempotent' },
	'POST /terms_of_service/number_reputation/agree': { policy: 'idempotent' },
	'GET /terms_of_service/agreements': { policy: 'idempotent' },
	'GET /terms_of_service/agreements/{agreementId}': { policy: 'idempotent' },
} as const satisfies Record<`${IHttpRequestMethods} /${string}`, Traits>;

type Route = keyof typeof TRAITS;

/** The method and path a route's key names, as types: a path's `{name}`s are checked where it is used. */
type Named<R> = R extends `${infer M extends IHttpRequestMethods} ${infer P}`
	? { method: M; path: P }
	: never;

export const ENDPOINTS = Object.fromEntries(
	Object.entries(TRAITS).map(([route, traits]) => {
		const [method, path] = route.split(' ');
		return [route, { method, path, ...traits }];
	}),
) as { readonly [R in Route]: Named<R> & (typeof TRAITS)[R] };

const ENTERPRISE = '/enterprises/{enterpriseId}';

/** The path of an endpoint the enterprise is optional for: under the enterprise when one is given. */
export const scopedPath = (endpoint: Endpoint, enterpriseId: string): string =>
	endpoint.enterpriseOptional && enterpriseId !== ''
		? `${ENTERPRISE}${endpoint.path}`
		: endpoint.path;

/** The request to `endpoint`, each `{name}` of its path filled from `values`. */
export function requestTo(endpoint: Endpoint, values: Record<string, string> = {}): ApiRequest {
	return {
		method: endpoint.method,
		path: buildPath(scopedPath(endpoint, values.enterpriseId ?? ''), values),
		policy: endpoint.policy,
		emptyAllowed: endpoint.emptyAllowed,
	};
}
