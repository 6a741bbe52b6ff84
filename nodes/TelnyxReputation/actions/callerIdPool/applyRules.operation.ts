import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkFrequencies } from '../../../shared/api/enterprises';
import { monitoredAmong, monitoredCount } from '../../../shared/api/numbers';
import { checksMonthlyUsd } from '../../../shared/prices';
import { pricesOf } from '../../../shared/transport/credentials';
import { plural } from '../../../shared/text';
import { loadedDialerIndex } from '../../callerIdPool/dialerIndex';
import { DEFAULT_DIALER_POOL, dialerPoolProperty } from '../../callerIdPool/fields';
import type { Applied } from '../../callerIdPool/inputs';
import { applyInputs } from '../../callerIdPool/inputs';
import type { PoolRow } from '../../callerIdPool/row';
import type { Decision, RuleSettings } from '../../callerIdPool/rules';
import { PoolRules } from '../../callerIdPool/rules';

export const option: INodePropertyOptions = {
	name: 'Apply Pool Rules',
	value: 'applyRules',
	description:
		"Decide what happens to each pool row from the input (risk changes, finished remediations, Submit's outcomes, or each morning's List Pool Changes): rest, alert, save or remove. Free reads only.",
	action: 'Apply the pool rules (free)',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Pool Rows',
		name: 'poolRows',
		type: 'json',
		required: true,
		default: '[]',
		placeholder:
			"e.g. {{ [...$('Rows of these numbers').all(), ...$('Resting rows').all()].map(item => item.json) }}",
		description:
			"The rows of the pool's data table that the input is about, and the resting ones, as a list: an expression such as the one shown",
	},
	{
		displayName: 'Input Is Every Monitored Number',
		name: 'everyNumber',
		type: 'boolean',
		default: false,
		description:
			"Whether the input lists every monitored number (Get Many with Return All) and Pool Rows holds every row: then rows of numbers Telnyx no longer monitors leave the pool (each confirmed by a free read), high-risk numbers left in rotation and cooldowns now due rest while there is room, and long rests and idle numbers are alerted. Each morning's List Pool Changes runs the same rules without it, over the rows given.",
	},
	{
		displayName: 'Changed Numbers Without Their Rows',
		name: 'changedWithoutRows',
		type: 'boolean',
		default: false,
		description:
			'Whether Pool Rows leaves out the rows of the numbers List Pool Changes says changed, while it still holds every row resting, high risk or (in the morning) idle. Each such number is then active: it is decided from its reading alone, and only the columns decided are handed on, to be written by number.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Alert After (Days)',
				name: 'alertAfterDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'A number resting longer than this goes to a person',
			},
			{
				...dialerPoolProperty,
				required: false,
				description:
					"The pool's data table name, as the Caller ID Dialer Trigger names it: the dialer, when loaded in this n8n process, follows every decision at once (a rested number is no longer answered)",
			},
			{
				displayName: 'Idle After (Days)',
				name: 'idleAfterDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					'Each morning, an active number that made no call for this many days (the dialer counts its calls) is alerted with what its monitoring costs a month. 0 looks for none.',
			},
			{
				displayName: 'Max Resting Share',
				name: 'maxRestingShare',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.2,
				description:
					'The most of the pool that may rest at once, so that a bad day never empties it (0.2: a fifth)',
			},
			{
				displayName: 'Retry Cooldown After (Days)',
				name: 'retryAfterDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 14,
				description:
					'A number Telnyx would not remediate yet (a remediation cooldown, whose length Telnyx does not publish) is submitted again after this many days',
			},
			{
				displayName: 'Stop Monitoring Idle Numbers',
				name: 'stopIdle',
				type: 'boolean',
				default: false,
				description:
					"Whether idle numbers leave monitoring (Phone Number → Remove: free) and the pool, instead of being alerted. Their checks stop billing; registering them again is billed as any number's.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callerIdPool'], operation: ['applyRules'] } },
	properties,
);

/** The Pool Rows parameter: a list of rows, from an expression or as JSON text. */
function poolRowsOf(context: IExecuteFunctions): IDataObject[] {
	const value = context.getNodeParameter('poolRows', 0, []) as unknown;
	let rows: unknown = value;
	try {
		if (typeof value === 'string') rows = JSON.parse(value || '[]');
	} catch {
		rows = undefined;
	}
	if (Array.isArray(rows) && rows.every((row) => typeof row === 'object' && row !== null)) {
		return rows as IDataObject[];
	}
	throw new NodeOperationError(context.getNode(), 'Pool Rows is not a list of rows', {
		description:
			"Give the rows of caller_id_pool as a list, e.g. {{ $('Pool rows').all().map(item => item.json) }}.",
	});
}

/** How many numbers the pool's enterprises monitor: one free read of one record each. */
async function poolSize(context: IExecuteFunctions, enterprises: Set<string>): Promise<number> {
	let size = 0;
	for (const enterpriseId of enterprises) size += await monitoredCount(context, enterpriseId);
	return size;
}

/** The unlisted numbers Telnyx confirms it no longer monitors (free reads per enterprise). */
async function confirmedGone(
	context: IExecuteFunctions,
	unlisted: IDataObject[],
): Promise<string[]> {
	const byEnterprise = new Map<string, string[]>();
	for (const row of unlisted) {
		const enterpriseId = String(row.enterprise_id ?? '');
		byEnterprise.set(enterpriseId, [
			...(byEnterprise.get(enterpriseId) ?? []),
			String(row.phone_number),
		]);
	}
	const gone: string[] = [];
	for (const [enterpriseId, numbers] of byEnterprise) {
		const monitored = await monitoredAmong(context, enterpriseId, numbers);
		gone.push(...numbers.filter((number) => !monitored.has(number)));
	}
	return gone;
}

/** The morning's idle numbers, each with what one number's checks cost a month where it is monitored. */
async function idleNumbers(context: IExecuteFunctions, rules: PoolRules): Promise<void> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const days = (options.idleAfterDays as number | undefined) ?? 30;
	const idle = days > 0 ? rules.idleRows(days) : [];
	if (!idle.length) return;
	const enterprises = [...new Set(idle.map((row) => row.enterprise_id))];
	const [frequencies, prices] = await Promise.all([
		checkFrequencies(context, enterprises),
		pricesOf(context),
	]);
	const monthlyUsdOf = (row: PoolRow) =>
		checksMonthlyUsd(1, frequencies.get(row.enterprise_id) ?? 'never', prices);
	rules.idle(idle, options.stopIdle === true, monthlyUsdOf);
}

/** The dialer's pool in this process, if loaded, follows the decisions before they are saved. */
function keepDialerCurrent(pool: string, decisions: Decision[]): void {
	const index = loadedDialerIndex(pool);
	if (!index) return;
	for (const { action, row } of decisions) {
		if (action === 'remove' || action === 'stop_monitoring') index.remove(row.phone_number);
		else index.put(row);
	}
}

type Options = Partial<RuleSettings> & { dialerPool?: string };

/** The rules' settings: the node's, and the pool's size as Telnyx counts it (one free read). */
async function ruleSettings(
	context: IExecuteFunctions,
	options: Options,
	readingsAndRows: IDataObject[],
): Promise<RuleSettings> {
	const enterprises = new Set(
		readingsAndRows.map((json) => json.enterprise_id).filter((id): id is string => !!id),
	);
	return {
		maxRestingShare: options.maxRestingShare ?? 0.2,
		alertAfterDays: options.alertAfterDays ?? 30,
		retryAfterDays: options.retryAfterDays ?? 14,
		poolSize: await poolSize(context, enterprises),
		changedWithoutRows: context.getNodeParameter('changedWithoutRows', 0, false) as boolean,
	};
}

/** Says in the output pane which input items the rules left alone, and why. */
function hintLeftAlone(context: IExecuteFunctions, applied: Applied): void {
	const hints = [
		applied.samples &&
			`${plural(applied.samples, 'sample item')} (Fetch Test Event) left out: samples change no row.`,
		applied.unknown &&
			`${plural(applied.unknown, 'input item')} left alone: not a number's reading, a finished remediation or a submission.`,
	].filter((hint): hint is string => !!hint);
	for (const message of hints) context.addExecutionHints({ message, location: 'outputPane' });
}

/** Apply Pool Rules: one item per row the rules decided about, as a Decision. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const rows = poolRowsOf(this);
	const inputs = this.getInputData().map((item) => item.json);
	const options = this.getNodeParameter('options', 0, {}) as Options;
	const settings = await ruleSettings(this, options, [...rows, ...inputs]);
	const rules = new PoolRules(rows, settings, new Date().toISOString());
	const applied = applyInputs(rules, inputs);
	const everyNumber = this.getNodeParameter('everyNumber', 0, false) as boolean;
	if (everyNumber || applied.compared) {
		const unlisted = everyNumber ? new Set(rules.unlisted(applied.listed)) : applied.unlisted;
		const gone = await confirmedGone(
			this,
			rows.filter((row) => unlisted.has(String(row.phone_number))),
		);
		// A morning in parts alerts once: its later parts read the same resting and idle rows.
		const alerts = applied.part === 1;
		rules.morning(gone, alerts);
		if (alerts) await idleNumbers(this, rules);
	}
	hintLeftAlone(this, applied);
	const decisions = rules.decisions();
	keepDialerCurrent(options.dialerPool || DEFAULT_DIALER_POOL, decisions);
	return [
		decisions.map((json) => ({ json: json as unknown as IDataObject, pairedItem: { item: 0 } })),
	];
}
