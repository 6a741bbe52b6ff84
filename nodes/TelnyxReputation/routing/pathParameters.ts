import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { ItemParameters } from '../../shared/parameters/items';
import { ofItem, readEnterpriseId, readRemediationId } from '../../shared/parameters/items';
import type { Endpoint } from '../../shared/api/endpoints';
import { scopedPath } from '../../shared/api/endpoints';
import { buildPath } from '../../shared/paths';
import { checkUuid } from '../../shared/parameters/validators';
import { readPhoneNumber } from '../../shared/parameters/phoneNumbers';

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
export type ReadablePath<T extends string> = T & (NamesRead<T> extends true ? T : never);

/** The endpoint's path for this item, every `{name}` read and checked (nothing is sent when one is bad). */
function itemPath(context: IExecuteSingleFunctions, endpoint: Endpoint): string {
	const item = ofItem(context);
	const template = scopedPath(
		endpoint,
		endpoint.enterpriseOptional ? readEnterpriseId(item, true) : '',
	);
	const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as PathName);
	return buildPath(
		template,
		Object.fromEntries(names.map((name) => [name, pathParameters[name](item)])),
	);
}

/**
 * A prepare step that sets the request path of `endpoint` (under the enterprise when one is
 * picked, for an endpoint the enterprise is optional for). The operations' endpoints are
 * checked to be readable where they are given (`singleRequest`, `pagedList`).
 */
export function endpointPath(endpoint: Endpoint) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.url = itemPath(this, endpoint);
		return requestOptions;
	};
}
