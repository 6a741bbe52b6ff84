import type {
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'telnyxReputationApi';

/** Every context that sends requests: operations, the enterprise picker, the triggers' polls and hooks. */
export type RequestContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions;

export interface TelnyxCredentials {
	apiKey: string;
	/** Without a trailing slash. */
	baseUrl: string;
}

/**
 * The credential, read once per context: a run sends many requests, and n8n reads (and
 * decrypts) a credential from its database each time a node asks for it.
 */
const read = new WeakMap<object, Promise<TelnyxCredentials>>();

export async function credentialsOf(context: RequestContext): Promise<TelnyxCredentials> {
	let credentials = read.get(context);
	if (!credentials) {
		credentials = context
			.getCredentials<{ apiKey?: string; baseUrl?: string }>(CREDENTIAL_TYPE)
			.then(({ apiKey, baseUrl }) => ({
				apiKey: String(apiKey ?? ''),
				baseUrl: (baseUrl || 'https://api.telnyx.com/v2').replace(/\/+$/, ''),
			}));
		read.set(context, credentials);
	}
	return await credentials;
}
