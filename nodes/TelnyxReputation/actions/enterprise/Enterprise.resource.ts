import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

const operations = [create, del, get, getMany, update];

export const enterprise: Resource = {
	name: 'Enterprise',
	value: 'enterprise',
	operations,
	description: resourceDescription('enterprise', operations, 'getMany'),
};
