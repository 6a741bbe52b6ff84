import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemParameters } from '../../../shared/parameters/items';
import { ofExecuteItem, readEnterpriseId } from '../../../shared/parameters/items';
import { optionalEnterpriseLocator } from '../../../shared/locators';
import { numberList } from '../../../shared/api/numbers';
import type { ApiRequest } from '../../../shared/transport/request';
import { listPages, readSettled } from '../../../shared/transport/pages';
import { tableOrder } from '../../../shared/tableView';
import { numberOptions } from '../common/options';
import { readPhoneNumber } from '../../../shared/parameters/phoneNumbers';
import type { ListCounts } from '../../monitoredNumbers/answer';
import {
	countsJson,
	hintIfChanged,
	hintIfCut,
	listChanged,
	runsAsTool,
} from '../../monitoredNumbers/answer';
import { perInputItem } from '../../monitoredNumbers/items';
import { readReputationFilter, reputationFilterFields } from '../../monitoredNumbers/filters';
import { scanSettled } from '../../monitoredNumbers/scan';
import { Selection } from '../../monitoredNumbers/selection';
import { lowestScore } from '../../monitoredNumbers/record';
import { simplified, simplifyFields } from '../../monitoredNumbers/simplify';
import { filters, returnAllAndLimit } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	description:
		'List monitored numbers with their latest reputation data, filtered by spam risk, score, category, last check or ownership',
	action: "Get many numbers' reputation (free)",
};

const phoneNumberFilterFields: INodeProperties[] = [
	{
		displayName: 'Phone Number Contains',
		name: 'contains',
		type: 'string',
		default: '',
		placeholder: 'e.g. 94932',
		description: 'Part of the number, at least 5 digits',
	},
	{
		displayName: 'Phone Number Is',
		name: 'equals',
		type: 'string',
		default: '',
		placeholder: 'e.g. +19493253498',
		description: 'One exact number, such as +19493253498 or (949) 325-3498',
	},
];

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	...returnAllAndLimit,
	filters(
		[...reputationFilterFields, ...phoneNumberFilterFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	),
	...simplifyFields,
	numberOptions([
		{
			displayName: 'Worst First',
			name: 'worstFirst',
			type: 'boolean',
			default: true,
			description:
				'Whether to sort the numbers worst first: high risk, then medium, low and never checked; within each, by the lowest of the four scores, which each item shows (one score at 0 comes before four low ones). Reads the whole list.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getMany'] } },
	properties,
);

/** The API's own filters: "contains" needs 5 digits; "is" is normalized to E.164 like every number. */
function phoneNumberQuery(item: ItemParameters): IDataObject {
	const contains = String(item.get('filters.contains', '')).trim();
	const equals = String(item.get('filters.equals', '')).trim();
	const qs: IDataObject = {};
	if (contains !== '') {
		if ((contains.match(/\d/g) ?? []).length < 5) {
			throw new NodeOperationError(
				item.node,
				`"Phone Number Contains" needs at least 5 digits; got "${contains}"`,
				{ itemIndex: item.itemIndex },
			);
		}
		qs['filter[phone_number][contains]'] = contains;
	}
	if (equals !== '') qs['filter[phone_number][eq]'] = readPhoneNumber(item, 'filters.equals');
	return qs;
}

interface Listed extends ListCounts {
	records: IDataObject[];
}

/** Without reputation filters or sorting: the pages Limit needs, as the API lists them. */
async function readAsListed(
	context: IExecuteFunctions,
	list: ApiRequest,
	qs: IDataObject,
	limit: number,
): Promise<Listed> {
	const read = await readSettled(async () => await listPages(context, list, qs, { limit }));
	const { records, results, moved } = read;
	// Short of Limit, the list is complete; else the first page said how long it is.
	const matched = records.length < limit ? records.length : results;
	const changed = moved && listChanged(moved, read.reads);
	return { records, listed: records.length, matched, ...(changed ? { changed } : {}) };
}

/** With reputation filters or sorting: every page, keeping only what Limit keeps of the matches. */
async function readMatching(
	context: IExecuteFunctions,
	list: ApiRequest,
	qs: IDataObject,
	limit: number,
	test: (record: IDataObject) => boolean,
	worstFirst: boolean,
): Promise<Listed> {
	let selection = new Selection(limit, worstFirst);
	let read = 0;
	const { moved, reads } = await scanSettled(context, list, qs, () => {
		[selection, read] = [new Selection(limit, worstFirst), 0];
		return (records, position) => {
			read += records.length;
			records.forEach((record, index) => {
				if (test(record)) selection.add(record, position + index);
			});
		};
	});
	const records = selection.records();
	const changed = moved && listChanged(moved, reads);
	return {
		records,
		listed: records.length,
		matched: selection.matched,
		read,
		...(changed ? { changed } : {}),
	};
}

async function listItem(context: IExecuteFunctions, itemIndex: number): Promise<Listed> {
	const item = ofExecuteItem(context, itemIndex);
	const list = numberList(readEnterpriseId(item, true));
	const qs = phoneNumberQuery(item);
	const limit = item.get('returnAll', false) ? Infinity : (item.get('limit', 50) as number);
	const test = readReputationFilter(item, Date.now());
	const worstFirst = item.get('options.worstFirst', false) as boolean;
	if (!test && !worstFirst) return await readAsListed(context, list, qs, limit);
	return await readMatching(context, list, qs, limit, test ?? (() => true), worstFirst);
}

/** Get Many: for each input item, its list (a custom operation, to filter pages as they come). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const lists: Listed[] = [];
	const output = await perInputItem(this, async (itemIndex) => {
		const listed = await listItem(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
		const worstFirst = this.getNodeParameter('options.worstFirst', itemIndex, false) as boolean;
		const records = listed.records.map((record) => {
			const json = simplify ? simplified(record) : tableOrder(record);
			// What Worst First sorts by within a risk, shown beside the scores it comes from.
			return worstFirst ? { ...json, lowest_score: lowestScore(record) ?? null } : json;
		});
		lists.push(listed);
		return runsAsTool(this) ? [countsJson(listed), ...records] : records;
	});
	if (!runsAsTool(this)) {
		hintIfChanged(
			this,
			lists.map((listed) => listed.changed),
		);
		hintIfCut(this, lists);
	}
	return output;
}
