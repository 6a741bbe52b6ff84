import { randomUUID } from 'node:crypto';

import { errors, invalid } from '../envelope';
import type { Route } from '../router';
import { TERMS_VERSION } from '../state';

const PRODUCTS = ['branded_calling', 'number_reputation'];

export const termsOfServiceRoutes: Route[] = [
	{
		method: 'POST',
		pattern: /^\/terms_of_service\/number_reputation\/agree$/,
		handle: ({ state }) => {
			state.termsAgreedAt ??= state.now();
			return {
				status: 201,
				body: {
					data: {
						id: randomUUID(),
						product_type: 'number_reputation',
						terms_version: TERMS_VERSION,
						agreed_at: state.termsAgreedAt,
					},
				},
			};
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
];
