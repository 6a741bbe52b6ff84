import type { INodePropertyOptions } from 'n8n-workflow';

/** As the API names them. */
export const remediationStatuses: INodePropertyOptions[] = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'Pending', value: 'pending' },
];

export const FINISHED = ['cancelled', 'completed', 'failed'];

export const finishedStatuses = remediationStatuses.filter((status) =>
	FINISHED.includes(String(status.value)),
);
