import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listAll } from './pagination';
import { buildPath } from './paths';
import { canonical } from './phoneNumbers';

/**
 * The numbers an enterprise monitors now, by E.164: free list reads at the API's largest page
 * (one read per 250 monitored numbers).
 */
export async function monitoredNumbers(
	context: IExecuteFunctions,
	enterpriseId: string,
): Promise<Map<string, IDataObject>> {
	const records = await listAll(
		context,
		buildPath('/enterprises/{enterpriseId}/reputation/numbers', { enterpriseId }),
	);
	return new Map(records.map((record) => [canonical(String(record.phone_number)), record]));
}
