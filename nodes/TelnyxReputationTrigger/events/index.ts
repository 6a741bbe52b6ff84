import type { TriggerEvent } from './event';
import { remediationFinished } from './remediationFinished';
import { reputationChecked } from './reputationChecked';
import { scoreDropped } from './scoreDropped';
import { spamRiskChanged } from './spamRiskChanged';

/** Every event the trigger offers, in the order of its Event dropdown. */
export const EVENTS: TriggerEvent[] = [
	reputationChecked,
	remediationFinished,
	scoreDropped,
	spamRiskChanged,
];
