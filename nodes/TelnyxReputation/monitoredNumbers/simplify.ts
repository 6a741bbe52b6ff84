// Simplify (n8n's UX guidelines, for records of more than 10 fields): a number's record as the
// nine fields a person or a model acts on. On by default from node version 1.1, so that a
// workflow saved with version 1 keeps the records it had.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { reputationOf } from './record';

const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return each number as its enterprise, spam risk, four scores, spam category and when it was last checked, instead of the full record of the API',
};

/** Simplify: off by default in version 1, on from version 1.1. */
export const simplifyFields: INodeProperties[] = [
	{ ...simplifyField, default: false, displayOptions: { show: { '@version': [1] } } },
	{ ...simplifyField, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
];

/**
 * The fields that matter of a record. The enterprise stays, so that an account-wide list says
 * whose each number is and can feed an operation on it; what a request billed stays too.
 */
export function simplified(record: IDataObject): IDataObject {
	const reputation = reputationOf(record) ?? {};
	const field = (name: string) => reputation[name] ?? null;
	return {
		phone_number: record.phone_number,
		enterprise_id: record.enterprise_id ?? null,
		spam_risk: field('spam_risk'),
		maturity_score: field('maturity_score'),
		connection_score: field('connection_score'),
		engagement_score: field('engagement_score'),
		sentiment_score: field('sentiment_score'),
		spam_category: field('spam_category'),
		last_refreshed_at: field('last_refreshed_at'),
		...('billed_usd' in record ? { billed_usd: record.billed_usd } : {}),
	};
}

/** A declarative operation's output step: each record simplified when Simplify is on. */
export async function simplifyOutput(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', false) as boolean)) return items;
	return items.map((item) => ({ ...item, json: simplified(item.json) }));
}
