import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CountryCode } from '../../shared/phoneNumbers';
import { readNumbers } from '../../shared/phoneNumbers';
import { CONTINUE_ADVICE } from './outputItems';
import { firstFew } from '../../shared/text';
import type { ItemParameters } from '../../shared/parameters/items';
import { ofExecuteItem, readEnterpriseId } from '../../shared/parameters/items';
import { readDefaultCountry, invalidNumber } from '../../shared/parameters/phoneNumbers';
import { isSample, leftOutSample } from '../../shared/samples';
import { withDescription } from '../../shared/transport/apiErrors';
import type { Failure, NumberGroup, NumberSource, OrderedItem } from './types';

/** Each input item's other body fields, read and checked by the operation, or the error that rejects the item. */
export type ItemFields = Array<IDataObject | Error>;

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
 * Every rejected value once, with every item that gave it: a list pasted into the node is on
 * every item, and a fixed Enterprise ID that is wrong fails every item alike, with one error.
 */
class Rejections {
	readonly invalid: Failure[] = [];
	private readonly byKey = new Map<unknown, Failure>();

	add(source: NumberSource, key: unknown, errorOf: () => NodeOperationError, reason?: string) {
		const known = this.byKey.get(key);
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
		this.byKey.set(key, failure);
		this.invalid.push(failure);
	}
}

export interface ItemNumbers {
	enterpriseId: string;
	fields: IDataObject;
	numbers: Array<{ e164: string; source: NumberSource }>;
}

/**
 * What the input gave: each item's numbers, the values that will not be sent, each with its
 * reason, and the items of the samples left out.
 */
export interface ReadInput {
	items: ItemNumbers[];
	invalid: Failure[];
	samples: OrderedItem[];
}

/** A list with no expression is the node's own, the same on every item: no one row's. */
const isNodesOwnList = (context: IExecuteFunctions) =>
	context.getNodeParameter('numbersFrom', 0, 'parameter') !== 'field' &&
	!hasExpression(context.getNode().parameters.phoneNumbers);

/**
 * Reads the enterprise, the phone numbers and any other body fields of every input item and
 * normalizes the numbers. Every value the user gave ends up either in an item's numbers or in
 * `invalid`, with its reason; a sample item is left out whole (samples.ts). Nothing is sent here.
 */
export function readInput(context: IExecuteFunctions, itemFields?: ItemFields): ReadInput {
	const rejections = new Rejections();
	const items: ItemNumbers[] = [];
	const samples: OrderedItem[] = [];
	let order = 0; // each value's place among all values given, to keep input order
	const ofNoRow = isNodesOwnList(context);
	const readItem = itemReader(context, itemFields);
	context.getInputData().forEach((inputItem, itemIndex) => {
		if (isSample(inputItem.json)) {
			const item = { json: leftOutSample(inputItem.json), pairedItem: { item: itemIndex } };
			samples.push({ order: order++, item });
			return;
		}
		const read = readItem(inputItem.json, itemIndex);
		if ('error' in read) {
			// An expression that failed for this item is its own; a fixed value's one error is shared.
			const { error, input } = read;
			const source = { item: itemIndex, input, order: order++, ofNoRow: false };
			rejections.add(source, error, () => error as NodeOperationError);
			return;
		}
		const numbers: ItemNumbers['numbers'] = [];
		for (const { input, normalized } of readNumbers(read.raw, read.country)) {
			const source: NumberSource = { item: itemIndex, input, order: order++, ofNoRow };
			if ('reason' in normalized) {
				const { reason } = normalized;
				const invalid = () => invalidNumber(context.getNode(), input, reason, itemIndex);
				rejections.add(source, JSON.stringify([input, reason]), invalid, reason);
			} else {
				if (normalized.extension) source.extension = normalized.extension;
				numbers.push({ e164: normalized.e164, source });
			}
		}
		items.push({ enterpriseId: read.enterpriseId, fields: read.fields, numbers });
	});
	return { items, invalid: rejections.invalid, samples };
}

/**
 * Reads an item's raw numbers, enterprise, default country and other fields. An expression that
 * fails for one item (a missing field…) rejects that item only: its error comes back with the
 * raw numbers read before it, for the failure item.
 */
function itemReader(context: IExecuteFunctions, itemFields?: ItemFields) {
	const numbersOf = numberSource(context);
	const enterpriseOf = oncePerRunIfFixed(context, 'enterpriseId', readEnterpriseId);
	const countryOf = oncePerRunIfFixed(context, 'options.defaultCountry', readDefaultCountry);
	return (json: IDataObject, itemIndex: number) => {
		let raw: unknown;
		try {
			raw = numbersOf(json, itemIndex);
			const enterpriseId = enterpriseOf(itemIndex);
			const country: CountryCode = countryOf(itemIndex);
			const fields = itemFields?.[itemIndex] ?? {};
			if (fields instanceof Error) throw fields;
			return { raw, enterpriseId, country, fields };
		} catch (error) {
			return { error, input: raw };
		}
	};
}

/** The items' numbers per enterprise and other body fields, each number once with every value that gave it. */
export function groupNumbers(items: ItemNumbers[]): NumberGroup[] {
	const groups = new Map<string, NumberGroup>();
	for (const { enterpriseId, fields, numbers } of items) {
		// The enterprise ID is a checked UUID (or empty), so no space can be part of it.
		const fieldsKey = JSON.stringify(fields);
		const key = fieldsKey === '{}' ? enterpriseId : `${enterpriseId} ${fieldsKey}`;
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { enterpriseId, fields, numbers: new Map() }));
		for (const { e164, source } of numbers) {
			const entry = group.numbers.get(e164);
			if (entry) entry.sources.push(source);
			else group.numbers.set(e164, { e164, sources: [source] });
		}
	}
	return [...groups.values()].filter((group) => group.numbers.size > 0);
}

/** The items that gave a value, numbered as n8n numbers them: "Item 0", "Items 0, 1, 2 and 5 more". */
function itemsThatGave(value: Failure): string {
	const items = [...new Set(value.sources.map((source) => String(source.item)))];
	return `${items.length === 1 ? 'Item' : 'Items'} ${firstFew(items, 3)}`;
}

/**
 * With Continue On Fail off, one error that lists every invalid value, thrown before any
 * request is sent, so the user can fix them all at once and nothing is half-registered.
 */
export function stopIfInvalid(context: IExecuteFunctions, invalid: Failure[]): void {
	if (invalid.length === 0 || context.continueOnFail()) return;
	const advice = `Nothing was sent. Fix the value, or ${CONTINUE_ADVICE} to send the valid numbers and get the invalid ones back as items.`;
	// n8n titles an error with its item ("[item 0]"): only an error of one item may say one.
	const items = new Set(invalid.flatMap((value) => value.sources.map((source) => source.item)));
	const itemIndex = items.size === 1 ? [...items][0] : undefined;
	if (invalid.length === 1) {
		const { error } = invalid[0];
		const description = [error.description, advice].filter(Boolean).join('\n');
		throw withDescription(error, description, { itemIndex });
	}
	// n8n shows the description as one paragraph: each value's line is a sentence of its own.
	const lines = invalid
		.slice(0, 20)
		.map((value) => `${itemsThatGave(value)}: ${value.error.message.replace(/[^.!?]$/, '$&.')}`);
	if (invalid.length > 20) lines.push(`…and ${invalid.length - 20} more.`);
	throw new NodeOperationError(
		context.getNode(),
		`${invalid.length} values are not phone numbers the API can take`,
		{ itemIndex, description: `${lines.join('\n')}\n${advice}` },
	);
}
