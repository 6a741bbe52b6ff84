import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CountryCode } from '../../shared/phoneNumbers';
import { readNumbers } from '../../shared/phoneNumbers';
import { CONTINUE_ADVICE } from './outputItems';
import { firstFew } from '../../shared/text';
import type { ItemParameters } from '../../shared/itemParameters';
import { ofExecuteItem, readEnterpriseId } from '../../shared/itemParameters';
import { readDefaultCountry, invalidNumber } from '../../shared/phoneNumberParameters';
import type { Failure, NumberEntry, NumberGroup, NumberSource } from './types';

interface CollectedNumbers {
	groups: NumberGroup[];
	/** Values that will not be sent, each with the reason. */
	invalid: Failure[];
}

/** Reads an item's other body fields (checked; throws NodeOperationError when one is bad). */
export type ReadFields = (context: IExecuteFunctions, itemIndex: number) => IDataObject;

/** The value at a dotted path (already split) in an object, or undefined. */
function valueAt(object: unknown, path: string[]): unknown {
	return path.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], object);
}

/** Whether a raw parameter value holds an expression anywhere (n8n's are strings starting with `=`). */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

/**
 * A reader of a parameter for each item that evaluates it once per run when it holds no
 * expression: n8n's parameter evaluation costs far more than the rest of reading a number, and
 * a fixed value is the same for every item. A fixed value that is wrong fails every item alike.
 */
function oncePerRunIfFixed<T>(
	context: IExecuteFunctions,
	name: string,
	read: (item: ItemParameters) => T,
) {
	const raw = valueAt(context.getNode().parameters, name.split('.'));
	if (hasExpression(raw)) return (itemIndex: number) => read(ofExecuteItem(context, itemIndex));
	let once: { value: T } | { error: unknown } | undefined;
	return (itemIndex: number) => {
		if (once === undefined) {
			try {
				once = { value: read(ofExecuteItem(context, itemIndex)) };
			} catch (error) {
				once = { error };
			}
		}
		if ('error' in once) throw once.error;
		return once.value;
	};
}

/** `.name` or `["any name"]` / `['any name']` (no escapes), after `$json`. */
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/y;

/**
 * The field path when a parameter is exactly a reference to a field of the current item, as
 * dragging a column makes it (`={{ $json.phone }}`, `={{ $json["phone number"] }}`,
 * `={{ $json.contact.mobile }}`); undefined for anything else. Names that objects inherit
 * (`constructor`, `__proto__`…) are left to n8n's expression engine.
 */
export function fieldReference(parameter: unknown): string[] | undefined {
	const match = typeof parameter === 'string' && /^=\{\{\s*\$json(.+?)\s*\}\}$/.exec(parameter);
	if (!match) return undefined;
	const path: string[] = [];
	PATH_SEGMENT.lastIndex = 0;
	while (PATH_SEGMENT.lastIndex < match[1].length) {
		const segment = PATH_SEGMENT.exec(match[1]);
		if (!segment) return undefined;
		const name = segment[1] ?? segment[2] ?? segment[3];
		if (name in Object.prototype) return undefined;
		path.push(name);
	}
	return path;
}

/**
 * Where each item's numbers come from: a field of the item read directly (Input Field, or
 * Phone Numbers that only references a field: the same value n8n's expression engine gives, at
 * a fraction of its cost per item), or the Phone Numbers parameter as n8n evaluates it.
 */
function numberSource(
	context: IExecuteFunctions,
): (json: IDataObject, itemIndex: number) => unknown {
	if (context.getNodeParameter('numbersFrom', 0, 'parameter') === 'field') {
		const path = String(context.getNodeParameter('numbersField', 0, 'phone')).split('.');
		return (json) => valueAt(json, path);
	}
	const evaluated = (itemIndex: number) => context.getNodeParameter('phoneNumbers', itemIndex, '');
	const path = fieldReference(context.getNode().parameters.phoneNumbers);
	if (!path) return (_json, itemIndex) => evaluated(itemIndex);
	// Where the path stops at null or undefined before its end, n8n's expression throws: the
	// engine gives that item's error, as it would without this shortcut.
	const parents = path.slice(0, -1);
	return (json, itemIndex) => {
		const parent = valueAt(json, parents);
		return parent === null || parent === undefined
			? evaluated(itemIndex)
			: (parent as IDataObject)[path[path.length - 1]];
	};
}

/**
 * Reads the enterprise, the phone numbers and any other body fields of every input item,
 * normalizes the numbers and groups them per enterprise and fields without duplicates. Every
 * value the user gave ends up either in a group or in `invalid`, with its reason; nothing is sent here.
 */
export function collectNumbers(
	context: IExecuteFunctions,
	readFields?: ReadFields,
): CollectedNumbers {
	const groups = new Map<string, NumberGroup>();
	const collected: CollectedNumbers = { groups: [], invalid: [] };
	let order = 0;
	// A list with no expression is the node's own, the same on every item: no one row's.
	const ofNoRow =
		context.getNodeParameter('numbersFrom', 0, 'parameter') !== 'field' &&
		!hasExpression(context.getNode().parameters.phoneNumbers);

	// Every rejected value once: a value given on several items (a list pasted into the node is
	// on every item; a fixed Enterprise ID that is wrong fails every item alike, with one error)
	// is one failure, with every item that gave it.
	const rejected = new Map<unknown, Failure>();
	const reject = (
		itemIndex: number,
		input: unknown,
		key: unknown,
		errorOf: () => NodeOperationError,
		reason?: string,
		noRow = false,
	) => {
		const source = { item: itemIndex, input, order: order++, ofNoRow: noRow };
		const known = rejected.get(key);
		if (known) {
			known.sources.push(source);
			return;
		}
		const error = errorOf();
		const failure: Failure = {
			status: 'invalid',
			phoneNumber: null,
			sources: [source],
			error,
			message: reason ?? error.message,
			description: 'Nothing was sent for this value.',
		};
		rejected.set(key, failure);
		collected.invalid.push(failure);
	};

	const numbersOf = numberSource(context);
	const enterpriseOf = oncePerRunIfFixed(context, 'enterpriseId', readEnterpriseId);
	const countryOf = oncePerRunIfFixed(context, 'options.defaultCountry', readDefaultCountry);

	context.getInputData().forEach((inputItem, itemIndex) => {
		// An expression that fails for one item (a missing field…) rejects that item only.
		let raw: unknown;
		let enterpriseId: string;
		let country: CountryCode;
		let fields: IDataObject;
		try {
			raw = numbersOf(inputItem.json, itemIndex);
			enterpriseId = enterpriseOf(itemIndex);
			country = countryOf(itemIndex);
			fields = readFields?.(context, itemIndex) ?? {};
		} catch (error) {
			// An expression that failed for this item is its own; a fixed value's one error is shared.
			reject(itemIndex, raw, error, () => error as NodeOperationError);
			return;
		}

		const read = readNumbers(raw, country);
		const key = JSON.stringify([enterpriseId, fields]);
		const group = groups.get(key) ?? {
			enterpriseId,
			fields,
			numbers: new Map<string, NumberEntry>(),
		};
		groups.set(key, group);

		for (const { input, normalized } of read) {
			if ('reason' in normalized) {
				const { reason } = normalized;
				const invalid = () => invalidNumber(context.getNode(), input, reason, itemIndex);
				reject(itemIndex, input, JSON.stringify([input, reason]), invalid, reason, ofNoRow);
				continue;
			}
			const source: NumberSource = {
				item: itemIndex,
				input,
				order: order++,
				extension: normalized.extension,
				ofNoRow,
			};
			const entry = group.numbers.get(normalized.e164);
			if (entry) entry.sources.push(source);
			else group.numbers.set(normalized.e164, { e164: normalized.e164, sources: [source] });
		}
	});
	collected.groups = [...groups.values()].filter((group) => group.numbers.size > 0);
	return collected;
}

/** The items that gave a value, numbered as n8n numbers them: "Item 0", "Items 0, 1, 2 and 5 more". */
function itemsOf(value: Failure): string {
	const items = [...new Set(value.sources.map((source) => String(source.item)))];
	return `${items.length === 1 ? 'Item' : 'Items'} ${firstFew(items, 3)}`;
}

/**
 * With Continue On Fail off, one error that lists every invalid value, thrown before any
 * request is sent, so the user can fix them all at once and nothing is half-registered.
 */
export function throwIfInvalid(context: IExecuteFunctions, invalid: Failure[]): void {
	if (invalid.length === 0 || context.continueOnFail()) return;
	const advice = `Nothing was sent. Fix the value, or ${CONTINUE_ADVICE} to send the valid numbers and get the invalid ones back as items.`;
	if (invalid.length === 1) {
		const { error } = invalid[0];
		error.description = [error.description, advice].filter(Boolean).join('\n');
		throw error;
	}
	// n8n shows the description as one paragraph: each value's line is a sentence of its own.
	const lines = invalid
		.slice(0, 20)
		.map((value) => `${itemsOf(value)}: ${value.error.message.replace(/[^.!?]$/, '$&.')}`);
	if (invalid.length > 20) lines.push(`…and ${invalid.length - 20} more.`);
	throw new NodeOperationError(
		context.getNode(),
		`${invalid.length} values are not phone numbers the API can take`,
		{
			itemIndex: invalid[0].sources[0].item,
			description: `${lines.join('\n')}\n${advice}`,
		},
	);
}
