import type {
	IDataObject,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

/** What one poll found, and what the trigger keeps for the next one. */
export interface PollResult {
	items: IDataObject[];
	next: IDataObject;
}

/**
 * One event the trigger watches for. The node derives its Trigger On options, the fields shown for
 * each event and its dispatch from the list in `index.ts`: adding an event is adding a file.
 */
export interface TriggerEvent {
	option: INodePropertyOptions;
	/** Its settings, shown only when it is picked (see `forEvent`). */
	fields: INodeProperties[];
	/**
	 * The events since what was `kept` and what to keep next. With nothing kept (the first poll
	 * after publishing, or another event or enterprise picked) it records a baseline and reports
	 * nothing.
	 */
	poll(context: IPollFunctions, enterpriseId: string, kept?: IDataObject): Promise<PollResult>;
	/**
	 * For Fetch Test Event when nothing changed: one item of the shape a real event has, that
	 * the picked settings would report, marked `sample: true` (with `sample_note` when it is
	 * not built on the account's own data).
	 */
	sample(context: IPollFunctions, enterpriseId: string): Promise<IDataObject>;
}

/** Shows an event's settings only when it is the picked event. */
export function forEvent(event: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({ ...field, displayOptions: { show: { event: [event] } } }));
}
