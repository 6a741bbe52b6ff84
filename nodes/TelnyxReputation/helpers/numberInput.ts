import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CountryCode } from './phoneNumbers';
import { normalizeNumber, splitNumbers } from './phoneNumbers';
import { checkCountry, requireUuid, shown } from './validators';

/** A distinct number for one enterprise, with every input item that supplied it. */
export interface NumberEntry {
	e164: string;
	inputs: unknown[];
	items: number[];
	order: number;
}

/** A value that will not be sent, and why. */
export interface RejectedValue {
	input: unknown;
	reason: string;
	error: NodeOperationError;
	itemIndex: number;
	order: number;
}

/** Numbers that can travel in the same requests: one enterprise, the same other body fields. */
export interface NumberGroup {
	enterpriseId: string;
	fields: IDataObject;
	/** E.164 → entry; insertion order is input order. */
	numbers: Map<string, NumberEntry>;
}

export interface CollectedNumbers {
	groups: NumberGroup[];
	rejected: RejectedValue[];
}

/** Reads an item's other body fields (checked; throws NodeOperationError when one is bad). */
export type ReadFields = (context: IExecuteFunctions, itemIndex: number) => IDataObject;

/**
 * Reads the enterprise, the phone numbers and any other body fields of every input item,
 * normalizes the numbers and groups them per enterprise and fields without duplicates. Every
 * value the user gave ends up either in a group or in `rejected`; nothing is sent here.
 */
export function collectNumbers(context: IExecuteFunctions, readFields?: ReadFields): CollectedNumbers {
	const groups = new Map<string, NumberGroup>();
	const collected: CollectedNumbers = { groups: [], rejected: [] };
	let order = 0;

	const reject = (itemIndex: number, input: unknown, error: NodeOperationError, reason = error.message) =>
		collected.rejected.push({ input, reason, error, itemIndex, order: order++ });

	context.getInputData().forEach((_item, itemIndex) => {
		// An expression that fails for one item (a missing field…) rejects that item only.
		let raw: unknown;
		let enterpriseId: string;
		let country: CountryCode;
		let fields: IDataObject;
		try {
			raw = context.getNodeParameter('phoneNumbers', itemIndex, '');
			enterpriseId = requireUuid(context, 'enterpriseId', 'Enterprise ID', itemIndex);
			country = checkCountry(context.getNode(), context.getNodeParameter('options.defaultCountry', itemIndex, 'US'), itemIndex);
			fields = readFields?.(context, itemIndex) ?? {};
		} catch (error) {
			reject(itemIndex, raw, error as NodeOperationError);
			return;
		}

		const candidates = splitNumbers(raw, country);
		if (candidates.length === 0) candidates.push(raw);
		const key = JSON.stringify([enterpriseId, fields]);
		const group = groups.get(key) ?? { enterpriseId, fields, numbers: new Map<string, NumberEntry>() };
		groups.set(key, group);
		const { numbers } = group;

		for (const candidate of candidates) {
			const normalized = normalizeNumber(candidate, country);
			if ('reason' in normalized) {
				const reason = candidate === '' || candidate === undefined ? 'no phone number given' : normalized.reason;
				const error = new NodeOperationError(
					context.getNode(),
					`Invalid phone number ${shown(candidate, 60)}: ${reason}`,
					{ itemIndex },
				);
				reject(itemIndex, candidate, error, reason);
				continue;
			}
			const entry = numbers.get(normalized.e164);
			if (entry) {
				if (!entry.items.includes(itemIndex)) entry.items.push(itemIndex);
				entry.inputs.push(candidate);
			} else {
				numbers.set(normalized.e164, { e164: normalized.e164, inputs: [candidate], items: [itemIndex], order: order++ });
			}
		}
	});
	collected.groups = [...groups.values()].filter((group) => group.numbers.size > 0);
	return collected;
}

/**
 * With Continue On Fail off, one error that lists every rejected value, thrown before any
 * request is sent, so the user can fix them all at once and nothing is half-registered.
 */
export function throwIfRejected(context: IExecuteFunctions, rejected: RejectedValue[]): void {
	if (rejected.length === 0 || context.continueOnFail()) return;
	const advice =
		'Nothing was sent. Fix the value, or turn on Continue On Fail to send the valid numbers and get the invalid ones back as items.';
	if (rejected.length === 1) {
		const { error } = rejected[0];
		error.description = [error.description, advice].filter(Boolean).join('\n');
		throw error;
	}
	const lines = rejected
		.slice(0, 20)
		.map((value) => `Item ${value.itemIndex + 1}: ${value.error.message}`);
	if (rejected.length > 20) lines.push(`…and ${rejected.length - 20} more.`);
	throw new NodeOperationError(context.getNode(), `${rejected.length} values are not phone numbers the API can take`, {
		itemIndex: rejected[0].itemIndex,
		description: `${lines.join('\n')}\n${advice}`,
	});
}
