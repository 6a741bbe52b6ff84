import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as agree from './agree.operation';
import * as getAgreement from './getAgreement.operation';
import * as getInfo from './getInfo.operation';
import * as getManyAgreements from './getManyAgreements.operation';
import * as getStatus from './getStatus.operation';

const operations = [agree, getAgreement, getInfo, getManyAgreements, getStatus];

export const termsOfService: Resource = {
	name: 'Terms of Service',
	value: 'termsOfService',
	operations,
	description: resourceDescription('termsOfService', operations, 'getStatus'),
};
