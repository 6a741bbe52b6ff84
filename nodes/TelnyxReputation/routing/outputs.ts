import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** `{ data: {...} }` → the record itself, as one item. */
export async function unwrapData(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: (item.json.data as IDataObject) ?? item.json }));
}

/**
 * For an answer whose body the API reference does not show: the record when there is one,
 * else what was done (`fields`), so the item is useful downstream without inventing fields.
 */
export function unwrapOrConfirm(fields: (context: IExecuteSingleFunctions) => IDataObject) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		const [item] = items;
		if (item && typeof item.json.data === 'object' && item.json.data !== null)
			return [{ json: item.json.data as IDataObject }];
		return [{ json: fields(this) }];
	};
}

/** Lists the answer has in a property (not wrapped in `data`): one item each. */
export function itemPerEntry(property: string) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		return items.flatMap((item) =>
			((item.json[property] as IDataObject[] | undefined) ?? []).map((json) => ({ json })),
		);
	};
}

/** 204 carries no body: say what was done, so the item is useful downstream. */
export function itemOfWhatWasDone(fields: (context: IExecuteSingleFunctions) => IDataObject) {
	return async function (this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
		return [{ json: fields(this) }];
	};
}
