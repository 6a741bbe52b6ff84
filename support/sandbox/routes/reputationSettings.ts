import type { Reply } from '../envelope';
import { badRequest, entry, errors, invalid, notFound } from '../envelope';
import { loaPdf } from '../loaPdf';
import type { Route, RouteContext } from '../router';
import { onEnterprise } from '../router';
import type { Enterprise } from '../state';
import { E164, extraFields, FREQUENCIES, isEntry, objectBody } from '../validate';

const AGENT_FIELDS = [
	'legal_name',
	'street_address',
	'city',
	'administrative_area',
	'postal_code',
	'country',
	'contact_name',
	'contact_title',
	'contact_email',
	'contact_phone',
];

const settings = (enterprise: Enterprise, status = 200): Reply =>
	enterprise.reputation
		? {
				status,
				body: {
					data: {
						...enterprise.reputation,
						external_verification_status: enterprise.externalVerification?.status ?? null,
					},
				},
			}
		: notFound('Reputation is not enabled for this enterprise.');

/**
 * POST …/external_verification: ownership proof (Documents-API ids) for numbers hosted
 * elsewhere, reviewed once per enterprise: while pending or rejected a new submission replaces
 * it; once approved it cannot change. The reference shows neither the code nor the body, so
 * the answer holds only the fields the status_changed event shows.
 */
function submitOwnershipProof({ body }: RouteContext, enterprise: Enterprise): Reply {
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = extraFields(object, ['document_ids', 'phone_numbers']);
	const ids = object.document_ids;
	if (
		!Array.isArray(ids) ||
		ids.length < 1 ||
		!ids.every((id) => typeof id === 'string' && id !== '')
	) {
		problems.push(
			invalid('must be a list of at least one document id', { pointer: '/body/document_ids' }),
		);
	}
	const numbers = object.phone_numbers;
	if (
		numbers !== undefined &&
		(!Array.isArray(numbers) || !numbers.every((n) => typeof n === 'string' && E164.test(n)))
	) {
		problems.push(
			invalid('must be a list of E.164 phone numbers', { pointer: '/body/phone_numbers' }),
		);
	}
	if (problems.length) return errors(422, ...problems);
	if (enterprise.externalVerification?.status === 'approved') {
		return errors(
			400,
			badRequest('The ownership proof of this enterprise is approved and cannot be changed.'),
		);
	}
	enterprise.externalVerification = {
		enterprise_id: enterprise.id,
		status: 'pending',
		rejection_reason: null,
		reviewed_at: null,
	};
	return { status: 202, body: { data: enterprise.externalVerification } };
}

/** GET …/external_verification: the review, or 404 when nothing was submitted. */
function getOwnershipProof(_context: RouteContext, enterprise: Enterprise): Reply {
	return enterprise.externalVerification
		? { status: 200, body: { data: enterprise.externalVerification } }
		: notFound('No ownership proof was submitted for this enterprise.');
}

function enable({ state, body }: RouteContext, enterprise: Enterprise): Reply {
	if (!state.termsAgreedAt) {
		return errors(
			403,
			entry('10010', 'Forbidden', 'The Number Reputation terms of service have not been accepted.'),
		);
	}
	if (enterprise.reputation)
		return errors(400, badRequest('Reputation is already enabled for this enterprise.'));
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = extraFields(object, ['loa_document_id', 'check_frequency']);
	const loa = object.loa_document_id;
	if (typeof loa !== 'string' || loa.length < 1 || loa.length > 255) {
		problems.push(invalid('field required', { pointer: '/body/loa_document_id' }));
	}
	const frequency = object.check_frequency ?? 'business_daily';
	if (typeof frequency !== 'string' || !FREQUENCIES.includes(frequency)) {
		problems.push(
			invalid(`must be one of ${FREQUENCIES.join(', ')}`, { pointer: '/body/check_frequency' }),
		);
	}
	if (problems.length) return errors(422, ...problems);
	state.enableReputation(enterprise.id, loa as string, frequency as string);
	state.charges.push({ kind: 'reputation fee', enterprise_id: enterprise.id, usd: 100 });
	state.startReview(enterprise.id);
	return settings(enterprise, 201);
}

function disable({ state }: RouteContext, enterprise: Enterprise): Reply {
	if (!enterprise.reputation) return notFound('Reputation is not enabled for this enterprise.');
	for (const registration of state.registrationsOf(enterprise.id))
		state.registrations.delete(registration.phone_number);
	delete enterprise.reputation;
	return { status: 204 };
}

function updateFrequency({ state, body }: RouteContext, enterprise: Enterprise): Reply {
	const current = enterprise.reputation;
	if (!current) return notFound('Reputation is not enabled for this enterprise.');
	if (current.status !== 'approved') {
		return errors(
			400,
			badRequest(`Cannot change the frequency while reputation is ${current.status}.`),
		);
	}
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = extraFields(object, ['check_frequency']);
	if (typeof object.check_frequency !== 'string' || !FREQUENCIES.includes(object.check_frequency)) {
		problems.push(
			invalid(`must be one of ${FREQUENCIES.join(', ')}`, { pointer: '/body/check_frequency' }),
		);
	}
	if (problems.length) return errors(422, ...problems);
	current.check_frequency = object.check_frequency as string;
	current.updated_at = state.now();
	return settings(enterprise);
}

function replaceLoa({ state, body }: RouteContext, enterprise: Enterprise): Reply {
	const current = enterprise.reputation;
	if (!current) return notFound('Reputation is not enabled for this enterprise.');
	if (current.loa_status === 'approved')
		return errors(400, badRequest('The LOA is already approved and cannot be replaced.'));
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const loa = object.loa_document_id;
	if (typeof loa !== 'string' || loa.length < 1 || loa.length > 255) {
		return errors(422, invalid('field required', { pointer: '/body/loa_document_id' }));
	}
	current.loa_document_id = loa;
	current.loa_status = 'pending';
	current.updated_at = state.now();
	return settings(enterprise);
}

function generateLoa({ body }: RouteContext, enterprise: Enterprise): Reply {
	const object = body === undefined ? {} : objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const agent = object.agent as Record<string, unknown> | undefined;
	if (agent !== undefined) {
		const missing = AGENT_FIELDS.filter(
			(field) => typeof agent[field] !== 'string' || agent[field] === '',
		);
		if (missing.length) {
			return errors(
				422,
				...missing.map((field) => invalid('field required', { pointer: `/body/agent/${field}` })),
			);
		}
	}
	const signature = object.signature as
		| { image_base64?: unknown; signer_name?: unknown }
		| undefined;
	if (signature !== undefined && typeof signature.image_base64 !== 'string') {
		return errors(422, invalid('field required', { pointer: '/body/signature/image_base64' }));
	}
	return {
		status: 200,
		headers: { 'content-type': 'application/pdf' },
		body: loaPdf(
			enterprise.legal_name,
			agent?.legal_name as string | undefined,
			signature?.signer_name as string | undefined,
		),
	};
}

const path = /^\/enterprises\/([^/]+)\/reputation$/;

/**
 * PATCH …/reputation/webhook: the enterprise's one URL for number-ownership events, `null` to
 * stop them. The published reference shows no answer body, so none is sent. HTTPS only, as the
 * API asks; the sandbox also takes plain http on loopback, where n8n runs in the tests.
 */
function setOwnershipWebhook({ body }: RouteContext, enterprise: Enterprise): Reply {
	const object = objectBody(body);
	if (isEntry(object)) return errors(422, object);
	const problems = extraFields(object, ['webhook_url']);
	const url = object.webhook_url;
	if (url === undefined) problems.push(invalid('field required', { pointer: '/body/webhook_url' }));
	else if (url !== null && !isWebhookUrl(url)) {
		problems.push(invalid('must be an https URL, or null', { pointer: '/body/webhook_url' }));
	}
	if (problems.length) return errors(422, ...problems);
	enterprise.ownershipWebhookUrl = url as string | null;
	return { status: 200 };
}

function isWebhookUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return (
			url.protocol === 'https:' ||
			(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
		);
	} catch {
		return false;
	}
}

export const reputationSettingsRoutes: Route[] = [
	{
		method: 'GET',
		pattern: path,
		handle: onEnterprise((_context, enterprise) => settings(enterprise)),
	},
	{ method: 'POST', pattern: path, handle: onEnterprise(enable) },
	{ method: 'DELETE', pattern: path, handle: onEnterprise(disable) },
	{
		method: 'PATCH',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/frequency$/,
		handle: onEnterprise(updateFrequency),
	},
	{
		method: 'PATCH',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/loa$/,
		handle: onEnterprise(replaceLoa),
	},
	{
		method: 'POST',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/loa$/,
		handle: onEnterprise(generateLoa),
	},
	{
		method: 'PATCH',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/webhook$/,
		handle: onEnterprise(setOwnershipWebhook),
	},
	{
		method: 'POST',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/external_verification$/,
		handle: onEnterprise(submitOwnershipProof),
	},
	{
		method: 'GET',
		pattern: /^\/enterprises\/([^/]+)\/reputation\/external_verification$/,
		handle: onEnterprise(getOwnershipProof),
	},
];
