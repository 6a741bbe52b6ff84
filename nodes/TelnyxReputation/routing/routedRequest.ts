// The one place where n8n's declarative routing meets the transport: RoutingNode sends a
// declarative operation's request (`makeRoutingRequest`: the request, then its postReceive
// steps), here in its turn of the credential's pace and under the endpoint's retry policy, as
// every other request of the package. Its pagination hook is the only hook RoutingNode runs
// around the send (preSend and postReceive never see a request that got no answer).
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { answerHeadersOf } from '../../shared/transport/apiErrors';
import { sendPaced } from '../../shared/transport/pace';
import type { AttemptFailure, RetryPolicy } from '../../shared/transport/retries';
import { connectionErrorCode } from '../../shared/transport/retries';

/** A routed request's attempt, as the retry policy reads it, from what n8n or `answerChecks` threw. */
export function failureOfError(error: unknown): AttemptFailure | undefined {
	if (error === undefined) return undefined;
	const statusCode = Number((error as { httpCode?: unknown }).httpCode);
	const networkCode = connectionErrorCode(error);
	return {
		statusCode: Number.isInteger(statusCode) ? statusCode : undefined,
		networkCode: networkCode ?? (Number.isInteger(statusCode) ? undefined : 'UNKNOWN'),
		headers: answerHeadersOf(error),
	};
}

/** Sends a routed request and runs its postReceive steps, paced and retried under `policy`. */
export async function sendRouted(
	context: IExecutePaginationFunctions,
	policy: RetryPolicy,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await sendPaced(
		context,
		policy,
		async () => await context.makeRoutingRequest(requestData),
		(_result, error) => failureOfError(error),
	);
}
