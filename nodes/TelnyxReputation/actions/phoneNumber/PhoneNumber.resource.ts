import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getPoolSummary from './getPoolSummary.operation';
import * as refresh from './refresh.operation';
import * as register from './register.operation';
import * as remove from './remove.operation';
import * as sync from './sync.operation';

const operations = [get, getMany, getPoolSummary, refresh, register, remove, sync];

export const phoneNumber: Resource = {
	name: 'Phone Number',
	value: 'phoneNumber',
	operations,
	// A new node, and the form an AI agent fills in, open on a free read, not the billable Register.
	description: resourceDescription('phoneNumber', operations, 'get'),
};
