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

const ENTERPRISE = '/enterprises/{enterpriseId}';

export const ENDPOINTS = {
	listEnterprises: { method: 'GET', path: '/enterprises', policy: 'idempotent' },
	/** Not billable; a second try after a lost answer would meet the first one's enterprise (409). */
	createEnterprise: { method: 'POST', path: '/enterprises', policy: 'atMostOnce' },
	getEnterprise: { method: 'GET', path: ENTERPRISE, policy: 'idempotent' },
	/** The API says "replace": a second try sends the same fields again. */
	updateEnterprise: { method: 'PUT', path: ENTERPRISE, policy: 'idempotent' },
	/** Soft delete; a second try after a lost answer would answer 404. */
	deleteEnterprise: { method: 'DELETE', path: ENTERPRISE, policy: 'atMostOnce' },

	listNumbers: {
		method: 'GET',
		path: '/reputation/numbers',
		policy: 'idempotent',
		enterpriseOptional: true,
	},
	/** Bills a live lookup with `fresh=true`, and for a number with no stored data yet. */
	getNumber: {
		method: 'GET',
		path: '/reputation/numbers/{phoneNumber}',
		policy: 'idempotent',
		enterpriseOptional: true,
	},
	removeNumber: {
		method: 'DELETE',
		path: '/reputation/numbers/{phoneNumber}',
		policy: 'atMostOnce',
		enterpriseOptional: true,
	},
	/** Billable. */
	registerNumbers: {
		method: 'POST',
		path: `${ENTERPRISE}/reputation/numbers`,
		policy: 'atMostOnce',
		maxNumbers: 100,
	},
	/** Billable live lookups. */
	refreshNumbers: {
		method: 'POST',
		path: `${ENTERPRISE}/reputation/numbers/refresh`,
		policy: 'atMostOnce',
		maxNumbers: 100,
	},

	listRemediations: {
		method: 'GET',
		path: `${ENTERPRISE}/reputation/remediation`,
		policy: 'idempotent',
	},
	getRemediation: {
		method: 'GET',
		path: `${ENTERPRISE}/reputation/remediation/{remediationId}`,
		policy: 'idempotent',
	},
	/** Billable per number. */
	submitRemediation: {
		method: 'POST',
		path: `${ENTERPRISE}/reputation/remediation`,
		policy: 'atMostOnce',
		maxNumbers: 2000,
	},

	getReputationSettings: { method: 'GET', path: `${ENTERPRISE}/reputation`, policy: 'idempotent' },
	enableReputation: { method: 'POST', path: `${ENTERPRISE}/reputation`, policy: 'atMostOnce' },
	disableReputation: { method: 'DELETE', path: `${ENTERPRISE}/reputation`, policy: 'atMostOnce' },
	updateCheckFrequency: {
		method: 'PATCH',
		path: `${ENTERPRISE}/reputation/frequency`,
		policy: 'idempotent',
	},
	generateLoa: { method: 'POST', path: `${ENTERPRISE}/reputation/loa`, policy: 'idempotent' },
	replaceLoa: { method: 'PATCH', path: `${ENTERPRISE}/reputation/loa`, policy: 'idempotent' },
	/** Not billable; a document sent twice is an unlinked copy that Telnyx deletes after 30 minutes. */
	uploadDocument: { method: 'POST', path: '/documents', policy: 'idempotent' },

	setOwnershipWebhook: {
		method: 'PATCH',
		path: `${ENTERPRISE}/reputation/webhook`,
		policy: 'idempotent',
		emptyAllowed: true,
	},
	getOwnershipProof: {
		method: 'GET',
		path: `${ENTERPRISE}/reputation/external_verification`,
		policy: 'idempotent',
	},
	submitOwnershipProof: {
		method: 'POST',
		path: `${ENTERPRISE}/reputation/external_verification`,
		policy: 'atMostOnce',
	},
	confirmOwnership: {
		method: 'POST',
		path: `${ENTERPRISE}/reputation/numbers/{phoneNumber}/ownership_confirm`,
		policy: 'atMostOnce',
	},

	getTermsStatus: { method: 'GET', path: '/terms_of_service/status', policy: 'idempotent' },
	getCurrentTerms: { method: 'GET', path: '/terms_of_service/info', policy: 'idempotent' },
	agreeToTerms: {
		method: 'POST',
		path: '/terms_of_service/number_reputation/agree',
		policy: 'idempotent',
	},
	listAgreements: { method: 'GET', path: '/terms_of_service/agreements', policy: 'idempotent' },
	getAgreement: {
		method: 'GET',
		path: '/terms_of_service/agreements/{agreementId}',
		policy: 'idempotent',
	},
} as const satisfies Record<string, Endpoint>;

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
