import type { IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

/**
 * A read run once per input item, its items paired to it; with Continue On Fail, a failure is
 * an item with `error` and `message` (the shape every n8n version routes to the error output).
 */
export async function perInputItem(
	context: IExecuteFunctions,
	read: (itemIndex: number) => Promise<INodeExecutionData['json'][]>,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			for (const json of await read(itemIndex)) output.push({ json, pairedItem });
		} catch (caught) {
			const error = caught as NodeOperationError;
			if (!context.continueOnFail()) throw error;
			const { message, description } = error;
			output.push({ json: { error: message, message: description ?? message }, pairedItem });
		}
	}
	return [output];
}
