// How a batched run sends its requests, read once from the operation's Options
// (actions/common/options.ts).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export const DEFAULT_CONCURRENCY = 3;

/** How a batched run sends its requests: options that are not per item, read once. */
export interface SendOptions {
	concurrency: number;
	retryWithoutRefused: boolean;
	/** Set only when the operation's Timeout is: else the node's Request Options → Timeout applies. */
	timeoutMs?: number;
}

export function readSendOptions(context: IExecuteFunctions): SendOptions {
	const { timeout } = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		concurrency: context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number,
		retryWithoutRefused: context.getNodeParameter(
			'options.retryWithoutRefused',
			0,
			false,
		) as boolean,
		...(typeof timeout === 'number' ? { timeoutMs: timeout * 1000 } : {}),
	};
}
