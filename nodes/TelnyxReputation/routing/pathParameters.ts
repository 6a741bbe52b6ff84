import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { ItemParameters } from '../../shared/itemParameters';
import { ofItem, readEnterpriseId, readRemediationId } from '../../shared/itemParameters';
import { buildPath } from '../../shared/paths';
import { checkUuid } from '../../shared/validators';
import { readPhoneNumber } from '../../shared/phoneNumberParameters';

/** How each `{name}` of a declarative operation's path is read and checked. */
const pathParameters = {
	enterpriseId: (item) => readEnterpriseId(item),
	remediationId: readRemediationId,
	phoneNumber: (item) => readPhoneNumber(item),
	agreementId: (item) =>
		checkUuid(
			item.node,
			item.get('agreementId', '', { extractValue: true }),
			'Agreement ID',
			item.itemIndex,
		),
} satisfies Record<string, (item: ItemParameters) => string>;

type PathName = keyof typeof pathParameters;

/** Whether every `{name}` of a path template has a reader above. */
type NamesRead<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
	? Name extends PathName
		? NamesRead<Rest>
		: false
	: true;

/**
 * A path template whose every `{name}` has a reader: a template with a new name does not
 * compile (it is `never`) until its reader is added to `pathParameters`.
 */
type ReadablePath<T extends string> = T & (NamesRead<T> extends true ? T : never);

function fill(context: IExecuteSingleFunctions, template: string): string {
	const item = ofItem(context);
	const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as PathName);
	return buildPath(
		template,
		Object.fromEntries(names.map((name) => [name, pathParameters[name](item)])),
	);
}

/**
 * A prepare step that sets the request path from a template such as
 * `/enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}`: every value is checked first
 * (nothing is sent when one is bad).
 */
export function resolvePath<T extends string>(template: ReadablePath<T>) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.url = fill(this, template);
		return requestOptions;
	};
}

/**
 * For operations where the enterprise is optional: `/enterprises/{enterpriseId}` + template
 * when one is picked, the account-wide template (the API's simplified endpoints) when not.
 */
export function resolveOptionalEnterprisePath<T extends string>(template: ReadablePath<T>) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const enterprise = readEnterpriseId(ofItem(this), true);
		requestOptions.url = fill(
			this,
			enterprise === '' ? template : `/enterprises/{enterpriseId}${template}`,
		);
		return requestOptions;
	};
}
