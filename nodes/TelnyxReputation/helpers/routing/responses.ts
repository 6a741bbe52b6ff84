import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { ofItem, readEnterpriseId, readPhoneNumber } from '../../../shared/parameters';

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
export function itemsOf(property: string) {
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
export function confirm(fields: (context: IExecuteSingleFunctions) => IDataObject) {
	return async function (this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
		return [{ json: fields(this) }];
	};
}

export const removedNumber = confirm((context) => ({
	phone_number: readPhoneNumber(ofItem(context)),
	removed: true,
}));

export const disabledReputation = confirm((context) => ({
	enterprise_id: readEnterpriseId(ofItem(context)),
	disabled: true,
}));

/** The LOA PDF as an n8n binary property, with a file name and MIME type. */
export async function pdfToBinary(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const enterpriseId = readEnterpriseId(ofItem(this));
	const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const fileName = `letter-of-authorization-${enterpriseId}.pdf`;
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(response.body as Buffer),
		fileName,
		'application/pdf',
	);
	return [
		{
			json: {
				enterprise_id: enterpriseId,
				file_name: fileName,
				mime_type: 'application/pdf',
				file_size: binary.fileSize ?? null,
			},
			binary: { [property]: binary },
		},
	];
}
