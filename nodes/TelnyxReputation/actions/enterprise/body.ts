// The enterprise's fields as the user set them, checked and turned into the API's body before
// anything is sent: a bad value is named as the panel names it.
import type { IDataObject, INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shown } from '../../../shared/parameters/validators';
import type { EnterpriseField, PartField } from './fields';
import { PARTS } from './fields';

interface Checked {
	node: INode;
	itemIndex?: number;
}

/** International format: + and 7 to 15 digits, the spaces, dashes, dots and brackets people type dropped. */
const PHONE = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function refuse(where: Checked, message: string, description = 'Nothing was sent.'): never {
	throw new NodeOperationError(where.node, message, { itemIndex: where.itemIndex, description });
}

/** A text value within its limits, trimmed; '' when it is empty. */
function checkText(where: Checked, label: string, value: unknown, min = 0, max = Infinity) {
	if (typeof value !== 'string' && typeof value !== 'number')
		refuse(where, `${label} ${shown(value)} is not text`);
	const trimmed = String(value).trim();
	if (trimmed !== '' && (trimmed.length < min || trimmed.length > max)) {
		const limit = min > 0 ? `${min} to ${max}` : `at most ${max}`;
		refuse(where, `${label} is ${trimmed.length} characters long: Telnyx takes ${limit}`);
	}
	return trimmed;
}

/** One of the field's options (an expression may give anything). */
function checkOption(
	where: Checked,
	label: string,
	value: unknown,
	options: INodePropertyOptions[],
) {
	if (options.some((option) => option.value === value)) return value as string;
	const names = options.map((option) => `${option.name} (${String(option.value)})`).join(', ');
	return refuse(
		where,
		`${label} ${shown(value)} is not one Telnyx takes`,
		`Pick one of: ${names}.`,
	);
}

function checkPart(where: Checked, label: string, part: PartField, value: unknown): string {
	const { property } = part;
	if (property.type === 'options')
		return checkOption(where, label, value, property.options as INodePropertyOptions[]);
	const trimmed = checkText(where, label, value ?? '', 0, part.max);
	if (trimmed === '') return trimmed;
	if (part.format === 'email' && !EMAIL.test(trimmed))
		refuse(where, `${label} ${shown(trimmed)} is not an email address`);
	if (part.format !== 'phone') return trimmed;
	const phone = trimmed.replace(/[\s().-]/g, '');
	if (!PHONE.test(phone))
		refuse(
			where,
			`${label} ${shown(trimmed)} is not a phone number in international format`,
			'Write it with + and the country code, e.g. +13125550000. Nothing was sent.',
		);
	return phone;
}

/** A contact or an address: its parts as the API names them, each required part present. */
function checkGroup(where: Checked, field: EnterpriseField, value: unknown): IDataObject {
	const details = ((value as IDataObject | undefined)?.details ?? {}) as IDataObject;
	const group: IDataObject = {};
	for (const part of PARTS[field.property.name]) {
		const { name, displayName } = part.property;
		const label = `${field.property.displayName} → ${displayName}`;
		const checked = checkPart(where, label, part, details[name] ?? part.property.default);
		if (checked !== '') group[name] = checked;
		else if (part.required) refuse(where, `${label} is required`);
	}
	return group;
}

/** A field's value as the API takes it; undefined when it is not set. */
function checkField(where: Checked, field: EnterpriseField, value: unknown): unknown {
	const { property } = field;
	if (property.type === 'fixedCollection') {
		const empty = Object.keys((value as IDataObject | undefined) ?? {}).length === 0;
		return empty ? undefined : checkGroup(where, field, value);
	}
	if (property.type === 'options')
		return value === undefined || value === ''
			? undefined
			: checkOption(where, property.displayName, value, property.options as INodePropertyOptions[]);
	const trimmed = checkText(where, property.displayName, value ?? '', field.min, field.max);
	return trimmed === '' ? undefined : trimmed;
}

/**
 * The API body of `fields`, read from `values` (by parameter name): a field not set is not
 * sent; one of `required` missing stops the item with its name.
 */
export function enterpriseBody(
	where: Checked,
	fields: EnterpriseField[],
	values: IDataObject,
	required: boolean,
): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		const value = checkField(where, field, values[field.property.name]);
		if (value !== undefined) body[field.apiName] = value;
		else if (required && field.required) refuse(where, `${field.property.displayName} is required`);
	}
	return body;
}
