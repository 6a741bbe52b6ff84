import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/** What an `<operation>.operation.ts` file exports. */
export interface Operation {
	option: INodePropertyOptions;
	/** The operation's fields, shown only for it. */
	description: INodeProperties[];
	/** Operations that must see all items at once (batched across items) run as custom operations. */
	execute?: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** What a `<Resource>.resource.ts` file exports: its operations, each in its own file, and its fields. */
export interface Resource {
	name: string;
	value: string;
	operations: Operation[];
	/** The Operation dropdown, then every operation's fields. */
	description: INodeProperties[];
}

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [],
	default: '',
};

/**
 * A resource's fields: its Operation dropdown, opening on `defaultOperation` (a free read,
 * never a billable operation), then every operation's fields.
 */
export function resourceDescription(
	resource: string,
	operations: Operation[],
	defaultOperation: string,
): INodeProperties[] {
	return [
		{
			...operationSelector,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map((operation) => operation.option),
			default: defaultOperation,
		},
		...operations.flatMap((operation) => operation.description),
	];
}

/** In the shape of n8n's `customOperations`: resource → operation → its `execute`. */
export function customOperations(resources: Resource[]) {
	return Object.fromEntries(
		resources.map((resource) => [
			resource.value,
			Object.fromEntries(
				resource.operations.flatMap(({ option, execute }) =>
					execute ? [[option.value, execute]] : [],
				),
			),
		]),
	);
}
