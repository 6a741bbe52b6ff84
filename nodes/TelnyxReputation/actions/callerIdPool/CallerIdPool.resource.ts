import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as applyRules from './applyRules.operation';
import * as listChanges from './listChanges.operation';
import * as loadDialer from './loadDialer.operation';
import * as pick from './pick.operation';

const operations = [applyRules, listChanges, loadDialer, pick];

/** The caller-ID pool a team dials from (n8n's data table caller_id_pool holds its rows). */
export const callerIdPool: Resource = {
	name: 'Caller ID Pool',
	value: 'callerIdPool',
	operations,
	description: resourceDescription('callerIdPool', operations, 'pick'),
};
