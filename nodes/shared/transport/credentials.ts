import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Prices } from '../prices';
import { PRICES } from '../prices';

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
	/** The credential as n8n gave it, handed back to n8n's request helper, which would read it again for each request. */
	decrypted: ICredentialsDecrypted;
	/** What the account pays: Telnyx's published prices, or the negotiated ones it sets. */
	prices: Prices;
}

/** The credential's Negotiated Prices where it sets them, else the published ones. */
function pricesIn(data: ICredentialDataDecryptedObject): Prices {
	if (data.negotiatedPrices !== true) return PRICES;
	const price = (name: string, published: number) => {
		const value = Number(data[name]);
		return Number.isFinite(value) && value >= 0 ? value : published;
	};
	return {
		checkUsd: price('checkPriceUsd', PRICES.checkUsd),
		remediationUsd: price('remediationPriceUsd', PRICES.remediationUsd),
		enterpriseMonthlyUsd: price('enterpriseFeeUsd', PRICES.enterpriseMonthlyUsd),
	};
}

/**
 * The credential, read once per context (per poll: see startPoll): a run sends many requests,
 * and n8n reads (and decrypts) a credential from its database each time a node asks for it.
 */
const credentialsByContext = new WeakMap<object, Promise<TelnyxCredentials>>();

const DEFAULT_BASE_URL = 'https://api.telnyx.com/v2';

/**
 * The Base URL as people paste it (spaces, a trailing slash), checked before anything is sent:
 * without its /v2 every path answers 404, which would otherwise read as a wrong enterprise ID.
 */
function checkedBaseUrl(node: INode, value: string | undefined): string {
	const baseUrl = (value ?? '').trim().replace(/\/+$/, '') || DEFAULT_BASE_URL;
	const problem = !/^https?:\/\/[^/\s]+/i.test(baseUrl)
		? 'must start with https://'
		: !/\/v2$/.test(baseUrl)
			? 'must end in /v2'
			: undefined;
	if (!problem) return baseUrl;
	throw new NodeOperationError(
		node,
		`The credential's Base URL ${problem}, as ${DEFAULT_BASE_URL} does: it is "${baseUrl}"`,
		{ description: 'Nothing was sent. Correct the Base URL in the credential.' },
	);
}

/**
 * Starts a poll. n8n polls with one context for as long as the workflow is active, so each
 * poll forgets the credential read by the one before: it uses the key and Base URL as saved now.
 */
export function startPoll(context: IPollFunctions): void {
	credentialsByContext.delete(context);
}

export async function credentialsOf(context: RequestContext): Promise<TelnyxCredentials> {
	let credentials = credentialsByContext.get(context);
	if (!credentials) {
		const node = context.getNode();
		const { id, name } = node.credentials?.[CREDENTIAL_TYPE] ?? {};
		credentials = context
			.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE)
			.then((data) => ({
				apiKey: String(data.apiKey ?? ''),
				baseUrl: checkedBaseUrl(node, data.baseUrl as string | undefined),
				decrypted: { id: id ?? '', name: name ?? '', type: CREDENTIAL_TYPE, data },
				prices: pricesIn(data),
			}));
		credentialsByContext.set(context, credentials);
	}
	return await credentials;
}

/** What the account pays (the credential's prices), for the figures a run outputs. */
export const pricesOf = async (context: RequestContext): Promise<Prices> =>
	(await credentialsOf(context)).prices;
