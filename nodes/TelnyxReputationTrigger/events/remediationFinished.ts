import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { forEvent } from './numberEvent';

export const FINISHED = ['completed', 'failed', 'cancelled'];

export const option: INodePropertyOptions = {
	name: 'Remediation Finished',
	value: 'remediationFinished',
	description:
		'A remediation request reached completed, failed or cancelled: the full request with its per-number results',
};

export const fields: INodeProperties[] = forEvent('remediationFinished', [
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Failed', value: 'failed' },
		],
		default: ['completed', 'failed', 'cancelled'],
		description: 'Which outcomes to report',
	},
]);

/** What is kept between polls: the requests not finished yet, and the newest request seen. */
export interface RemediationState {
	unfinished: string[];
	/** The newest `created_at` seen, as the API wrote it. */
	newest: string;
}

/**
 * The requests that finished since the last poll, oldest first: those that were unfinished
 * then, and those created since and already finished. Dates are the API's own, so the
 * machine's clock does not matter.
 */
export function finishedSince(
	kept: RemediationState,
	requests: IDataObject[],
	statuses: string[],
): IDataObject[] {
	return requests
		.filter((request) => statuses.includes(String(request.status)))
		.filter(
			(request) =>
				kept.unfinished.includes(String(request.id)) || String(request.created_at) > kept.newest,
		)
		.sort((a, b) => String(a.updated_at).localeCompare(String(b.updated_at)));
}

export function remediationState(requests: IDataObject[]): RemediationState {
	return {
		unfinished: requests
			.filter((request) => !FINISHED.includes(String(request.status)))
			.map((request) => String(request.id)),
		newest: requests.reduce(
			(newest, request) =>
				String(request.created_at) > newest ? String(request.created_at) : newest,
			'',
		),
	};
}
