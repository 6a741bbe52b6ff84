import type { INodeParameters } from 'n8n-workflow';

import { operation } from '../harness/parameters';

/** The node's parameters for Register Numbers, as the editor saves them. */
export function registerParameters(
	enterpriseId: string,
	phoneNumbers: unknown,
	options: INodeParameters = {},
	mode: 'id' | 'list' = 'id',
): INodeParameters {
	return operation('phoneNumber', 'register', {
		enterpriseId: { __rl: true, mode, value: enterpriseId },
		phoneNumbers: phoneNumbers as string,
		options,
	});
}
