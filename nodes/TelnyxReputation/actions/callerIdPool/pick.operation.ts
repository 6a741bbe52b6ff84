import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { areaCodeOf, regionOf } from '../../../shared/areaCodes';
import { dailyCapProperty } from '../../callerIdPool/fields';
import { dayIn, pickCallerId } from '../../callerIdPool/pick';

export const option: INodePropertyOptions = {
	name: 'Pick Caller ID',
	value: 'pick',
	description:
		"Pick the caller ID for one call from the pool rows given as input (for example the Data table rows of the callee's area code): the callee's area code first, then the state, then any; the least used today first, within a daily cap per number. Counts the call: one answer per execution.",
	action: 'Pick a caller ID for a call (free)',
};

const properties: INodeProperties[] = [
	{
		displayName: "Callee's Number",
		name: 'callee',
		type: 'string',
		required: true,
		default: '',
		placeholder: "e.g. {{ $('Webhook').first().json.query.to }}",
		description:
			'The number the dialer is about to call, in any format (+1 949 555 0100, 9495550100): its area code and state decide which caller IDs are local',
	},
	dailyCapProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callerIdPool'], operation: ['pick'] } },
	properties,
);

/** Pick Caller ID: one answer for the call, from all input items at once (the pool rows). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const callee = String(this.getNodeParameter('callee', 0, '')).trim();
	const areaCode = areaCodeOf(callee);
	if (areaCode === undefined) {
		const message = `"${callee}" is not a North American number: no area code to pick a local caller ID for`;
		if (this.continueOnFail())
			return [[{ json: { caller_id: null, error: message }, pairedItem: { item: 0 } }]];
		throw new NodeOperationError(this.getNode(), message, {
			description:
				"Set Callee's Number to the number being called, with its area code (e.g. +19495550100).",
		});
	}
	const timeZone = this.getTimezone();
	const { answer, row } = pickCallerId(
		items.map((item) => item.json),
		{ areaCode, region: regionOf(areaCode) },
		this.getNodeParameter('dailyCap', 0, 100) as number,
		dayIn(timeZone, new Date()),
		timeZone,
	);
	const chosen = row ? items.findIndex((item) => item.json === row) : 0;
	return [[{ json: answer, pairedItem: { item: Math.max(chosen, 0) } }]];
}
