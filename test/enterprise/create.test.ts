import { errors, inUse } from '../../support/sandbox/envelope';
import { runNode } from '../../support/engine/runNode';
import { expectNoSecret } from '../harness/items';
import { useSandbox } from '../harness/useSandbox';
import { ACME_BODY, ACME_FIELDS, enterprise } from './params';

const api = useSandbox();

const create = (fields = {}) =>
	runNode({
		credential: api.credential,
		parameters: enterprise('create', { ...ACME_FIELDS, ...fields }),
	});

describe('Enterprise → Create', () => {
	test('sends every field of the contract and outputs the new enterprise, marked as created', async () => {
		const result = await create({
			additionalFields: { customerReference: 'crm-4711', roleType: 'enterprise' },
		});

		expect(result.error).toBeUndefined();
		const posts = api.sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts).toEqual([
			expect.objectContaining({
				path: '/enterprises',
				body: { ...ACME_BODY, role_type: 'enterprise', customer_reference: 'crm-4711' },
				status: 201,
			}),
		]);
		const [created] = [...api.sandbox.state.enterprises.values()];
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: created.id,
				legal_name: 'Acme Plumbing LLC',
				number_reputation_enabled: false,
				already_existed: false,
			}),
		]);
		expectNoSecret(result);
	});

	test('run again, it finds the enterprise by legal name and FEIN (free reads) and creates no twin', async () => {
		const first = await create();
		const before = api.sandbox.requests.length;

		// The FEIN as a CRM may hold it, without the dash; the name in another case.
		const again = await create({ legalName: 'ACME Plumbing LLC', fein: '123456789' });

		const second = api.sandbox.requests.slice(before);
		expect(second.map((request) => [request.method, request.path, request.query])).toEqual([
			[
				'GET',
				'/enterprises',
				expect.objectContaining({ 'filter[legal_name][contains]': 'ACME Plumbing LLC' }),
			],
		]);
		expect(api.sandbox.state.enterprises.size).toBe(1);
		expect(again.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: first.items[0].json.id, already_existed: true }),
		]);
	});

	test('another enterprise of the same name but another FEIN is not taken for it', async () => {
		api.sandbox.state.addEnterprise('Acme Plumbing LLC', { fein: '98-7654321' });

		const result = await create();

		expect(result.items[0].json).toMatchObject({ fein: '12-3456789', already_existed: false });
		expect(api.sandbox.state.enterprises.size).toBe(2);
	});

	test('a 409 (the enterprise made by another run meanwhile) is looked up again and returned as found', async () => {
		let made = '';
		api.sandbox.injectReply(
			() => {
				made = api.sandbox.state.addEnterprise('Acme Plumbing LLC', {
					fein: '12-3456789',
					reputation: 'none',
				}).id;
				return errors(
					409,
					inUse('An enterprise with the same legal name and FEIN already exists.'),
				);
			},
			1,
			{ method: 'POST' },
		);

		const result = await create();

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: made, already_existed: true }),
		]);
		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET']);
	});

	test('a lost answer to the POST (Telnyx made it, the answer never came) is looked up: one enterprise, returned as created', async () => {
		api.sandbox.injectReply({ loseAnswer: 'reset' }, 1, { method: 'POST' });

		const result = await create();

		expect(result.error).toBeUndefined();
		const [made] = [...api.sandbox.state.enterprises.values()];
		expect(api.sandbox.state.enterprises.size).toBe(1);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: made.id, already_existed: false }),
		]);
		expect(api.sandbox.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET']);
	});

	test.each([
		[
			'a required field mapped from a column the row lacks',
			{ legalName: '={{ $json.company }}' },
			'Legal Name is required',
		],
		[
			'a legal name too short',
			{ legalName: 'AB' },
			'Legal Name is 2 characters long: Telnyx takes 3 to 64',
		],
		[
			'an industry from an expression that is not in the list',
			{ industry: 'plumbing' },
			'Industry "plumbing" is not one Telnyx takes',
		],
		[
			'a contact whose email is mapped from an empty column',
			{
				organizationContact: {
					details: {
						...(ACME_FIELDS.organizationContact as { details: object }).details,
						email: '={{ $json.email }}',
					},
				},
			},
			'Organization Contact → Email is required',
		],
		[
			'a contact phone number without its country code',
			{
				billingContact: {
					details: {
						...(ACME_FIELDS.billingContact as { details: object }).details,
						phone_number: '312 555 0001',
					},
				},
			},
			'Billing Contact → Phone Number "312 555 0001" is not a phone number in international format',
		],
		['no billing address', { billingAddress: {} }, 'Billing Address is required'],
	])('%s is refused before anything is sent, the field named', async (_, fields, message) => {
		const result = await create(fields);

		expect(result.error?.message).toBe(message);
		expect(api.sandbox.requests).toEqual([]);
	});

	test("the API's own refusal reads in its words: an industry the API does not know (400)", async () => {
		api.sandbox.injectReply(
			{
				status: 400,
				body: {
					errors: [
						{
							code: '10015',
							title: 'Bad Request',
							detail: 'Unrecognized industry "technology".',
							meta: { url: 'https://developers.telnyx.com/docs/overview/errors/10015' },
						},
					],
				},
			},
			1,
			{ method: 'POST' },
		);

		const result = await create();

		expect(result.error?.message).toBe('Bad Request: Unrecognized industry "technology".');
		expect(api.sandbox.state.enterprises.size).toBe(0);
	});
});
