import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as agree from './agree.operation';
import * as getStatus from './getStatus.operation';

const operations = [agree, getStatus];

export const termsOfService: Resource = {
	name: 'Terms of Service',
	value: 'termsOfService',
	operations,
	description: resourceDescription('termsOfService', operations, 'getStatus'),
};
