import type { TriggerEvent } from './event';
import { remediationFinished } from './remediationFinished';
import { reputationChecked } from './reputationChecked';
import { scoreDropped } from './scoreDropped';
import { spamRiskChanged } from './spamRiskChanged';

/** Every event the trigger offers, in the order of its Trigger On dropdown (alphabetical). */
export const POLLED_EVENTS: TriggerEvent[] = [
	remediationFinished,
	reputationChecked,
	scoreDropped,
	spamRiskChanged,
];
