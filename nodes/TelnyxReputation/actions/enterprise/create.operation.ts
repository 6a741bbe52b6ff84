import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	NodeApiError,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS, requestTo } from '../../../shared/api/endpoints';
import { findEnterprise } from '../../../shared/api/enterprises';
import type { ItemParameters } from '../../../shared/parameters/items';
import { ofExecuteItem } from '../../../shared/parameters/items';
import { OutcomeUnknownError } from '../../../shared/transport/apiErrors';
import type { TelnyxResult } from '../../../shared/transport/request';
import { telnyxResult } from '../../../shared/transport/request';
import { perInputItem } from '../../monitoredNumbers/items';
import { additionalFields } from '../common/fields';
import { enterpriseBody } from './body';
import { byDisplayName, ENTERPRISE_FIELDS } from './fields';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	description:
		'Create an enterprise (not billable); one with the same legal name and FEIN already in the account is returned instead, so a run can be repeated',
	action: 'Create an enterprise',
};

const requiredFields = ENTERPRISE_FIELDS.filter((field) => field.required);

const properties: INodeProperties[] = [
	...requiredFields.map((field) => ({ ...field.property, required: true })),
	additionalFields(
		byDisplayName(ENTERPRISE_FIELDS.filter((field) => !field.required).map((f) => f.property)),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['create'] } },
	properties,
);

/** The fields as the user set them, by parameter name: the required ones and the additional ones. */
function createValues(item: ItemParameters): IDataObject {
	return {
		...Object.fromEntries(
			requiredFields.map(({ property }) => [
				property.name,
				item.get(property.name, undefined) as IDataObject[string],
			]),
		),
		...(item.get('additionalFields', {}) as IDataObject),
	};
}

const found = (enterprise: IDataObject) => ({ ...enterprise, already_existed: true });

/**
 * The POST of a new enterprise. A 409 (made meanwhile by another run) and a lost answer (the
 * outcome unknown: Telnyx may have made it) are looked up again, so the item gets the
 * enterprise rather than an error that a second run would not need.
 */
async function post(context: IExecuteFunctions, body: IDataObject): Promise<IDataObject> {
	const [legalName, fein] = [String(body.legal_name), String(body.fein)];
	const request = requestTo(ENDPOINTS['POST /enterprises']);
	let result: TelnyxResult;
	try {
		result = await telnyxResult.call(context, request, { body, safeToRunAgain: true });
	} catch (caught) {
		// Thrown only without an answer: a connection error, or this unknown outcome.
		const error = caught as NodeApiError;
		const made =
			error instanceof OutcomeUnknownError && (await findEnterprise(context, legalName, fein));
		if (made) return { ...made, already_existed: false };
		throw error;
	}
	const { response, error } = result;
	if (!error) return { ...(response.body as { data: IDataObject }).data, already_existed: false };
	const twin = response.statusCode === 409 && (await findEnterprise(context, legalName, fein));
	if (twin) return found(twin);
	throw error;
}

/**
 * One enterprise for the item: the account's own with this legal name and FEIN when it has one
 * (free reads), else a new one; a second run returns it rather than fail or make a twin.
 */
async function createOnce(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const item = ofExecuteItem(context, itemIndex);
	const where = { node: item.node, itemIndex };
	const body = enterpriseBody(where, ENTERPRISE_FIELDS, createValues(item), true);
	const existing = await findEnterprise(context, String(body.legal_name), String(body.fein));
	return existing ? found(existing) : await post(context, body);
}

/** Create: one enterprise per input item, created or found. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await perInputItem(this, async (itemIndex) => [await createOnce(this, itemIndex)]);
}
