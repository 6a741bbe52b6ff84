import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** A monitored number's reputation data as the API lists it (the field set may grow). */
export interface ReputationData {
	spam_risk?: string | null;
	maturity_score?: number | null;
	connection_score?: number | null;
	engagement_score?: number | null;
	sentiment_score?: number | null;
	last_refreshed_at?: string | null;
	[field: string]: unknown;
}

/** Reads the trigger's parameters. */
export type Settings = (name: string, fallback: unknown) => unknown;

/**
 * An event about a monitored number, found by comparing what was kept of each number at the
 * last poll with what the API lists now. What is kept is as small as the comparison allows,
 * so 10,000 numbers stay a few hundred kilobytes of static data.
 */
export interface NumberEvent {
	option: INodePropertyOptions;
	/** The event's settings, shown only when it is picked. */
	fields: INodeProperties[];
	/** What is kept of a number for the next poll. */
	keep(data: ReputationData | null): string;
	/** What was kept, as the item's `previous`. */
	previous(kept: string): IDataObject;
	/** Whether the change from what was kept to what the API lists now is reported. */
	isReported(kept: string, now: string, settings: Settings): boolean;
}

/** Shows the event's settings only when it is the picked event. */
export function forEvent(event: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({ ...field, displayOptions: { show: { event: [event] } } }));
}
