import type { INodeExecutionData } from 'n8n-workflow';

import type { RunResult } from '../../support/engine/runNode';
import { allText, SECRET_KEY } from './useSandbox';

/** What a user reads in the Table view: a failure's `status`, or `success` for an API record. */
export function statusOf(item: INodeExecutionData, success = 'registered'): string {
	return typeof item.json.error === 'string' ? String(item.json.status) : success;
}

/** The key is in no item, error or log line of the run. */
export function expectNoSecret(result: RunResult, secret = SECRET_KEY): void {
	expect(allText(result.run)).not.toContain(secret);
	expect(allText(result.error)).not.toContain(secret);
	expect(result.logs.join('\n')).not.toContain(secret);
}

/** The numbers each request to the sandbox carried. */
export function sentNumbers(requests: Array<{ body: unknown }>): string[][] {
	return requests.map((request) => (request.body as { phone_numbers: string[] }).phone_numbers);
}
