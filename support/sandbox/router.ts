import type { Reply } from './envelope';
import { errors, invalid, notFound } from './envelope';
import type { Enterprise, SandboxState } from './state';
import { UUID } from './validate';

export interface RouteContext {
	state: SandboxState;
	/** Path parameters, percent-decoded. */
	params: string[];
	query: URLSearchParams;
	body: unknown;
}

export interface Route {
	method: string;
	/** Matched against the raw (still encoded) path. */
	pattern: RegExp;
	handle: (context: RouteContext) => Reply | Promise<Reply>;
}

/**
 * Resolves the enterprise of the path, then hands over to the handler: 404 for an id never
 * seen or soft-deleted.
 */
export const onEnterprise =
	(handle: (context: RouteContext, enterprise: Enterprise) => Reply) =>
	(context: RouteContext): Reply => {
		const [enterpriseId] = context.params;
		if (!UUID.test(enterpriseId)) {
			return errors(422, invalid('must be a lowercase UUID', { parameter: 'enterprise_id' }));
		}
		const enterprise = context.state.enterprises.get(enterpriseId);
		return enterprise ? handle(context, enterprise) : notFound('Enterprise not found.');
	};
