import { randomUUID } from 'node:crypto';

import { errors, invalid, notFound, page } from '../envelope';
import type { Route } from '../router';
import { TERMS_VERSION } from '../state';

const PRODUCTS = ['branded_calling', 'number_reputation'];

export const termsOfServiceRoutes: Route[] = [
	{
		method: 'POST',
		pattern: /^\/terms_of_service\/number_reputation\/agree$/,
		handle: ({ state }) => {
			state.termsAgreedAt ??= state.now();
			const agreement = {
				id: randomUUID(),
				product_type: 'number_reputation' as const,
				terms_version: TERMS_VERSION,
				version: TERMS_VERSION,
				agreed_at: state.termsAgreedAt,
				created_at: state.now(),
			};
			state.termsAgreements.push(agreement);
			return { status: 201, body: { data: agreement } };
		},
	},
	{
		method: 'GET',
		pattern: /^\/terms_of_service\/status$/,
		handle: ({ state, query }) => {
			// The API's default product is branded calling, not number reputation.
			const product = query.get('product_type') ?? 'branded_calling';
			if (!PRODUCTS.includes(product)) {
				return errors(
					422,
					invalid(`must be one of ${PRODUCTS.join(', ')}`, { parameter: 'product_type' }),
				);
			}
			const agreedAt = product === 'number_reputation' ? state.termsAgreedAt : null;
			return {
				status: 200,
				body: {
					data: {
						agreement_required: true,
						current_terms_version: TERMS_VERSION,
						has_agreed: agreedAt !== null,
						product_type: product,
						agreed_at: agreedAt,
						agreed_version: agreedAt ? TERMS_VERSION : null,
					},
				},
			};
		},
	},
	{
		method: 'GET',
		pattern: /^\/terms_of_service\/agreements$/,
		handle: ({ state, query }) => {
			const product = query.get('product_type');
			if (product !== null && !PRODUCTS.includes(product)) return wrongProduct();
			const agreements = state.termsAgreements.filter(
				(agreement) => !product || agreement.product_type === product,
			);
			return page(agreements, query, 20);
		},
	},
	{
		method: 'GET',
		pattern: /^\/terms_of_service\/agreements\/([^/]+)$/,
		handle: ({ state, params }) => {
			const agreement = state.termsAgreements.find((candidate) => candidate.id === params[0]);
			return agreement
				? { status: 200, body: { data: agreement } }
				: notFound('Agreement not found.');
		},
	},
	{
		method: 'GET',
		pattern: /^\/terms_of_service\/info$/,
		handle: ({ query }) => {
			const product = query.get('product_type');
			if (product !== null && !PRODUCTS.includes(product)) return wrongProduct();
			// Not wrapped in `data`, as the reference shows.
			const agreements = PRODUCTS.filter((candidate) => !product || candidate === product).map(
				(productType) => ({
					product_type: productType,
					current_version: TERMS_VERSION,
					terms_url: `https://telnyx.com/legal/${productType.replace('_', '-')}-terms`,
					effective_date: TERMS_VERSION,
					description:
						productType === 'number_reputation'
							? 'Number Reputation terms of service'
							: 'Branded Calling terms of service',
				}),
			);
			return { status: 200, body: { agreements } };
		},
	},
];

function wrongProduct() {
	return errors(
		422,
		invalid(`must be one of ${PRODUCTS.join(', ')}`, { parameter: 'product_type' }),
	);
}
