import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as refresh from './refresh.operation';
import * as register from './register.operation';
import * as remove from './remove.operation';

const operations = [get, getMany, refresh, register, remove];

export const phoneNumber: Resource = {
	name: 'Phone Number',
	value: 'phoneNumber',
	operations,
	// A new node, and the form an AI agent fills in, open on a free read, not the billable Register.
	description: resourceDescription('phoneNumber', operations, 'get'),
};
