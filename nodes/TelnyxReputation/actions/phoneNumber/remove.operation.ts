import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { itemOfWhatWasDone } from '../../routing/outputs';
import { optionalEnterpriseLocator } from '../../../shared/locators';
import { phoneNumberField } from '../common/fields';
import { numberOptions } from '../common/options';
import { ofItem } from '../../../shared/parameters/items';
import { readPhoneNumber } from '../../../shared/parameters/phoneNumbers';

/** Remove answers 204: the item says which number was removed. */
const removedNumber = itemOfWhatWasDone((context) => ({
	phone_number: readPhoneNumber(ofItem(context)),
	removed: true,
}));

export const option: INodePropertyOptions = {
	name: 'Remove',
	value: 'remove',
	description: 'Stop monitoring a number (it stays in your Telnyx inventory)',
	action: 'Remove a number from monitoring',
	routing: singleRequest({
		endpoint: ENDPOINTS['DELETE /reputation/numbers/{phoneNumber}'],
		output: [removedNumber],
	}),
};

const properties: INodeProperties[] = [
	optionalEnterpriseLocator,
	phoneNumberField,
	numberOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['remove'] } },
	properties,
);
