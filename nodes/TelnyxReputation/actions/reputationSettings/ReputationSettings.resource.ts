import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as generateLoa from './generateLoa.operation';
import * as get from './get.operation';
import * as replaceLoa from './replaceLoa.operation';
import * as updateFrequency from './updateFrequency.operation';
import * as uploadLoa from './uploadLoa.operation';

const operations = [disable, enable, generateLoa, get, replaceLoa, updateFrequency, uploadLoa];

export const reputationSettings: Resource = {
	name: 'Reputation Setting',
	value: 'reputationSettings',
	operations,
	description: resourceDescription('reputationSettings', operations, 'get'),
};
