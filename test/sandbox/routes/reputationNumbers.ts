import type { ErrorEntry, Reply } from '../envelope';
import { badRequest, errors, inUse, invalid, notFound } from '../envelope';
import type { Route } from '../router';
import type { SandboxState } from '../state';

const E164 = /^\+[1-9]\d{9,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks the body against ReputationPhoneNumberCreate: one entry per problem. */
function bodyProblems(body: unknown): ErrorEntry[] {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return [invalid('body must be a JSON object', { pointer: '/body' })];
	}
	const problems = Object.keys(body)
		.filter((key) => key !== 'phone_numbers')
		.map((key) => invalid('extra fields not permitted', { pointer: `/body/${key}` }));
	const numbers = (body as { phone_numbers?: unknown }).phone_numbers;
	if (numbers === undefined) return [...problems, invalid('field required', { pointer: '/body/phone_numbers' })];
	if (!Array.isArray(numbers) || numbers.length < 1 || numbers.length > 100) {
		return [...problems, invalid('must be a list of 1 to 100 phone numbers', { pointer: '/body/phone_numbers' })];
	}
	const seen = new Set<unknown>();
	numbers.forEach((number, index) => {
		const pointer = `/body/phone_numbers/${index}`;
		if (typeof number !== 'string' || !E164.test(number)) {
			problems.push(invalid(`${JSON.stringify(number)} is not an E.164 phone number`, { pointer }));
		} else if (seen.has(number)) {
			problems.push(invalid(`${number} appears more than once`, { pointer }));
		}
		seen.add(number);
	});
	return problems;
}

/** Account-state checks, one entry per refused number. */
function numberProblems(state: SandboxState, enterpriseId: string, numbers: string[]): ErrorEntry[] {
	return numbers.flatMap((number, index) => {
		const pointer = `/body/phone_numbers/${index}`;
		const owned = state.inventory.get(number);
		const registered = state.registrations.get(number);
		if (!owned) return [badRequest(`${number} is not in your Telnyx phone number inventory`, { pointer })];
		if (owned.country !== 'US') return [badRequest(`${number} is not a US number; only US numbers are supported`, { pointer })];
		if (!owned.inService) return [badRequest(`${number} is not in service`, { pointer })];
		if (registered?.enterprise_id === enterpriseId) {
			return [inUse(`${number} is already registered on this enterprise`, { pointer })];
		}
		if (registered) return [inUse(`${number} is registered on another enterprise`, { pointer })];
		return [];
	});
}

function register(state: SandboxState, enterpriseId: string, body: unknown): Reply {
	if (!UUID.test(enterpriseId)) {
		return errors(422, invalid('must be a lowercase UUID', { parameter: 'enterprise_id' }));
	}
	const enterprise = state.enterprises.get(enterpriseId);
	if (!enterprise) return notFound('Enterprise not found.');
	const reputation = enterprise.reputation;
	if (reputation?.status !== 'approved' || reputation.loa_status !== 'approved') {
		return errors(400, badRequest('Reputation is not approved for this enterprise (status and LOA must both be approved).'));
	}
	const invalidBody = bodyProblems(body);
	if (invalidBody.length > 0) return errors(422, ...invalidBody);

	const numbers = (body as { phone_numbers: string[] }).phone_numbers;
	const refused = numberProblems(state, enterpriseId, numbers);
	// All or nothing: one refused number fails the request and nothing is registered.
	if (refused.length > 0) return errors(400, ...refused);

	const data = numbers.map((number) => state.register(enterpriseId, number));
	return {
		status: 201,
		body: {
			data,
			meta: { total_pages: 1, total_results: data.length, page_number: 1, page_size: data.length },
		},
	};
}

export const reputationNumberRoutes: Route[] = [
	{
		method: 'POST',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers$/,
		handle: ({ state, params, body }) => register(state, params[0], body),
	},
];
