import type { INodeParameters } from 'n8n-workflow';

import { operation } from '../harness/parameters';

const address = {
	street_address: '100 Main St',
	city: 'Chicago',
	administrative_area: 'IL',
	postal_code: '60601',
	country: 'US',
};

/** Create's fields as the editor saves them for the contract's own example (Acme Plumbing LLC). */
export const ACME_FIELDS: INodeParameters = {
	legalName: 'Acme Plumbing LLC',
	doingBusinessAs: 'Acme Plumbing',
	organizationType: 'commercial',
	organizationLegalType: 'llc',
	countryCode: 'US',
	jurisdictionOfIncorporation: 'Delaware',
	website: 'https://acmeplumbing.example.com',
	fein: '12-3456789',
	industry: 'technology',
	numberOfEmployees: '51-200',
	organizationContact: {
		details: {
			first_name: 'Sam',
			last_name: 'Owner',
			email: 'sam@acmeplumbing.example.com',
			job_title: 'Compliance Lead',
			phone_number: '+1 (312) 555-0000',
		},
	},
	billingContact: {
		details: {
			first_name: 'Alex',
			last_name: 'Bill',
			email: 'billing@acmeplumbing.example.com',
			phone_number: '+13125550001',
		},
	},
	organizationAddress: { details: address },
	billingAddress: { details: address },
};

/** The body the contract shows for that example (reputation-api.yml, POST /enterprises). */
export const ACME_BODY = {
	legal_name: 'Acme Plumbing LLC',
	doing_business_as: 'Acme Plumbing',
	organization_type: 'commercial',
	organization_legal_type: 'llc',
	country_code: 'US',
	jurisdiction_of_incorporation: 'Delaware',
	website: 'https://acmeplumbing.example.com',
	fein: '12-3456789',
	industry: 'technology',
	number_of_employees: '51-200',
	organization_contact: {
		first_name: 'Sam',
		last_name: 'Owner',
		email: 'sam@acmeplumbing.example.com',
		job_title: 'Compliance Lead',
		phone_number: '+13125550000',
	},
	billing_contact: {
		first_name: 'Alex',
		last_name: 'Bill',
		email: 'billing@acmeplumbing.example.com',
		phone_number: '+13125550001',
	},
	organization_physical_address: address,
	billing_address: address,
};

/** The node's parameters for an Enterprise operation. */
export const enterprise = (name: string, fields: INodeParameters = {}) =>
	operation('enterprise', name, fields);
