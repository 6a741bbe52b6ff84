import type { INodeProperties } from 'n8n-workflow';

/** The pool table's name in the examples and the README. */
export const DEFAULT_DIALER_POOL = 'caller_id_pool';

/**
 * Which pool the dialer trigger, Load Dialer and Apply Pool Rules share in this n8n process:
 * the name of its data table, so that two pools (an agency's clients) never mix.
 */
export const dialerPoolProperty: INodeProperties = {
	displayName: 'Dialer Pool',
	name: 'dialerPool',
	type: 'string',
	required: true,
	default: DEFAULT_DIALER_POOL,
	description:
		"The name of the pool's data table: the Caller ID Dialer Trigger, Load Dialer and Apply Pool Rules that name the same pool share it in this n8n process",
};
