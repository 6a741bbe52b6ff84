import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as submit from './submit.operation';

const operations = [get, getMany, submit];

export const remediation: Resource = {
	name: 'Remediation',
	value: 'remediation',
	operations,
	description: resourceDescription('remediation', operations, 'getMany'),
};
