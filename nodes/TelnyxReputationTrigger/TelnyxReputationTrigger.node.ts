import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { optionalEnterpriseLocator } from '../TelnyxReputation/actions/common/enterprise';
import { listAll } from '../TelnyxReputation/helpers/pagination';
import { buildPath } from '../TelnyxReputation/helpers/paths';
import { ofItem, readEnterpriseId } from '../TelnyxReputation/helpers/parameters';
import { searchEnterprises } from '../TelnyxReputation/helpers/searchFunctions';
import { isSuccess, toNodeApiError } from '../TelnyxReputation/helpers/errorHandler';
import { telnyxRequest } from '../TelnyxReputation/helpers/transport';
import type { NumberEvent, ReputationData } from './events/numberEvent';
import * as remediationFinished from './events/remediationFinished';
import { reputationChecked } from './events/reputationChecked';
import { scoreDropped } from './events/scoreDropped';
import { spamRiskChanged } from './events/spamRiskChanged';

const numberEvents: Record<string, NumberEvent> = {
	spamRiskChanged,
	scoreDropped,
	reputationChecked,
};

/** A monitored number as the list endpoints give it. */
interface MonitoredNumber {
	phone_number: string;
	enterprise_id: string;
	reputation_data: ReputationData | null;
}

/** What the trigger keeps in the workflow's static data between polls. */
interface TriggerState {
	/** Event and scope the values were kept for: another pair starts from a new baseline. */
	key?: string;
	/** Number events: E.164 without its `+` → what the event keeps of it. */
	numbers?: Record<string, string>;
	remediations?: remediationFinished.RemediationState;
}

export class TelnyxReputationTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation Trigger',
		name: 'telnyxReputationTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter.event.replace(/([A-Z])/g, " $1").toLowerCase() }}',
		description:
			"Starts a workflow when a monitored number's reputation changes or a remediation request finishes",
		defaults: { name: 'Telnyx Number Reputation Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxReputationApi', required: true }],
		properties: [
			{
				displayName:
					'Checks at the interval below, with free reads only (never a billable live lookup). The first check after activation records where every number stands and reports nothing; later checks report what changed since.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					reputationChecked.option,
					remediationFinished.option,
					scoreDropped.option,
					spamRiskChanged.option,
				],
				default: 'spamRiskChanged',
			},
			{
				...optionalEnterpriseLocator,
				description:
					'The enterprise to watch. Leave empty to watch every enterprise of the account.',
			},
			...spamRiskChanged.fields,
			...scoreDropped.fields,
			...remediationFinished.fields,
		],
	};

	methods = {
		listSearch: { searchEnterprises },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const enterpriseId = readEnterpriseId(ofItem(this), true);
		const key = `${event}|${enterpriseId || 'all'}`;
		const staticData = this.getWorkflowStaticData('node') as TriggerState;
		const kept = staticData.key === key ? staticData : undefined;
		const manual = this.getMode() === 'manual';

		const { items, next } =
			event === 'remediationFinished'
				? await remediationItems(this, enterpriseId, kept?.remediations)
				: await numberItems(this, numberEvents[event], enterpriseId, kept?.numbers);

		// "Fetch Test Event" shows what would be reported, or one real record marked as a sample,
		// and never moves the baseline. Every read above succeeded before anything is kept, so a
		// failed poll keeps the last state and reports nothing twice.
		this.logger.debug(
			kept
				? `Telnyx trigger: ${items.length} changes since the last poll`
				: 'Telnyx trigger: no baseline kept; recording one',
			{ event, enterpriseId: enterpriseId || 'all' },
		);
		if (manual) return [items.length ? items : await sample(this, event, enterpriseId)];
		staticData.key = key;
		staticData.numbers = next.numbers;
		staticData.remediations = next.remediations;
		return kept && items.length ? [items] : null;
	}
}

/** The number events found since the last poll, oldest first, and what to keep for the next one. */
async function numberItems(
	context: IPollFunctions,
	event: NumberEvent,
	enterpriseId: string,
	kept: Record<string, string> | undefined,
) {
	const numbers = (await listNumbers(context, enterpriseId)) as unknown as MonitoredNumber[];
	const settings = (name: string, fallback: unknown) => context.getNodeParameter(name, fallback);
	const next: Record<string, string> = {};
	const items: INodeExecutionData[] = [];
	for (const number of numbers) {
		const id = number.phone_number.replace(/^\+/, '');
		const now = event.keep(number.reputation_data);
		next[id] = now;
		// A number seen for the first time starts from here: no event for it yet.
		if (kept?.[id] === undefined || !event.isReported(kept[id], now, settings)) continue;
		items.push({
			json: {
				event: event.option.value,
				phone_number: number.phone_number,
				enterprise_id: number.enterprise_id,
				previous: event.previous(kept[id]),
				current: (number.reputation_data ?? null) as IDataObject,
				checked_at: number.reputation_data?.last_refreshed_at ?? null,
			},
		});
	}
	items.sort((a, b) => String(a.json.checked_at).localeCompare(String(b.json.checked_at)));
	return { items, next: { numbers: next, remediations: undefined } };
}

/** The remediation requests that finished since the last poll, in full, and what to keep. */
async function remediationItems(
	context: IPollFunctions,
	enterpriseId: string,
	kept: remediationFinished.RemediationState | undefined,
) {
	const requests = await listRemediations(context, enterpriseId);
	const statuses = context.getNodeParameter('statuses', remediationFinished.FINISHED) as string[];
	const finished = kept ? remediationFinished.finishedSince(kept, requests, statuses) : [];
	const items: INodeExecutionData[] = [];
	for (const request of finished) {
		items.push({
			json: { event: 'remediationFinished', ...(await fullRemediation(context, request)) },
		});
	}
	return {
		items,
		next: { numbers: undefined, remediations: remediationFinished.remediationState(requests) },
	};
}

/** Monitored numbers of one enterprise, or of the whole account (the simplified endpoint). */
async function listNumbers(context: IPollFunctions, enterpriseId: string): Promise<IDataObject[]> {
	const path = enterpriseId
		? buildPath('/enterprises/{enterpriseId}/reputation/numbers', { enterpriseId })
		: '/reputation/numbers';
	return await listAll(context, path);
}

/** Remediation requests of one enterprise, or of every enterprise with reputation enabled. */
async function listRemediations(
	context: IPollFunctions,
	enterpriseId: string,
): Promise<IDataObject[]> {
	const enterprises = enterpriseId
		? [enterpriseId]
		: (await listAll(context, '/enterprises'))
				.filter((enterprise) => enterprise.number_reputation_enabled !== false)
				.map((enterprise) => String(enterprise.id));
	const requests: IDataObject[] = [];
	for (const id of enterprises) {
		const path = buildPath('/enterprises/{enterpriseId}/reputation/remediation', {
			enterpriseId: id,
		});
		requests.push(
			...(await listAll(context, path)).map((request) => ({ enterprise_id: id, ...request })),
		);
	}
	return requests;
}

/** A request with its per-number results (the list gives a summary). */
async function fullRemediation(
	context: IPollFunctions,
	request: IDataObject,
): Promise<IDataObject> {
	const path = buildPath('/enterprises/{enterpriseId}/reputation/remediation/{id}', {
		enterpriseId: String(request.enterprise_id),
		id: String(request.id),
	});
	const response = await telnyxRequest.call(context, 'GET', path, { policy: 'idempotent' });
	if (!isSuccess(response.statusCode)) throw toNodeApiError(context.getNode(), response);
	return (response.body as { data: IDataObject }).data;
}

/** For Fetch Test Event when nothing changed: one real record, marked as a sample. */
async function sample(
	context: IPollFunctions,
	event: string,
	enterpriseId: string,
): Promise<INodeExecutionData[]> {
	if (event === 'remediationFinished') {
		const requests = await listRemediations(context, enterpriseId);
		const latest = requests.sort((a, b) =>
			String(b.updated_at).localeCompare(String(a.updated_at)),
		)[0];
		if (latest)
			return [{ json: { event, sample: true, ...(await fullRemediation(context, latest)) } }];
	} else {
		const [number] = (await listNumbers(context, enterpriseId)) as unknown as MonitoredNumber[];
		if (number) {
			return [
				{
					json: {
						event,
						sample: true,
						phone_number: number.phone_number,
						enterprise_id: number.enterprise_id,
						previous: null,
						current: (number.reputation_data ?? null) as IDataObject,
						checked_at: number.reputation_data?.last_refreshed_at ?? null,
					},
				},
			];
		}
	}
	throw new NodeOperationError(context.getNode(), 'Nothing to show yet', {
		description:
			event === 'remediationFinished'
				? 'This enterprise has no remediation request yet.'
				: 'No number is monitored yet: register numbers first (Telnyx Number Reputation → Phone Number → Register).',
	});
}
