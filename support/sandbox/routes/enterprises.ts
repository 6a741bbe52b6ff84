import { randomUUID } from 'node:crypto';

import type { Reply } from '../envelope';
import { badRequest, errors, inUse, page } from '../envelope';
import {
	checkFields,
	CREATE_REQUIRED,
	CREATE_RULES,
	FIXED_AT_CREATION,
	LOCKED_ONCE_ENABLED,
	SERVER_FIELDS,
	unknownIndustry,
	UPDATE_RULES,
} from '../enterpriseSchema';
import type { Route, RouteContext } from '../router';
import { onEnterprise } from '../router';
import type { Enterprise } from '../state';
import type { Body } from '../validate';
import { extraFields, isEntry, objectBody } from '../validate';

/** The record as list, get, create and update answer it (EnterprisePublic). */
function publicRecord(enterprise: Enterprise) {
	const { id, legal_name, doing_business_as, country_code, fein, role_type, details } = enterprise;
	return {
		id,
		record_type: 'enterprise',
		legal_name,
		doing_business_as,
		country_code,
		fein,
		role_type,
		...details,
		number_reputation_enabled: enterprise.reputation !== undefined,
		branded_calling_enabled: false,
		bpo_verification_status: role_type === 'bpo' ? 'pending' : null,
		bpo_verification_rejection_reason: null,
		created_at: enterprise.created_at,
		updated_at: enterprise.updated_at,
	};
}

const record = (enterprise: Enterprise, status = 200): Reply => ({
	status,
	body: { data: publicRecord(enterprise) },
});

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const sameFein = (a: unknown, b: unknown) =>
	String(a ?? '').replace(/\D/g, '') === String(b ?? '').replace(/\D/g, '');

/** GET /enterprises: the account's enterprises (soft-deleted ones never), by legal name and role. */
function list({ state, query }: RouteContext): Reply {
	const contains = (
		query.get('filter[legal_name][contains]') ?? query.get('legal_name')
	)?.toLowerCase();
	const role = query.get('filter[role_type]');
	const matches = (enterprise: Enterprise) =>
		(!contains || enterprise.legal_name.toLowerCase().includes(contains)) &&
		(!role || enterprise.role_type === role);
	return page([...state.enterprises.values()].filter(matches).map(publicRecord), query, 20);
}

/** POST /enterprises: 422 for a missing or malformed field, 400 for an unknown industry, 409 for a twin. */
function create({ state, body }: RouteContext): Reply {
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = checkFields(object, CREATE_RULES, CREATE_REQUIRED);
	if (problems.length) return errors(422, ...problems);
	const industry = unknownIndustry(object);
	if (industry) return errors(400, industry);
	const { legal_name, doing_business_as, country_code, fein, role_type, ...details } = object;
	const twin = [...state.enterprises.values()].some(
		(other) => sameName(other.legal_name, legal_name as string) && sameFein(other.fein, fein),
	);
	if (twin) {
		return errors(
			409,
			inUse('An enterprise with the same legal name and FEIN already exists in this account.'),
		);
	}
	const now = state.now();
	const enterprise: Enterprise = {
		id: randomUUID(),
		legal_name: legal_name as string,
		doing_business_as: doing_business_as as string,
		country_code: country_code as string,
		fein: fein as string,
		role_type: (role_type as Enterprise['role_type'] | undefined) ?? 'enterprise',
		details,
		created_at: now,
		updated_at: now,
	};
	state.enterprises.set(enterprise.id, enterprise);
	return record(enterprise, 201);
}

/** What PUT refuses before it looks at the values: fixed and server fields, locked ones once enabled. */
function refusedFields(object: Body, enterprise: Enterprise): Reply | undefined {
	const fixed = Object.keys(object).filter(
		(field) => field in FIXED_AT_CREATION || SERVER_FIELDS.includes(field),
	);
	if (fixed.length)
		return errors(
			400,
			...fixed.map((field) => badRequest(`Field '${field}' is not allowed in this request`)),
		);
	const locked = enterprise.reputation
		? LOCKED_ONCE_ENABLED.filter((field) => field in object)
		: [];
	if (!locked.length) return undefined;
	return errors(
		400,
		...locked.map((field) =>
			badRequest(`Field '${field}' cannot be changed while Number Reputation is enabled`, {
				pointer: `/body/${field}`,
			}),
		),
	);
}

/** PUT /enterprises/{id}: the fields sent are changed, the others kept. */
function update({ state, body }: RouteContext, enterprise: Enterprise): Reply {
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const refused = refusedFields(object, enterprise);
	if (refused) return refused;
	const problems = [
		...extraFields(object, Object.keys(UPDATE_RULES)),
		...checkFields(object, UPDATE_RULES, []),
	];
	if (problems.length) return errors(422, ...problems);
	const industry = unknownIndustry(object);
	if (industry) return errors(400, industry);
	const { legal_name, doing_business_as, fein, ...details } = object;
	Object.assign(enterprise, {
		legal_name: legal_name ?? enterprise.legal_name,
		doing_business_as: doing_business_as ?? enterprise.doing_business_as,
		fein: fein ?? enterprise.fein,
		details: { ...enterprise.details, ...details },
		updated_at: state.now(),
	});
	return record(enterprise);
}

/** DELETE /enterprises/{id}: soft delete, refused (400, the blocker named) while reputation is on. */
function remove({ state }: RouteContext, enterprise: Enterprise): Reply {
	if (enterprise.reputation) {
		const numbers = state.registrationsOf(enterprise.id).length;
		return errors(
			400,
			badRequest(
				`Cannot delete an enterprise while Number Reputation is enabled (status ${enterprise.reputation.status}, ${numbers} monitored numbers). Disable it first.`,
			),
		);
	}
	state.enterprises.delete(enterprise.id);
	state.deletedEnterprises.set(enterprise.id, { ...enterprise, deleted_at: state.now() });
	return { status: 204 };
}

const one = /^\/enterprises\/([^/]+)$/;

export const enterpriseRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/enterprises$/, handle: list },
	{ method: 'POST', pattern: /^\/enterprises$/, handle: create },
	{ method: 'GET', pattern: one, handle: onEnterprise((_context, e) => record(e)) },
	{ method: 'PUT', pattern: one, handle: onEnterprise(update) },
	{ method: 'DELETE', pattern: one, handle: onEnterprise(remove) },
];
