import type { ErrorEntry, Reply } from '../envelope';
import { badRequest, errors, inUse, invalid, notFound, page } from '../envelope';
import type { Route, RouteContext } from '../router';
import type { Enterprise, SandboxState } from '../state';
import { E164, extraFields, isEntry, objectBody, phoneNumberList, UUID } from '../validate';

type Found = { enterprise: Enterprise } | { reply: Reply };

function findEnterprise(state: SandboxState, enterpriseId: string): Found {
	if (!UUID.test(enterpriseId)) {
		return {
			reply: errors(422, invalid('must be a lowercase UUID', { parameter: 'enterprise_id' })),
		};
	}
	const enterprise = state.enterprises.get(enterpriseId);
	return enterprise ? { enterprise } : { reply: notFound('Enterprise not found.') };
}

function approved(enterprise: Enterprise): boolean {
	return (
		enterprise.reputation?.status === 'approved' && enterprise.reputation.loa_status === 'approved'
	);
}

/** The numbers body of Register and Refresh, or the reply that refuses it. */
function numbersBody(body: unknown): string[] | Reply {
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = [...extraFields(object, ['phone_numbers']), ...phoneNumberList(object, 100)];
	return problems.length ? errors(422, ...problems) : (object.phone_numbers as string[]);
}

/** Account-state checks of Register, one entry per refused number. */
function numberProblems(
	state: SandboxState,
	enterpriseId: string,
	numbers: string[],
): ErrorEntry[] {
	// With approved ownership proof, numbers hosted elsewhere can be added too.
	const externalAllowed =
		state.enterprises.get(enterpriseId)?.externalVerification?.status === 'approved';
	return numbers.flatMap((number, index) => {
		const pointer = `/body/phone_numbers/${index}`;
		const owned =
			state.inventory.get(number) ??
			(externalAllowed ? { country: 'US', inService: true } : undefined);
		const registered = state.registrations.get(number);
		if (!owned)
			return [badRequest(`${number} is not in your Telnyx phone number inventory`, { pointer })];
		if (owned.country !== 'US')
			return [
				badRequest(`${number} is not a US number; only US numbers are supported`, { pointer }),
			];
		if (!owned.inService) return [badRequest(`${number} is not in service`, { pointer })];
		if (registered?.enterprise_id === enterpriseId) {
			return [inUse(`${number} is already registered on this enterprise`, { pointer })];
		}
		if (registered) return [inUse(`${number} is registered on another enterprise`, { pointer })];
		return [];
	});
}

function register({ state, params, body }: RouteContext): Reply {
	const found = findEnterprise(state, params[0]);
	if ('reply' in found) return found.reply;
	if (!approved(found.enterprise)) {
		return errors(
			400,
			badRequest(
				'Reputation is not approved for this enterprise (status and LOA must both be approved).',
			),
		);
	}
	const numbers = numbersBody(body);
	if (!Array.isArray(numbers)) return numbers;
	const refused = numberProblems(state, found.enterprise.id, numbers);
	// All or nothing: one refused number fails the request and nothing is registered.
	if (refused.length > 0) return errors(400, ...refused);

	const data = numbers.map((number) => state.register(found.enterprise.id, number));
	return {
		status: 201,
		body: {
			data,
			meta: { total_pages: 1, total_results: data.length, page_number: 1, page_size: data.length },
		},
	};
}

/** 200 with one result per number; numbers not monitored on the enterprise fail one by one. */
function refresh({ state, params, body }: RouteContext): Reply {
	const found = findEnterprise(state, params[0]);
	if ('reply' in found) return found.reply;
	if (!approved(found.enterprise))
		return errors(403, badRequest('Reputation is not approved for this enterprise.'));
	const numbers = numbersBody(body);
	if (!Array.isArray(numbers)) return numbers;
	const results = numbers.map((number) => {
		const registration = state.registrations.get(number);
		if (registration?.enterprise_id !== found.enterprise.id) {
			return {
				phone_number: number,
				success: false,
				error: 'Phone number is not monitored on this enterprise',
			};
		}
		state.lookUp(registration);
		return { phone_number: number, success: true, error: null };
	});
	const successful = results.filter((result) => result.success).length;
	return {
		status: 200,
		body: {
			data: {
				results,
				total_requested: numbers.length,
				total_successful: successful,
				total_failed: numbers.length - successful,
			},
		},
	};
}

function list(
	state: SandboxState,
	query: URLSearchParams,
	enterpriseId: string | null,
	defaultSize: number,
): Reply {
	const contains = query.get('filter[phone_number][contains]');
	if (contains !== null && (contains.match(/\d/g) ?? []).length < 5) {
		return errors(
			422,
			invalid('must contain at least 5 digits', { parameter: 'filter[phone_number][contains]' }),
		);
	}
	const eq = query.get('filter[phone_number][eq]');
	const exact = eq === null ? undefined : state.registrations.get(eq);
	return page(
		eq === null ? state.registrations.values() : exact ? [exact] : [],
		query,
		defaultSize,
		(r) =>
			(!enterpriseId || r.enterprise_id === enterpriseId) &&
			(!contains || r.phone_number.includes(contains)),
	);
}

/** GET one number: 403 unless approved, 404 unless monitored; a fresh or first read is a live lookup. */
function getOne(
	state: SandboxState,
	enterprise: Enterprise | undefined,
	number: string,
	query: URLSearchParams,
): Reply {
	if (!E164.test(number))
		return errors(422, invalid('must be an E.164 phone number', { parameter: 'phone_number' }));
	const registration = state.registrations.get(number);
	if (!registration || (enterprise && registration.enterprise_id !== enterprise.id)) {
		return notFound('Phone number is not monitored.');
	}
	const owner = state.enterprises.get(registration.enterprise_id);
	if (!owner || !approved(owner))
		return errors(403, badRequest('Reputation is not approved for this enterprise.'));
	if (query.get('fresh') === 'true' || registration.reputation_data === null)
		state.lookUp(registration);
	return { status: 200, body: { data: registration } };
}

function remove(state: SandboxState, enterprise: Enterprise | undefined, number: string): Reply {
	const registration = state.registrations.get(number);
	if (!registration || (enterprise && registration.enterprise_id !== enterprise.id)) {
		return notFound('Phone number is not monitored.');
	}
	state.registrations.delete(number);
	return { status: 204 };
}

/**
 * POST …/numbers/{phone_number}/ownership_confirm: `still_own` true sets a number awaiting
 * confirmation (or flagged) back to verified; false removes it at once, and the answer shows it
 * removed.
 */
function confirmOwnership({ state, params, body }: RouteContext, enterprise: Enterprise): Reply {
	const number = params[1];
	if (!E164.test(number))
		return errors(422, invalid('must be an E.164 phone number', { parameter: 'phone_number' }));
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = extraFields(object, ['still_own']);
	if (typeof object.still_own !== 'boolean')
		problems.push(invalid('must be true or false', { pointer: '/body/still_own' }));
	if (problems.length) return errors(422, ...problems);
	const registration = state.registrations.get(number);
	if (registration?.enterprise_id !== enterprise.id)
		return notFound('Phone number is not monitored.');
	if (object.still_own) {
		registration.ownership_status = 'verified';
	} else {
		state.registrations.delete(number);
		registration.ownership_status = 'removed';
	}
	registration.updated_at = state.now();
	return { status: 200, body: { data: registration } };
}

const withEnterprise =
	(handle: (context: RouteContext, enterprise: Enterprise) => Reply) =>
	(context: RouteContext): Reply => {
		const found = findEnterprise(context.state, context.params[0]);
		return 'reply' in found ? found.reply : handle(context, found.enterprise);
	};

export const reputationNumberRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers$/, handle: register },
	{
		method: 'POST',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers\/refresh$/,
		handle: refresh,
	},
	{
		method: 'GET',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers$/,
		handle: withEnterprise(({ state, query }, enterprise) => list(state, query, enterprise.id, 10)),
	},
	{
		method: 'GET',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers\/([^/]+)$/,
		handle: withEnterprise(({ state, params, query }, enterprise) =>
			getOne(state, enterprise, params[1], query),
		),
	},
	{
		method: 'DELETE',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers\/([^/]+)$/,
		handle: withEnterprise(({ state, params }, enterprise) => remove(state, enterprise, params[1])),
	},
	{
		method: 'POST',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/numbers\/([^/]+)\/ownership_confirm$/,
		handle: withEnterprise(confirmOwnership),
	},
	{
		method: 'GET',
		pattern: /^\/reputation\/numbers$/,
		handle: ({ state, query }) => {
			const enterpriseId = query.get('filter[enterprise_id]');
			return list(state, query, enterpriseId, 20);
		},
	},
	{
		method: 'GET',
		pattern: /^\/reputation\/numbers\/([^/]+)$/,
		handle: ({ state, params, query }) => getOne(state, undefined, params[0], query),
	},
	{
		method: 'DELETE',
		pattern: /^\/reputation\/numbers\/([^/]+)$/,
		handle: ({ state, params }) => remove(state, undefined, params[0]),
	},
];
