import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The products Telnyx has terms of service for. Get Current Terms writes them out beside its
 * own "All Products": n8n's lint (node-param-default-wrong-for-options) checks a top-level
 * default against options it can read in place, and fails on a spread list.
 */
export const productTypeOptions: INodePropertyOptions[] = [
	{ name: 'Branded Calling', value: 'branded_calling' },
	{ name: 'Number Reputation', value: 'number_reputation' },
];
