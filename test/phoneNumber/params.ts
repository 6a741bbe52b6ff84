import type { INodeParameters } from 'n8n-workflow';

import { operation } from '../harness/parameters';

/**
 * The node's parameters for Register Numbers, as the editor saves them. Skip Numbers Already
 * Monitored (on by default) reads the enterprise's list before sending; the tests of sending
 * turn it off so that their requests are the POSTs alone, and the tests of skipping turn it on.
 */
export function registerParameters(
	enterpriseId: string,
	phoneNumbers: unknown,
	options: INodeParameters = {},
	mode: 'id' | 'list' = 'id',
): INodeParameters {
	return operation('phoneNumber', 'register', {
		enterpriseId: { __rl: true, mode, value: enterpriseId },
		phoneNumbers: phoneNumbers as string,
		options: { skipMonitored: false, ...options },
	});
}
