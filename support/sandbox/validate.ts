import type { ErrorEntry } from './envelope';
import { invalid } from './envelope';

export const E164 = /^\+[1-9]\d{9,14}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const FREQUENCIES = ['business_daily', 'daily', 'weekly', 'biweekly', 'monthly', 'never'];

export type Body = Record<string, unknown>;

/** The body as an object, or the problem with it. */
export function objectBody(body: unknown): Body | ErrorEntry {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return invalid('body must be a JSON object', { pointer: '/body' });
	}
	return body as Body;
}

export function isEntry(value: unknown): value is ErrorEntry {
	return typeof value === 'object' && value !== null && 'code' in value && 'meta' in value;
}

/** additionalProperties: false */
export function extraFields(body: Body, allowed: string[]): ErrorEntry[] {
	return Object.keys(body)
		.filter((key) => !allowed.includes(key))
		.map((key) => invalid('extra fields not permitted', { pointer: `/body/${key}` }));
}

/** A `phone_numbers` list of min..max distinct E.164 numbers: one entry per problem. */
export function phoneNumberList(body: Body, max: number): ErrorEntry[] {
	const numbers = body.phone_numbers;
	if (numbers === undefined) return [invalid('field required', { pointer: '/body/phone_numbers' })];
	if (!Array.isArray(numbers) || numbers.length < 1 || numbers.length > max) {
		return [
			invalid(`must be a list of 1 to ${max} phone numbers`, { pointer: '/body/phone_numbers' }),
		];
	}
	const seen = new Set<unknown>();
	return numbers.flatMap((number, index) => {
		const pointer = `/body/phone_numbers/${index}`;
		const problem =
			typeof number !== 'string' || !E164.test(number)
				? invalid(`${JSON.stringify(number)} is not an E.164 phone number`, { pointer })
				: seen.has(number)
					? invalid(`${number} appears more than once`, { pointer })
					: undefined;
		seen.add(number);
		return problem ? [problem] : [];
	});
}
