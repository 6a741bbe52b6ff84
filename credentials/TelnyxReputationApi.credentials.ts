import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { PRICES } from '../nodes/shared/prices';

/** The Base URL as people paste it: spaces and line breaks around it dropped. */
const BASE_URL = '$credentials.baseUrl.trim()';
/** Whether the Base URL starts with a scheme (https://); the request library refuses one without. */
const HAS_SCHEME = `/^[a-z][a-z0-9+.-]*:\\/\\//i.test(${BASE_URL})`;

const KEY_REFUSED =
	'Telnyx refused the API key: copy a V2 API key from Mission Control → Account Settings → Keys & Credentials';

// Named for this package: the official Telnyx node package already owns `telnyxApi`.
export class TelnyxReputationApi implements ICredentialType {
	name = 'telnyxReputationApi';

	displayName = 'Telnyx Number Reputation API';

	icon: Icon = { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' };

	documentationUrl = 'https://developers.telnyx.com/docs/overview/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A Telnyx API key (V2), from Mission Control Portal → Account Settings → Keys & Credentials. Pasted with "Bearer " in front, or with spaces around it, it works as it is.',
		},
		{
			displayName: 'Webhook Public Key',
			name: 'webhookPublicKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6C2ufSA1jYoFkqXhQyEEfVDusfqaXaKr+2LaejBZkuU=',
			description:
				'Only for the Telnyx Number Reputation Webhook Trigger: the account public key from Mission Control Portal → Keys & Credentials → Public Key (base64). Every delivery is checked against it; without it the trigger does not activate.',
		},
		{
			displayName: 'Negotiated Prices',
			name: 'negotiatedPrices',
			type: 'boolean',
			default: false,
			description:
				"Whether this account pays other prices than Telnyx's published ones: the nodes' figures (billed, monthly cost, budget) then use them",
		},
		{
			displayName: 'Price per Check (USD)',
			name: 'checkPriceUsd',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 4 },
			default: PRICES.checkUsd,
			description: 'A reputation check: a live lookup, or a scheduled check',
			displayOptions: { show: { negotiatedPrices: [true] } },
		},
		{
			displayName: 'Price per Remediated Number (USD)',
			name: 'remediationPriceUsd',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: PRICES.remediationUsd,
			displayOptions: { show: { negotiatedPrices: [true] } },
		},
		{
			displayName: 'Monthly Fee per Enterprise (USD)',
			name: 'enterpriseFeeUsd',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: PRICES.enterpriseMonthlyUsd,
			description: 'For an enterprise with reputation enabled',
			displayOptions: { show: { negotiatedPrices: [true] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.telnyx.com/v2',
			description:
				'Leave as is for the live Telnyx API. Change it only to point the node at a Telnyx-compatible test server.',
		},
	];

	/**
	 * The key as people paste it: Telnyx's curl examples put "Bearer " before it, and a copied
	 * key often carries spaces or a line break. A function rather than a generic `={{ }}`
	 * header: n8n evaluates such an expression on every request, and a batched run sends
	 * hundreds (a tenth of the node's time per request in `npm run bench`).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '')
			.trim()
			.replace(/^Bearer\s+/i, '');
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${key}` },
		};
	}

	// The test runs without the node's request defaults, so it names its own base URL.
	// Listing one enterprise is free; n8n shows a rule's message for its status instead of the
	// bare status text, so the user reads what to fix. A Base URL without a scheme would fail as
	// a bare ERR_INVALID_URL: it is tried with https:// (http:// on this machine) on a path no
	// server has, so the test fails with the 404 rule, which says the scheme is needed.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ (${HAS_SCHEME} ? "" : /^(localhost|127\\.)/.test(${BASE_URL}) ? "http://" : "https://") + ${BASE_URL}.replace(/\\/+$/, "") }}`,
			url: `={{ ${HAS_SCHEME} ? "/enterprises" : "/base-url-needs-https" }}`,
			qs: { 'page[size]': 1 },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: KEY_REFUSED } },
			{ type: 'responseCode', properties: { value: 403, message: KEY_REFUSED } },
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answers at this Base URL: it must start with https:// and end in /v2, as https://api.telnyx.com/v2 does',
				},
			},
		],
	};
}
