import type { INodePropertyOptions } from 'n8n-workflow';

/** The products Telnyx has terms of service for: the fields' options, and the agreement picker's names. */
export const productTypeOptions: INodePropertyOptions[] = [
	{ name: 'Branded Calling', value: 'branded_calling' },
	{ name: 'Number Reputation', value: 'number_reputation' },
];

/** The same, after "All Products" (sent as no product filter). */
export const productTypeOrAllOptions: INodePropertyOptions[] = [
	{ name: 'All Products', value: '' },
	...productTypeOptions,
];
