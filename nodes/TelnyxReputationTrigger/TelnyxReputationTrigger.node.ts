import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionalEnterpriseLocator } from '../shared/locators';
import { ofItem, readEnterpriseId } from '../shared/parameters/items';
import { searchEnterprises } from '../shared/listSearch/enterprises';
import { startPoll } from '../shared/transport/credentials';
import { POLLED_EVENTS } from './events';

/** What the trigger keeps in the workflow's static data between polls. */
interface TriggerState {
	/** Event and scope the state was kept for: another pair starts from a new baseline. */
	key?: string;
	state?: IDataObject;
}

export class TelnyxReputationTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Number Reputation Trigger',
		name: 'telnyxReputationTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The picked event as it is, as n8n's own triggers show it.
		subtitle: '={{ $parameter.event }}',
		// n8n's nodes panel shows this node and the action node (telnyxReputation) as one entry,
		// with this description (its node creator merges "<name>Trigger" into "<name>"), so it
		// says what both do.
		description:
			'Register caller IDs for spam-score monitoring, read and remediate their reputation, and start workflows when it changes',
		defaults: { name: 'On Reputation Change' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxReputationApi', required: true }],
		properties: [
			{
				displayName:
					'Checks at the Poll Times above with free reads only, never a billable live lookup, and at most 40 pages of 250 numbers a minute (at 100,000 numbers a change is reported within 11 minutes). The first check after publishing records where things stand and reports nothing; Fetch Test Event shows a sample of what these settings report.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				// n8n's name for a trigger's event picker; `event` as saved workflows have it.
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: POLLED_EVENTS.map((event) => event.option),
				default: 'spamRiskChanged',
			},
			{
				...optionalEnterpriseLocator,
				description:
					'The enterprise to watch. Leave empty to watch every enterprise of the account.',
			},
			...POLLED_EVENTS.flatMap((event) => event.fields),
		],
	};

	methods = {
		listSearch: { searchEnterprises },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		startPoll(this);
		const name = this.getNodeParameter('event') as string;
		const event = POLLED_EVENTS.find((candidate) => candidate.option.value === name)!;
		const enterpriseId = readEnterpriseId(ofItem(this), true);
		const key = `${name}|${enterpriseId || 'all'}`;
		const staticData = this.getWorkflowStaticData('node') as TriggerState;
		const kept = staticData.key === key ? staticData.state : undefined;

		// Fetch Test Event shows what would be reported, or a sample of the same shape, and never
		// moves the baseline; with no baseline yet there is nothing to compare, only a sample.
		const manual = this.getMode() === 'manual';
		if (manual && !kept) return [[{ json: await event.sample(this, enterpriseId) }]];
		const { items, next } = await event.poll(this, enterpriseId, kept);
		this.logger.debug(
			kept
				? `Telnyx trigger: ${items.length} changes since the last poll`
				: 'Telnyx trigger: no baseline kept; recording one',
			{ event: name, enterpriseId: enterpriseId || 'all' },
		);
		if (manual) {
			const shown = items.length ? items : [await event.sample(this, enterpriseId)];
			return [shown.map((json) => ({ json }))];
		}
		// Every read above succeeded before anything is kept, so a failed poll keeps the last
		// state and reports nothing twice.
		staticData.key = key;
		staticData.state = next;
		// Older versions kept their state beside the key: it is read no more.
		delete (staticData as IDataObject).numbers;
		delete (staticData as IDataObject).remediations;
		return kept && items.length ? [items.map((json) => ({ json }))] : null;
	}
}
