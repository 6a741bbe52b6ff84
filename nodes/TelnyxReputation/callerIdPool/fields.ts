// Fields the Caller ID Pool operations and the Caller ID Dialer Trigger share.
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

/** The cap the dialer's pick keeps to, in the trigger and in Pick Caller ID alike. */
export const dailyCapProperty: INodeProperties = {
	displayName: 'Daily Cap per Number',
	name: 'dailyCap',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 100,
	description:
		"The most calls a caller ID makes a day (in the workflow's time zone). 75 to 100 is the common rule; carriers start flagging around 150 to 200.",
};
