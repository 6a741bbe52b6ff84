import type { Resource } from '../resource';
import { resourceDescription } from '../resource';

import * as confirmNumber from './confirmNumber.operation';
import * as getProofStatus from './getProofStatus.operation';
import * as setWebhookUrl from './setWebhookUrl.operation';
import * as submitProof from './submitProof.operation';

const operations = [confirmNumber, getProofStatus, setWebhookUrl, submitProof];

export const ownership: Resource = {
	name: 'Number Ownership',
	value: 'ownership',
	operations,
	description: resourceDescription('ownership', operations, 'getProofStatus'),
};
