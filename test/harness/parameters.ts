import type { INodeParameters } from 'n8n-workflow';

/** A resource locator value as the editor saves it for "By ID". */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** The node's parameters for one operation, as the editor saves them. */
export function operation(
	resource: string,
	name: string,
	fields: INodeParameters = {},
): INodeParameters {
	return { resource, operation: name, ...fields };
}
