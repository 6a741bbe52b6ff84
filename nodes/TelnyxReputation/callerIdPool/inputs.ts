// What the pool's rules read from their input items: each kind of item the package's nodes give
// about a number, told apart by its fields.
import type { IDataObject } from 'n8n-workflow';

import { isSample } from '../../shared/samples';
import type { PoolRules, Reading } from './rules';

/** A number's reading from a list record: the API's (reputation_data) or Simplify's (flat). */
function readingOfRecord(json: IDataObject): Reading | undefined {
	if (typeof json.phone_number !== 'string') return undefined;
	const enterpriseId = (json.enterprise_id as string | null | undefined) ?? null;
	const changed = json.pool_change === 'changed';
	if ('reputation_data' in json) {
		const reputation = (json.reputation_data as IDataObject | null) ?? null;
		return { phoneNumber: json.phone_number, enterpriseId, reputation, changed };
	}
	if ('spam_risk' in json && 'last_refreshed_at' in json) {
		return { phoneNumber: json.phone_number, enterpriseId, reputation: json, changed };
	}
	return undefined;
}

/** A number event of the trigger (risk changed, score dropped, checked): its data now. */
const readingOfEvent = (json: IDataObject): Reading => ({
	phoneNumber: String(json.phone_number),
	enterpriseId: (json.enterprise_id as string | null) ?? null,
	reputation: { ...(json.current as IDataObject | null), last_refreshed_at: json.checked_at },
});

/**
 * What the rules made of the input: the numbers read, the items left alone, and List Pool
 * Changes' morning: the numbers it no longer lists, and whether it compared (its last item).
 */
export interface Applied {
	listed: Set<string>;
	samples: number;
	unknown: number;
	unlisted: Set<string>;
	compared: boolean;
	/** Its part of the morning (Max Numbers per Run): the morning's alerts go in the first. */
	part: number;
}

/** Gives each input item to the rule it is for. */
export function applyInputs(rules: PoolRules, inputs: IDataObject[]): Applied {
	const applied: Applied = {
		listed: new Set(),
		samples: 0,
		unknown: 0,
		unlisted: new Set(),
		compared: false,
		part: 1,
	};
	for (const json of inputs) {
		if (isSample(json)) {
			applied.samples++;
		} else if (json.pool_change === 'compared') {
			applied.compared = true;
			applied.part = typeof json.part === 'number' ? json.part : 1;
		} else if (json.pool_change === 'unlisted') {
			applied.unlisted.add(String(json.phone_number));
		} else if (json.event === 'remediationFinished') {
			rules.remediationFinished(json);
		} else if (typeof json.event === 'string' && 'current' in json) {
			rules.reading(readingOfEvent(json));
		} else if ('remediation_id' in json && 'billed_usd' in json) {
			rules.submitted(json);
		} else {
			const reading = readingOfRecord(json);
			if (!reading) {
				applied.unknown++;
				continue;
			}
			applied.listed.add(reading.phoneNumber);
			rules.reading(reading);
		}
	}
	return applied;
}
