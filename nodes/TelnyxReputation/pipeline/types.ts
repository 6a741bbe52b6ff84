// What the batched operations (Register, Sync, Refresh, Submit) pass from step to step:
// collecting the numbers of all items, sending them in batches, and reporting each one.
import type {
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { TelnyxErrorEntry } from '../../shared/transport/answer';

/** One value an input item gave for a number; `order` is its place among all values given. */
export interface NumberSource {
	item: number;
	input: unknown;
	order: number;
	/** The extension it was written with, which the API does not take. */
	extension?: string;
	/**
	 * The value is no one input row's: the node's own list (Phone Numbers without an
	 * expression, the same on every item), or a number only Telnyx's list had (Sync).
	 */
	ofNoRow?: boolean;
}

/** A distinct number for one enterprise, with every value of every input item that gave it. */
export interface NumberEntry {
	e164: string;
	sources: NumberSource[];
}

/** Numbers that can travel in the same requests: one enterprise, the same other body fields. */
export interface NumberGroup {
	enterpriseId: string;
	fields: IDataObject;
	/** E.164 → entry; insertion order is input order. */
	numbers: Map<string, NumberEntry>;
}

/**
 * How a number that was not (or may not have been) processed is reported:
 * `invalid` never sent (not a number the API can take), `refused` the API named this number
 * as the problem, `failed` the request carrying it failed for another reason and was not
 * processed, `unknown` the answer never came (or came unreadable, or as a 5xx): Telnyx may
 * have processed, and billed, it; `over_budget` never sent: it would take the enterprise's
 * monthly cost over the Monthly Budget (monthlyCost.ts).
 */
export type FailureStatus = 'invalid' | 'refused' | 'failed' | 'unknown' | 'over_budget';

export interface Failure {
	status: FailureStatus;
	phoneNumber: string | null;
	sources: NumberSource[];
	/** What n8n routes to the error output, and what stops the node in Stop mode. */
	error: NodeApiError | NodeOperationError;
	/** The one sentence a user reads first: this number's own reason. */
	message: string;
	/** This number's details: its own error entries, where it happened, what to do. */
	description?: string;
	entries?: TelnyxErrorEntry[];
}

/** An output item and its place among the values the user gave, to keep input order. */
export interface OrderedItem {
	order: number;
	item: INodeExecutionData;
}

export interface Batch {
	enterpriseId: string;
	fields: IDataObject;
	entries: NumberEntry[];
	/** "request 2 of 3 (100 numbers for enterprise …)", for messages. */
	label: string;
}

export interface BatchOutcome {
	succeeded: OrderedItem[];
	/** One per number that was not processed. */
	failures: Failure[];
	error?: NodeApiError;
	/** After a refusal that named some of the numbers: the others, which were not processed. */
	notNamed?: NumberEntry[];
}

/** What a run sent: its batches, and each batch's outcome (undefined: not sent after a failure). */
export interface SentBatches {
	batches: Batch[];
	outcomes: Array<BatchOutcome | undefined>;
	/** In Stop mode, the outcome of the first request that failed, as they finished: it ended the run. */
	end?: BatchOutcome;
}
