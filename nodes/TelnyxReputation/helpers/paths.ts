import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { checkCountry, checkPhoneNumber, checkUuid } from './validators';

type PathParameter = (context: IExecuteSingleFunctions) => string;

/** A one-number parameter in E.164, read with the Default Country option; throws when it is not a number. */
export function readPhoneNumber(context: IExecuteSingleFunctions, parameterName: string): string {
	const country = checkCountry(context.getNode(), context.getNodeParameter('options.defaultCountry', 'US'));
	return checkPhoneNumber(context.getNode(), context.getNodeParameter(parameterName, ''), country);
}

/** How each `{name}` of a path template is read and checked. */
export const pathParameters: Record<string, PathParameter> = {
	enterpriseId: (context) =>
		checkUuid(context.getNode(), context.getNodeParameter('enterpriseId', '', { extractValue: true }), 'Enterprise ID'),
	remediationId: (context) =>
		checkUuid(context.getNode(), context.getNodeParameter('remediationId', '', { extractValue: true }), 'Remediation ID'),
	phoneNumber: (context) => readPhoneNumber(context, 'phoneNumber'),
};

function fill(context: IExecuteSingleFunctions, template: string): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParameters[name](context)));
}

/**
 * A preSend step that sets the request path from a template such as
 * `/enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}`: every value is checked first
 * (nothing is sent when one is bad) and sent as one encoded segment, so `+` travels as `%2B`.
 */
export function resolvePath(template: string) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.url = fill(this, template);
		return requestOptions;
	};
}

/**
 * For operations where the enterprise is optional: `/enterprises/{enterpriseId}` + template
 * when one is picked, the account-wide template (the API's simplified endpoints) when not.
 */
export function resolveOptionalEnterprisePath(template: string) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const enterprise = this.getNodeParameter('enterpriseId', '', { extractValue: true });
		requestOptions.url = fill(this, enterprise === '' ? template : `/enterprises/{enterpriseId}${template}`);
		return requestOptions;
	};
}
