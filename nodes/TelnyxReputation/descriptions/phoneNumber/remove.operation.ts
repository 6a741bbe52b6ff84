import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { handleErrors } from '../../helpers/errorHandler';
import { retrying } from '../../helpers/retry';
import { resolveOptionalEnterprisePath } from '../../helpers/paths';
import { removedNumber } from '../../helpers/responses';
import { optionalEnterpriseLocator } from '../common/enterprise';
import { numberOptions, phoneNumberField } from '../common/fields';

export const option: INodePropertyOptions = {
	name: 'Remove',
	value: 'remove',
	description: 'Stop monitoring a number (it stays in your Telnyx inventory)',
	action: 'Remove a phone number from reputation monitoring',
	routing: {
		request: { method: 'DELETE', ignoreHttpStatusErrors: true },
		send: { paginate: true, preSend: [resolveOptionalEnterprisePath('/reputation/numbers/{phoneNumber}')] },
		operations: { pagination: retrying('billable') },
		output: { postReceive: [handleErrors, removedNumber] },
	},
};

const properties: INodeProperties[] = [optionalEnterpriseLocator, phoneNumberField, numberOptions(false)];

export const description = updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['remove'] } }, properties);
