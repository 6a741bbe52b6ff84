// The enterprise's fields as Telnyx's Enterprises API publishes them (EnterpriseCreate,
// EnterpriseUpdate): each once, with its API name and limits, for Create and Update alike.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export interface EnterpriseField {
	apiName: string;
	property: INodeProperties;
	/** Create cannot do without it. */
	required?: boolean;
	min?: number;
	max?: number;
	/** Set once, at Create: Update does not offer it. */
	fixedAtCreation?: boolean;
	/** Telnyx refuses to change it once Number Reputation is enabled on the enterprise. */
	lockedOnceEnabled?: boolean;
}

/** A part of a contact or an address: its API name is its parameter name, as Generate LOA's agent. */
export interface PartField {
	property: INodeProperties;
	required: boolean;
	max: number;
	/** A phone number in international format, or an email address. */
	format?: 'phone' | 'email';
}

const COUNTRIES: INodePropertyOptions[] = [
	{ name: 'Canada', value: 'CA' },
	{ name: 'United States', value: 'US' },
];

export const ROLE_TYPES: INodePropertyOptions[] = [
	{
		name: 'BPO (Call Center)',
		value: 'bpo',
		description: 'A call center calling on behalf of other enterprises',
	},
	{ name: 'Enterprise', value: 'enterprise', description: 'Calls show its own brand' },
];

const INDUSTRIES = [
	'accounting',
	'banking',
	'billing',
	'business',
	'charity',
	'collections',
	'communications',
	'customer service',
	'delivery',
	'ecommerce',
	'education',
	'finance',
	'financial',
	'government',
	'health',
	'healthcare',
	'hospitality',
	'hotel',
	'insurance',
	'law',
	'legal',
	'logistics',
	'market research',
	'marketing',
	'media',
	'medical',
	'nonprofit',
	'notifications',
	'pharmacy',
	'property',
	'public',
	'real estate',
	'retail',
	'sales',
	'scheduling',
	'shipping',
	'software',
	'support',
	'surveys',
	'tech',
	'technology',
	'telecom',
	'travel',
];

const titleCase = (value: string) => value.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());

const text = (
	displayName: string,
	name: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({ displayName, name, type: 'string', default: '', ...extra });

const options = (
	displayName: string,
	name: string,
	list: INodePropertyOptions[],
	extra: Partial<INodeProperties> = {},
): INodeProperties => {
	const [{ value }] = list;
	return { displayName, name, type: 'options', options: list, default: value, ...extra };
};

const part = (
	displayName: string,
	name: string,
	max: number,
	extra: Partial<PartField> & { placeholder?: string } = {},
): PartField => ({
	property: text(displayName, name, { placeholder: extra.placeholder }),
	required: extra.required ?? true,
	max,
	format: extra.format,
});

// In an address's order, not alphabetical: a fixed collection's fields are one form, all shown.
const ADDRESS_PARTS: PartField[] = [
	part('Street Address', 'street_address', 255, { placeholder: 'e.g. 100 Main St' }),
	part('Extended Address', 'extended_address', 255, {
		required: false,
		placeholder: 'e.g. Suite 400',
	}),
	part('City', 'city', 100, { placeholder: 'e.g. Chicago' }),
	part('State or Province', 'administrative_area', 100, { placeholder: 'e.g. IL' }),
	part('Postal Code', 'postal_code', 20, { placeholder: 'e.g. 60601' }),
	{
		property: options('Country', 'country', COUNTRIES, { default: 'US' }),
		required: true,
		max: 2,
	},
];

function contactParts(withJobTitle: boolean): PartField[] {
	return [
		part('First Name', 'first_name', 255),
		part('Last Name', 'last_name', 255),
		part('Email', 'email', 255, { format: 'email', placeholder: 'e.g. name@email.com' }),
		...(withJobTitle ? [part('Job Title', 'job_title', 255)] : []),
		part('Phone Number', 'phone_number', 20, {
			format: 'phone',
			placeholder: 'e.g. +13125550000',
		}),
	];
}

/** The parts of each fixed collection, by its parameter name. */
export const PARTS: Record<string, PartField[]> = {
	organizationContact: contactParts(true),
	billingContact: contactParts(false),
	organizationAddress: ADDRESS_PARTS,
	billingAddress: ADDRESS_PARTS,
};

/** A contact or an address: one group of fields, each part required as the API requires it. */
function group(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		description,
		options: [
			{
				displayName,
				name: 'details',
				values: PARTS[name].map(({ property, required }) => ({ ...property, required })),
			},
		],
	};
}

/** Every field of an enterprise, in the order Create shows the required ones. */
export const ENTERPRISE_FIELDS: EnterpriseField[] = [
	{
		apiName: 'legal_name',
		property: text('Legal Name', 'legalName', {
			placeholder: 'e.g. Acme Plumbing LLC',
			description: 'As on the incorporation or tax documents (3 to 64 characters)',
		}),
		required: true,
		min: 3,
		max: 64,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'doing_business_as',
		property: text('Doing Business As', 'doingBusinessAs', {
			placeholder: 'e.g. Acme Plumbing',
			description: 'The name the business trades under',
		}),
		required: true,
		max: 255,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'organization_type',
		property: options('Organization Type', 'organizationType', [
			{ name: 'Commercial', value: 'commercial', description: 'For-profit (most callers)' },
			{ name: 'Government', value: 'government', description: 'A government body' },
			{
				name: 'Non-Profit',
				value: 'non_profit',
				description: 'A registered 501(c)(3) or equivalent',
			},
		]),
		required: true,
		fixedAtCreation: true,
	},
	{
		apiName: 'organization_legal_type',
		property: options('Organization Legal Type', 'organizationLegalType', [
			{ name: 'Corporation', value: 'corporation', description: 'A C- or S-corporation' },
			{ name: 'LLC', value: 'llc', description: 'A limited liability company' },
			{ name: 'Nonprofit', value: 'nonprofit' },
			{
				name: 'Other',
				value: 'other',
				description:
					'Sole proprietorships, government bodies and others (vetting may ask for more documents)',
			},
			{ name: 'Partnership', value: 'partnership' },
		]),
		required: true,
	},
	{
		apiName: 'country_code',
		property: options('Country', 'countryCode', COUNTRIES, {
			default: 'US',
			description:
				'Where the enterprise is registered. Number Reputation monitors US numbers only.',
		}),
		required: true,
		fixedAtCreation: true,
	},
	{
		apiName: 'jurisdiction_of_incorporation',
		property: text('Jurisdiction of Incorporation', 'jurisdictionOfIncorporation', {
			placeholder: 'e.g. Delaware',
			description: 'The state, province or country the enterprise is incorporated in',
		}),
		required: true,
	},
	{
		apiName: 'website',
		property: text('Website', 'website', { placeholder: 'e.g. https://acmeplumbing.example.com' }),
		required: true,
		max: 255,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'fein',
		property: text('FEIN', 'fein', {
			placeholder: 'e.g. 12-3456789',
			description:
				'Federal Employer Identification Number: the US EIN (NN-NNNNNNN or 9 digits), or the Canadian equivalent',
		}),
		required: true,
		max: 20,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'industry',
		property: options(
			'Industry',
			'industry',
			INDUSTRIES.map((value) => ({ name: titleCase(value), value })),
			{ default: 'technology' },
		),
		required: true,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'number_of_employees',
		// In size order, not alphabetical: ranges read smallest first.
		property: options(
			'Number of Employees',
			'numberOfEmployees',
			['1-10', '11-50', '51-200', '201-500', '501-2000', '2001-10000', '10001+'].map((value) => ({
				name: value,
				value,
			})),
		),
		required: true,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'organization_contact',
		property: group('Organization Contact', 'organizationContact', 'The main contact for vetting'),
		required: true,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'billing_contact',
		property: group('Billing Contact', 'billingContact', 'Who receives the invoices'),
		required: true,
	},
	{
		apiName: 'organization_physical_address',
		property: group('Organization Address', 'organizationAddress', 'Where the enterprise is'),
		required: true,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'billing_address',
		property: group('Billing Address', 'billingAddress', 'Where invoices go'),
		required: true,
	},
	{
		apiName: 'role_type',
		property: options('Role Type', 'roleType', ROLE_TYPES, { default: 'enterprise' }),
		fixedAtCreation: true,
	},
	{
		apiName: 'customer_reference',
		property: text('Customer Reference', 'customerReference', {
			description: 'Your own label for the enterprise; not used in vetting',
		}),
		max: 255,
	},
	{
		apiName: 'corporate_registration_number',
		property: text('Corporate Registration Number', 'corporateRegistrationNumber'),
		max: 100,
	},
	{
		apiName: 'dun_bradstreet_number',
		property: text('D-U-N-S Number', 'dunBradstreetNumber', {
			placeholder: 'e.g. 150483782',
			description: 'The 9-digit Dun & Bradstreet number',
		}),
		max: 20,
		lockedOnceEnabled: true,
	},
	{
		apiName: 'primary_business_domain_sic_code',
		property: text('SIC Code', 'sicCode', {
			placeholder: 'e.g. 7372',
			description: 'The 4-digit Standard Industrial Classification code of the main business',
		}),
		max: 10,
	},
	{
		apiName: 'professional_license_number',
		property: text('Professional License Number', 'professionalLicenseNumber', {
			description: 'For regulated industries',
		}),
		max: 100,
	},
];

/** A collection's fields in alphabetical order, as n8n shows optional fields. */
export const byDisplayName = (properties: INodeProperties[]) =>
	[...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
