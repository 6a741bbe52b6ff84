import type { Reply } from '../envelope';
import { page } from '../envelope';
import type { Route } from '../router';

/** GET /enterprises: the account's enterprises, filtered by legal name. */
export const enterpriseRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/enterprises$/,
		handle: ({ state, query }): Reply => {
			const contains = query.get('filter[legal_name][contains]')?.toLowerCase();
			const all = [...state.enterprises.values()]
				.filter((e) => !contains || e.legal_name.toLowerCase().includes(contains))
				.map(({ reputation, ...enterprise }) => ({
					...enterprise,
					number_reputation_enabled: reputation !== undefined,
					branded_calling_enabled: false,
				}));
			return page(all, query, 20);
		},
	},
];
