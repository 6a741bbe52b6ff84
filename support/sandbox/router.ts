import type { Reply } from './envelope';
import type { SandboxState } from './state';

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
