import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../../shared/api/endpoints';
import { singleRequest } from '../../routing/declarative';
import { itemOfWhatWasDone } from '../../routing/outputs';
import { enterpriseLocator } from '../../../shared/locators';
import { notice } from '../common/fields';
import { ofItem, readEnterpriseId } from '../../../shared/parameters/items';

/** Disable answers 204: the item says which enterprise. */
const disabledReputation = itemOfWhatWasDone((context) => ({
	enterprise_id: readEnterpriseId(ofItem(context)),
	disabled: true,
}));

export const option: INodePropertyOptions = {
	name: 'Disable',
	value: 'disable',
	description:
		'Turn off reputation monitoring; every monitored number of the enterprise is removed',
	action: 'Disable reputation monitoring',
	routing: singleRequest({
		endpoint: ENDPOINTS['DELETE /enterprises/{enterpriseId}/reputation'],
		output: [disabledReputation],
	}),
};

const properties: INodeProperties[] = [
	notice(
		'disableNotice',
		'Disabling removes every monitored number of this enterprise from reputation monitoring.',
	),
	enterpriseLocator,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reputationSettings'], operation: ['disable'] } },
	properties,
);
