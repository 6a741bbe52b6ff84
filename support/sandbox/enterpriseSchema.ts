// The enterprise's fields as Telnyx's Enterprises reference and SDKs publish them (required
// fields, enums, limits): what POST /enterprises and PUT /enterprises/{id} check.
import type { ErrorEntry } from './envelope';
import { badRequest, invalid } from './envelope';
import type { Body } from './validate';

type Rule =
	| { type: 'string'; min?: number; max?: number; nullable?: boolean }
	| { type: 'enum'; values: string[] }
	| { type: 'object'; fields: Record<string, Rule>; required: string[] };

const INDUSTRIES = [
	'accounting',
	'finance',
	'billing',
	'collections',
	'business',
	'charity',
	'nonprofit',
	'communications',
	'telecom',
	'customer service',
	'support',
	'delivery',
	'shipping',
	'logistics',
	'education',
	'financial',
	'banking',
	'government',
	'public',
	'healthcare',
	'health',
	'pharmacy',
	'medical',
	'insurance',
	'legal',
	'law',
	'notifications',
	'scheduling',
	'real estate',
	'property',
	'retail',
	'ecommerce',
	'sales',
	'marketing',
	'software',
	'technology',
	'tech',
	'media',
	'surveys',
	'market research',
	'travel',
	'hospitality',
	'hotel',
];

const text = (max?: number, nullable = false): Rule => ({ type: 'string', min: 1, max, nullable });
const oneOf = (...values: string[]): Rule => ({ type: 'enum', values });

const address: Rule = {
	type: 'object',
	fields: {
		country: text(2),
		administrative_area: text(100),
		city: text(100),
		postal_code: text(20),
		street_address: text(255),
		extended_address: text(255, true),
	},
	required: ['country', 'administrative_area', 'city', 'postal_code', 'street_address'],
};

const contact = (withJobTitle: boolean): Rule => ({
	type: 'object',
	fields: {
		first_name: text(255),
		last_name: text(255),
		email: text(255),
		...(withJobTitle ? { job_title: text(255) } : {}),
		phone_number: text(20),
	},
	required: [
		'first_name',
		'last_name',
		'email',
		...(withJobTitle ? ['job_title'] : []),
		'phone_number',
	],
});

/** Every field PUT may change (EnterpriseUpdate), with its rule. */
export const UPDATE_RULES: Record<string, Rule> = {
	legal_name: { type: 'string', min: 3, max: 64 },
	doing_business_as: text(255),
	organization_legal_type: oneOf('corporation', 'llc', 'partnership', 'nonprofit', 'other'),
	jurisdiction_of_incorporation: text(),
	website: text(255),
	fein: text(20),
	industry: text(),
	number_of_employees: oneOf(
		'1-10',
		'11-50',
		'51-200',
		'201-500',
		'501-2000',
		'2001-10000',
		'10001+',
	),
	organization_contact: contact(true),
	billing_contact: contact(false),
	organization_physical_address: address,
	billing_address: address,
	customer_reference: text(255),
	corporate_registration_number: text(100, true),
	dun_bradstreet_number: text(20, true),
	primary_business_domain_sic_code: text(10, true),
	professional_license_number: text(100, true),
};

/** Fixed when the enterprise is created: PUT refuses them (400). */
export const FIXED_AT_CREATION: Record<string, Rule> = {
	organization_type: oneOf('commercial', 'government', 'non_profit'),
	country_code: { type: 'string', min: 2, max: 2 },
	role_type: oneOf('enterprise', 'bpo'),
};

/** Set by the server: PUT refuses them (400). */
export const SERVER_FIELDS = [
	'id',
	'record_type',
	'created_at',
	'updated_at',
	'number_reputation_enabled',
	'branded_calling_enabled',
	'bpo_verification_status',
	'bpo_verification_rejection_reason',
];

/** What PUT may not change once Number Reputation is enabled (400). */
export const LOCKED_ONCE_ENABLED = [
	'legal_name',
	'doing_business_as',
	'website',
	'fein',
	'industry',
	'number_of_employees',
	'organization_physical_address',
	'organization_contact',
	'dun_bradstreet_number',
];

export const CREATE_RULES = { ...UPDATE_RULES, ...FIXED_AT_CREATION };

export const CREATE_REQUIRED = [
	'legal_name',
	'doing_business_as',
	'organization_type',
	'organization_legal_type',
	'country_code',
	'jurisdiction_of_incorporation',
	'website',
	'fein',
	'industry',
	'number_of_employees',
	'organization_contact',
	'billing_contact',
	'organization_physical_address',
	'billing_address',
];

/** One value against its rule: the problems, each with its pointer. */
function checkValue(value: unknown, rule: Rule, pointer: string): ErrorEntry[] {
	if (rule.type === 'object') {
		if (typeof value !== 'object' || value === null || Array.isArray(value))
			return [invalid('must be an object', { pointer })];
		return checkFields(value as Body, rule.fields, rule.required, pointer);
	}
	if (rule.type === 'enum')
		return rule.values.includes(value as string)
			? []
			: [invalid(`must be one of ${rule.values.join(', ')}`, { pointer })];
	if (value === null && rule.nullable) return [];
	if (typeof value !== 'string') return [invalid('must be a string', { pointer })];
	if (value.length < (rule.min ?? 0))
		return [invalid(`must be at least ${rule.min} characters`, { pointer })];
	if (value.length > (rule.max ?? Infinity))
		return [invalid(`must be at most ${rule.max} characters`, { pointer })];
	return [];
}

/** The fields of `body` that have a rule, and the required ones that are missing. */
export function checkFields(
	body: Body,
	rules: Record<string, Rule>,
	required: string[],
	pointer = '/body',
): ErrorEntry[] {
	const missing = required
		.filter((field) => body[field] === undefined)
		.map((field) => invalid('field required', { pointer: `${pointer}/${field}` }));
	const wrong = Object.entries(body)
		.filter(([field]) => rules[field] !== undefined)
		.flatMap(([field, value]) => checkValue(value, rules[field], `${pointer}/${field}`));
	return [...missing, ...wrong];
}

/** The enterprises guide: an industry outside the closed list is a 400, not a 422. */
export function unknownIndustry(body: Body): ErrorEntry | undefined {
	const { industry } = body;
	if (typeof industry !== 'string' || INDUSTRIES.includes(industry.toLowerCase())) return undefined;
	return badRequest(`Unrecognized industry "${industry}".`, { pointer: '/body/industry' });
}
