// A caller_id_pool row as the pool example writes it: active, low risk, joined on 1 November.
import type { IDataObject } from 'n8n-workflow';

export const poolRowOf = (
	enterprise: string,
	phone_number: string,
	fields: IDataObject = {},
): IDataObject => ({
	phone_number,
	area_code: phone_number.slice(2, 5),
	enterprise_id: enterprise,
	status: 'active',
	since: '2026-11-01T06:00:00.000Z',
	reason: 'joined the pool',
	remediation_id: '',
	spam_risk: 'low',
	connection_score: 50,
	checked_at: '2026-12-01T06:00:00.000Z',
	...fields,
});
