// The node's Settings → Request Options (Proxy, Ignore SSL Issues, Timeout), which n8n adds to
// every declarative node and applies to its routed requests: read here the way n8n's routing
// reads them, so that the requests the package sends itself (the batched operations, their free
// reads, the pickers) go the same way. The triggers are not declarative and offer none.
import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from './credentials';

export interface NodeRequestOptions {
	proxy?: IHttpRequestOptions['proxy'];
	skipSslCertificateValidation?: boolean;
	/** Milliseconds, as n8n's Timeout option is. */
	timeout?: number;
}

const PARAMETER = 'requestOptions';

/** The Request Options as set on the node; none for a node that has no such setting. */
function parameterOf(context: RequestContext): IDataObject {
	if (!(PARAMETER in context.getNode().parameters)) return {};
	// The contexts differ in how they are asked for a parameter: per item (an execution), or
	// for the one item they run for (a routed request), or for the node (the editor's pickers).
	if ('getItemIndex' in context || 'getCurrentNodeParameter' in context)
		return context.getNodeParameter(PARAMETER, {}) as IDataObject;
	if ('getInputData' in context) return context.getNodeParameter(PARAMETER, 0, {}) as IDataObject;
	return {};
}

/** An HTTP proxy address (`http://user:password@host:port`) as n8n's request helpers take it. */
function parsedProxy(node: INode, address: string): IHttpRequestOptions['proxy'] {
	const url = URL.canParse(address.trim()) ? new URL(address.trim()) : undefined;
	const protocol = url?.protocol.replace(/:$/, '') ?? '';
	// As n8n's routing does for the node's other operations, a port is required. The value is
	// not quoted: it may hold the proxy's password.
	if (!url || !url.hostname || !url.port || !(protocol === 'http' || protocol === 'https'))
		throw new NodeOperationError(node, 'The proxy is not valid', {
			description:
				'Settings → Request Options → Proxy takes an address such as http://proxy.example.com:3128: http:// or https://, a host and a port (and user:password@ before the host when the proxy asks for them).',
		});
	return {
		host: url.hostname,
		port: Number(url.port),
		protocol,
		...(url.username
			? {
					auth: {
						username: decodeURIComponent(url.username),
						password: decodeURIComponent(url.password),
					},
				}
			: {}),
	};
}

/** The proxy as an error names it: its address, never its password. */
export function proxyLabel(proxy: IHttpRequestOptions['proxy']): string | undefined {
	if (!proxy) return undefined;
	return `${proxy.protocol ?? 'http'}://${proxy.host}:${proxy.port}`;
}

export function nodeRequestOptions(context: RequestContext): NodeRequestOptions {
	const { proxy, allowUnauthorizedCerts, timeout } = parameterOf(context);
	const node = context.getNode();
	return {
		...(typeof proxy === 'string' && proxy.trim() ? { proxy: parsedProxy(node, proxy) } : {}),
		...(allowUnauthorizedCerts === true ? { skipSslCertificateValidation: true } : {}),
		...(typeof timeout === 'number' && timeout > 0 ? { timeout } : {}),
	};
}
