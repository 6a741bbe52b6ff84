import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { getEnterprise } from '../../../shared/api/enterprises';
import { enterpriseLocator } from '../../../shared/locators';
import { ofItem, readEnterpriseId } from '../../../shared/parameters/items';
import { singleRequest } from '../../routing/declarative';
import { unwrapData } from '../../routing/outputs';
import { enterpriseBody } from './body';
import type { EnterpriseField } from './fields';
import { byDisplayName, ENTERPRISE_FIELDS } from './fields';

/** Organization type, country and role type are set once, at Create: not offered here. */
const updatable = ENTERPRISE_FIELDS.filter((field) => !field.fixedAtCreation);
const lockable = updatable.filter((field) => field.lockedOnceEnabled);

const names = (fields: EnterpriseField[]) => {
	const all = fields.map((field) => field.property.displayName);
	return all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}` : all[0];
};

/**
 * Telnyx refuses (400) to change the legal details once Number Reputation is enabled: when
 * the update sets one, a free read of the enterprise says whether it is, and the item stops
 * with the fields named before anything is sent.
 */
async function refuseLockedFields(context: IExecuteSingleFunctions, body: IDataObject) {
	const locked = lockable.filter((field) => body[field.apiName] !== undefined);
	if (!locked.length) return;
	const enterprise = await getEnterprise(context, readEnterpriseId(ofItem(context)));
	if (enterprise.number_reputation_enabled !== true) return;
	const verb = locked.length > 1 ? 'are' : 'is';
	throw new NodeOperationError(
		context.getNode(),
		`${names(locked)} ${verb} locked: Number Reputation is enabled on this enterprise`,
		{
			description: `Telnyx refuses changes to ${names(lockable)} while Number Reputation is enabled. Remove ${locked.length > 1 ? 'them' : 'it'} from Update Fields. Nothing was sent.`,
		},
	);
}

/** The body: only the fields set under Update Fields, checked. */
async function updateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const values = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body = enterpriseBody({ node: this.getNode() }, updatable, values, false);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'No field to update', {
			description: 'Add the fields to change under Update Fields. Nothing was sent.',
		});
	}
	await refuseLockedFields(this, body);
	return { ...requestOptions, body, json: true };
}

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	description:
		'Change the fields set below and keep the others; the legal details are locked once Number Reputation is enabled',
	action: 'Update an enterprise',
	routing: singleRequest({
		endpoint: ENDPOINTS['PUT /enterprises/{enterpriseId}'],
		prepare: [updateBody],
		output: [unwrapData],
	}),
};

const properties: INodeProperties[] = [
	{ ...enterpriseLocator, description: 'The enterprise to change' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Organization type, country and role type are set once, when the enterprise is created',
		options: byDisplayName(updatable.map((field) => field.property)),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['update'] } },
	properties,
);
