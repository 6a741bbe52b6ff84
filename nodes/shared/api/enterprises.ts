import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../transport/credentials';
import { listAll } from '../transport/pages';
import { ENDPOINTS, requestTo } from './endpoints';

/** Every enterprise of the account (free reads). */
export async function listEnterprises(context: RequestContext): Promise<IDataObject[]> {
	return await listAll(context, requestTo(ENDPOINTS.listEnterprises));
}
