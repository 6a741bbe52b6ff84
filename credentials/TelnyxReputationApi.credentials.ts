import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// Named for this package: the official Telnyx node package already owns `telnyxApi`.
export class TelnyxReputationApi implements ICredentialType {
	name = 'telnyxReputationApi';

	displayName = 'Telnyx Reputation API';

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
			description: 'A Telnyx API key (V2), from Mission Control Portal → Account Settings → Keys & Credentials',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// The test runs without the node's request defaults, so it names its own base URL.
	// Listing one enterprise is free and fails with 401 on a wrong key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/enterprises',
			qs: { 'page[size]': 1 },
		},
	};
}
