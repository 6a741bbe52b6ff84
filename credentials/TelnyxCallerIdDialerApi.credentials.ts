import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret a dialer sends with each question to the Caller ID Dialer Trigger: every answer
 * spends a call of a number's daily cap, so nobody who merely finds the URL may ask.
 */
export class TelnyxCallerIdDialerApi implements ICredentialType {
	name = 'telnyxCallerIdDialerApi';

	displayName = 'Telnyx Caller ID Dialer API';

	icon: Icon = { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' };

	documentationUrl = 'https://set-before-release.invalid/n8n-nodes-telnyx-reputation#readme';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			required: true,
			default: 'X-Dialer-Secret',
			description: 'The header the dialer sends the secret in',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value the dialer sends in the header with each question; a question without it is refused (403)',
		},
	];
}
