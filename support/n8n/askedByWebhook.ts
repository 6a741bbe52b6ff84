// A schedule trigger turned into a webhook of the same name (the rules ask whether it started
// the run): a test or a bench asks for the run when it wants it, the run is a production one
// (its static data kept), and the answer comes at its end.
export function askedByWebhook(node: object | undefined, path: string, webhookId: string): void {
	Object.assign(node ?? {}, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'noData',
			options: {},
		},
	});
}
