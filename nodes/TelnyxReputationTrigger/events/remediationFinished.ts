import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { listAll } from '../../shared/transport/pages';
import { listEnterprises } from '../../shared/api/enterprises';
import { getRemediation, remediationList } from '../../shared/api/remediations';
import { FINISHED, finishedStatuses } from '../../shared/remediationStatuses';
import type { TriggerEvent } from './event';
import { forEvent } from './event';
import { fictionalNumber, sampleFields } from '../../shared/samples';

const EVENT = 'remediationFinished';

/** What is kept between polls: the requests not finished yet, and the newest request seen. */
interface RemediationState {
	unfinished: string[];
	/** The newest `created_at` seen, as the API wrote it. */
	newest: string;
}

/** Stands in for the account's own requests in a sample when none exists yet. */
const EXAMPLE_REQUEST: IDataObject = {
	id: 'b7c1f1c0-7a9d-4f0a-9d3e-2f6a1c4b8e21',
	status: 'completed',
	phone_numbers_count: 2,
	phone_numbers_submitted: 2,
	phone_numbers_ineligible: 0,
	call_purpose: 'Appointment reminders for our dental clinic.',
	contact_email: null,
	webhook_url: null,
	created_at: '2026-11-28T12:00:00Z',
	updated_at: '2026-11-30T12:05:00Z',
	tier1_completed_at: '2026-11-29T12:00:00Z',
	tier2_completed_at: '2026-11-30T12:05:00Z',
	results: {
		remediated: ['+19493253498'],
		not_flagged: ['+12134445566'],
		requires_review: [],
		ineligible: [],
		refused: [],
	},
};

/**
 * A request as a sample: with `status`, and each number of its results replaced by a
 * fictional one of the same area code (see samples.ts), marked first.
 */
function sampleOf(request: IDataObject, status: string, why: string): IDataObject {
	const results = (request.results ?? NO_RESULTS) as Record<string, string[]>;
	let index = 0;
	const fictional = Object.fromEntries(
		Object.entries(results).map(([bucket, numbers]) => [
			bucket,
			Array.isArray(numbers) ? numbers.map((number) => fictionalNumber(number, index++)) : numbers,
		]),
	);
	return { ...sampleFields(why), event: EVENT, ...request, status, results: fictional };
}

/** The buckets of per-number results; empty lists are kept, as the API keeps them. */
const NO_RESULTS = {
	remediated: [],
	not_flagged: [],
	requires_review: [],
	ineligible: [],
	refused: [],
};

/** Remediation requests of one enterprise, or of every enterprise with reputation enabled. */
async function listRemediations(
	context: IPollFunctions,
	enterpriseId: string,
): Promise<IDataObject[]> {
	const enterprises = enterpriseId
		? [enterpriseId]
		: (await listEnterprises(context))
				.filter((enterprise) => enterprise.number_reputation_enabled !== false)
				.map((enterprise) => String(enterprise.id));
	const requests: IDataObject[] = [];
	for (const id of enterprises) {
		requests.push(
			...(await listAll(context, remediationList(id))).map((request) => ({
				enterprise_id: id,
				...request,
			})),
		);
	}
	return requests;
}

/** A request with its per-number results (the list gives a summary). */
async function fullRemediation(
	context: IPollFunctions,
	request: IDataObject,
): Promise<IDataObject> {
	const full = await getRemediation(context, String(request.enterprise_id), String(request.id));
	return { enterprise_id: request.enterprise_id, ...full };
}

/**
 * The requests that finished since the last poll, oldest first: those that were unfinished
 * then, and those created since and already finished. Dates are the API's own, so the
 * machine's clock does not matter.
 */
function finishedSince(kept: RemediationState, requests: IDataObject[], statuses: string[]) {
	return requests
		.filter((request) => statuses.includes(String(request.status)))
		.filter(
			(request) =>
				kept.unfinished.includes(String(request.id)) || String(request.created_at) > kept.newest,
		)
		.sort((a, b) => String(a.updated_at).localeCompare(String(b.updated_at)));
}

function remediationState(requests: IDataObject[]): RemediationState {
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

const statusesOf = (context: IPollFunctions) =>
	context.getNodeParameter('statuses', FINISHED) as string[];

export const remediationFinished: TriggerEvent = {
	option: {
		name: 'Remediation Finished',
		value: EVENT,
		description:
			'A remediation request reached completed, failed or cancelled: the full request with its per-number results',
	},
	fields: forEvent(EVENT, [
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: finishedStatuses,
			default: ['completed', 'failed', 'cancelled'],
			description: 'Which outcomes to report',
		},
	]),
	async poll(context, enterpriseId, kept) {
		const requests = await listRemediations(context, enterpriseId);
		const finished = kept
			? finishedSince(kept as unknown as RemediationState, requests, statusesOf(context))
			: [];
		const items: IDataObject[] = [];
		for (const request of finished) {
			items.push({ event: EVENT, ...(await fullRemediation(context, request)) });
		}
		return { items, next: remediationState(requests) as unknown as IDataObject };
	},
	async sample(context, enterpriseId) {
		const statuses = statusesOf(context);
		const requests = (await listRemediations(context, enterpriseId)).sort((a, b) =>
			String(b.updated_at).localeCompare(String(a.updated_at)),
		);
		const latest =
			requests.find((request) => statuses.includes(String(request.status))) ?? requests[0];
		if (!latest) {
			const why =
				'no remediation request yet; submit one with Telnyx Number Reputation → Remediation → Submit.';
			const example = { enterprise_id: enterpriseId || null, ...EXAMPLE_REQUEST };
			return sampleOf(example, statuses[0] ?? 'completed', why);
		}
		const request = await fullRemediation(context, latest);
		if (statuses.includes(String(request.status)) && request.results)
			return sampleOf(
				request,
				String(request.status),
				`request ${String(request.id)} as it finished.`,
			);
		const status = statuses[0] ?? 'completed';
		const why = `request ${String(request.id)} is ${String(request.status)}: shown as it will look once ${status}.`;
		return sampleOf(request, status, why);
	},
};
