import type { Reply } from '../envelope';
import { entry, errors, inUse, invalid, notFound, page } from '../envelope';
import type { Route, RouteContext } from '../router';
import type { Remediation, RemediationStatus } from '../state';
import { remediationReviewed } from '../state';
import { extraFields, isEntry, objectBody, phoneNumberList, UUID } from '../validate';

const STATUSES: RemediationStatus[] = [
	'pending',
	'in_progress',
	'completed',
	'failed',
	'cancelled',
];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function enterpriseOf(context: RouteContext): string | Reply {
	const [enterpriseId] = context.params;
	if (!UUID.test(enterpriseId))
		return errors(422, invalid('must be a lowercase UUID', { parameter: 'enterprise_id' }));
	return context.state.enterprises.has(enterpriseId)
		? enterpriseId
		: notFound('Enterprise not found.');
}

/** The full record, as GET by ID and Submit return it. */
function full(remediation: Remediation) {
	const {
		enterprise_id: _enterprise,
		phone_numbers,
		ineligible: _ineligible,
		cancelled: _cancelled,
		...rest
	} = remediation;
	return {
		...rest,
		phone_numbers_count: phone_numbers.length,
		phone_numbers_submitted: phone_numbers.length - (remediation.ineligible ?? []).length,
		phone_numbers_ineligible: (remediation.ineligible ?? []).length,
	};
}

/** The slim list item: no per-number results, no webhook. */
function slim(remediation: Remediation) {
	const {
		results: _results,
		webhook_url: _webhook,
		contact_email: _email,
		phone_numbers_submitted: _s,
		phone_numbers_ineligible: _i,
		...rest
	} = full(remediation);
	return rest;
}

function submit(context: RouteContext): Reply {
	const enterpriseId = enterpriseOf(context);
	if (typeof enterpriseId !== 'string') return enterpriseId;
	const { state, body } = context;
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = [
		...extraFields(object, ['phone_numbers', 'call_purpose', 'contact_email', 'webhook_url']),
		...phoneNumberList(object, 2000),
	];
	const purpose = object.call_purpose;
	if (typeof purpose !== 'string' || purpose.length < 1 || purpose.length > 2000) {
		problems.push(
			invalid('field required (1 to 2000 characters)', { pointer: '/body/call_purpose' }),
		);
	}
	if (
		object.contact_email !== undefined &&
		(typeof object.contact_email !== 'string' || !EMAIL.test(object.contact_email))
	) {
		problems.push(invalid('must be an email address', { pointer: '/body/contact_email' }));
	}
	if (
		object.webhook_url !== undefined &&
		(typeof object.webhook_url !== 'string' || !object.webhook_url.startsWith('https://'))
	) {
		problems.push(invalid('must be an https URL', { pointer: '/body/webhook_url' }));
	}
	if (problems.length) return errors(422, ...problems);

	const numbers = object.phone_numbers as string[];
	const notHere = numbers.flatMap((number, index) =>
		state.registrations.get(number)?.enterprise_id === enterpriseId
			? []
			: [
					invalid(`${number} is not monitored on this enterprise`, {
						pointer: `/body/phone_numbers/${index}`,
					}),
				],
	);
	if (notHere.length) return errors(422, ...notHere);
	const inFlight = [...state.remediations.values()].filter(
		(r) => r.status === 'pending' || r.status === 'in_progress',
	);
	const busy = numbers.flatMap((number, index) =>
		inFlight.some((r) => remediationReviewed(r).includes(number))
			? [
					inUse(`${number} already has a remediation request in progress`, {
						pointer: `/body/phone_numbers/${index}`,
					}),
				]
			: [],
	);
	if (busy.length) return errors(409, ...busy);

	// Refused before submission, counted in phone_numbers_ineligible, and not billed.
	const ineligible = numbers.filter((number) => state.inRemediationCooldown(number));
	const remediation = state.addRemediation(enterpriseId, numbers, {
		call_purpose: purpose as string,
		contact_email: (object.contact_email as string | undefined) ?? null,
		webhook_url: (object.webhook_url as string | undefined) ?? null,
		ineligible,
	});
	for (const number of remediationReviewed(remediation))
		state.charges.push({ kind: 'remediation', phone_number: number, usd: 1 });
	return { status: 202, body: { data: full(remediation) } };
}

function getOne(context: RouteContext): Reply {
	const enterpriseId = enterpriseOf(context);
	if (typeof enterpriseId !== 'string') return enterpriseId;
	const id = context.params[1];
	if (!UUID.test(id))
		return errors(422, invalid('must be a lowercase UUID', { parameter: 'remediation_id' }));
	const remediation = context.state.remediations.get(id);
	if (remediation?.enterprise_id !== enterpriseId)
		return notFound('Remediation request not found.');
	context.state.advanceRemediation(remediation);
	return { status: 200, body: { data: full(remediation) } };
}

function list(context: RouteContext): Reply {
	const enterpriseId = enterpriseOf(context);
	if (typeof enterpriseId !== 'string') return enterpriseId;
	const { query } = context;
	const status = query.get('filter[status]');
	if (status !== null && !STATUSES.includes(status as RemediationStatus)) {
		return errors(
			422,
			invalid(`must be one of ${STATUSES.join(', ')}`, { parameter: 'filter[status]' }),
		);
	}
	const bounds = ['gte', 'lte'].map((bound) => query.get(`filter[created_at][${bound}]`));
	for (const [index, bound] of bounds.entries()) {
		if (bound !== null && Number.isNaN(Date.parse(bound))) {
			return errors(
				422,
				entry('10005', 'Invalid parameters', 'must be a date-time', {
					parameter: `filter[created_at][${index ? 'lte' : 'gte'}]`,
				}),
			);
		}
	}
	const [gte, lte] = bounds.map((bound) => (bound === null ? null : Date.parse(bound)));
	const all = [...context.state.remediations.values()]
		.filter((r) => r.enterprise_id === enterpriseId)
		.filter((r) => !status || r.status === status)
		.filter(
			(r) =>
				(gte === null || Date.parse(r.created_at) >= gte) &&
				(lte === null || Date.parse(r.created_at) <= lte),
		)
		.map(slim);
	return page(all, query, 20);
}

export const remediationRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/enterprises\/([^/]+)\/reputation\/remediation$/, handle: submit },
	{ method: 'GET', pattern: /^\/enterprises\/([^/]+)\/reputation\/remediation$/, handle: list },
	{
		method: 'GET',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/remediation\/([^/]+)$/,
		handle: getOne,
	},
];
