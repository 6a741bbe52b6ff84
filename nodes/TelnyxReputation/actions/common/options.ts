// The Options of the operations that send phone numbers (read by pipeline/send.ts; the
// Default Country is read with the number it reads, in shared/parameters/phoneNumbers.ts).
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_COUNTRY } from '../../../shared/phoneNumbers';
import { DEFAULT_CONCURRENCY } from '../../pipeline/send';

const DEFAULT_TIMEOUT_SECONDS = 60;

/**
 * One definition for every operation that reads numbers, a two-letter code as Generate LOA's
 * Country Code is: a 245-entry dropdown for a value that is US for every number the API takes.
 */
export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'string',
	default: DEFAULT_COUNTRY,
	placeholder: 'e.g. US',
	description:
		'Country used to read numbers written without a country code, such as (949) 325-3498',
	hint: 'A two-letter country code, such as US. Telnyx monitors US numbers only.',
};

const concurrencyOption: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many requests may be in flight at once',
};

const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'How long to wait for each answer (without this option: Settings → Request Options → Timeout, else 60 seconds). A request that times out is not sent again: it may have been processed.',
};

const retryWithoutRefusedOption: INodeProperties = {
	displayName: 'Retry Without Refused Numbers',
	name: 'retryWithoutRefused',
	type: 'boolean',
	default: false,
	description:
		'Whether to send a request again without the numbers the API refused. The API refuses a whole request for one bad number; a refused request is not processed, so this bills nothing twice.',
};

// Concurrency, timeout and retry live here, in the collapsed Options, not in n8n's node settings:
// its Retry On Fail would send a billable request again, and it has no timeout or concurrency.
function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Options of an operation on one number at a time: Default Country, then its own. */
export function numberOptions(own: INodeProperties[] = []): INodeProperties {
	return optionsCollection([defaultCountryOption, ...own]);
}

/** Options of an operation that sends the numbers of all items together, then its own. */
export function batchedNumberOptions(own: INodeProperties[] = []): INodeProperties {
	return optionsCollection([
		defaultCountryOption,
		concurrencyOption,
		retryWithoutRefusedOption,
		timeoutOption,
		...own,
	]);
}
