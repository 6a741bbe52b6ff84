// What a user is told of a request that got no HTTP answer at all: why (refused, reset, timed
// out, a certificate refused), what to check, and whether Telnyx may have processed it.
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withOutcome } from './apiErrors';
import type { RetryPolicy } from './retries';
import { UNTRUSTED_CERTIFICATE, connectionErrorCode, isTlsFailure } from './retries';

/**
 * A request that got no HTTP answer at all (refused, reset, timed out), naming the URL; for an
 * at-most-once request that may have been processed, an OutcomeUnknownError.
 */
export function toConnectionError(
	node: INode,
	error: unknown,
	url: string,
	policy: RetryPolicy,
	request: {
		/** The request carries phone numbers: an unknown outcome says to check them with Get Many. */
		carriesNumbers?: boolean;
		/** The proxy it went through (Settings → Request Options): the first place to look. */
		proxy?: string;
	} = {},
): NodeApiError {
	const code = connectionErrorCode(error);
	const reason = code ? reasonOf(code) : 'the connection failed';
	const check = whatToCheck(code, request.proxy !== undefined);
	const failed = new NodeApiError(
		node,
		{ networkError: code ?? 'unknown' },
		{
			message: request.proxy
				? `Could not reach the Telnyx API through the proxy ${request.proxy}: ${reason}`
				: `Could not reach the Telnyx API: ${reason}`,
			description: `Request to ${url}${request.proxy ? ` through the proxy ${request.proxy}` : ''} got no answer (${code ?? 'unknown error'}). ${check}`,
		},
	);
	return withOutcome(
		node,
		policy,
		{ networkCode: code ?? 'UNKNOWN' },
		failed,
		request.carriesNumbers,
	);
}

const CONNECTION_REASON: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset before the answer arrived',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
};

/** The option's label in the node's Settings, as n8n names it. */
const IGNORE_SSL = 'Ignore SSL Issues (Insecure)';

function reasonOf(code: string): string {
	if (UNTRUSTED_CERTIFICATE.has(code)) return `the server's certificate is not trusted (${code})`;
	if (isTlsFailure(code)) return `a secure connection could not be set up (${code})`;
	return CONNECTION_REASON[code] ?? code;
}

function whatToCheck(code: string | undefined, throughProxy: boolean): string {
	if (code && UNTRUSTED_CERTIFICATE.has(code))
		return `Nothing was sent. Check the Base URL in the credential; if the server is one you trust (a company proxy that inspects TLS, a test server), turn on Settings → Request Options → ${IGNORE_SSL}.`;
	if (code && isTlsFailure(code))
		return 'Nothing was sent. Check that the Base URL and the proxy start with the scheme their server speaks (most proxies are http://, not https://).';
	if (throughProxy)
		return 'Check the proxy in Settings → Request Options, then the Base URL in the credential.';
	return 'Check the Base URL in the credential and the network.';
}
