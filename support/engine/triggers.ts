// The trigger nodes run the way n8n runs them, through n8n-core's own contexts: polls against
// one workflow that keeps its static data between them, as an active workflow does; the
// webhook lifecycle (activation, deactivation); and deliveries over real HTTP to the node's
// webhook function.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Credential } from './runNode';
import { additionalData } from './runNode';
import { nodeTypes, POLL_TRIGGER_TYPE, WEBHOOK_TRIGGER_TYPE } from './nodeTypes';

function triggerWorkflow(type: string, parameters: INodeParameters, typeVersion = 1) {
	const node: INode = {
		id: 'trigger',
		name: 'Trigger',
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: {
			telnyxReputationApi: { id: '1', name: 'Telnyx sandbox' },
			telnyxCallerIdDialerApi: { id: '2', name: 'Dialer secret' },
		},
	};
	const workflow = new Workflow({
		id: 'trigger-test',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes([]),
		active: true,
	});
	return { node, workflow, type: workflow.nodeTypes.getByName(type) as INodeType };
}

/** The polling trigger of one active workflow: each `poll()` is one tick of n8n's poll timer. */
export class PollingTrigger {
	private readonly parts = triggerWorkflow(POLL_TRIGGER_TYPE, this.parameters);
	private readonly data = additionalData(this.credential);
	/** As n8n polls (1.x, and 2.x in its own process): with one context per activation, again and again. */
	private readonly contexts = new Map<string, PollContext>();

	constructor(
		private readonly credential: Credential,
		private readonly parameters: INodeParameters,
	) {}

	/** The credential saved again, as a user does in n8n's editor (a key corrected or rotated). */
	async saveCredential(changes: Partial<Credential>): Promise<void> {
		const [[type, details]] = Object.entries(this.parts.node.credentials ?? {});
		await this.data.credentialsHelper.updateCredentials(details, type, {
			...this.credential,
			...changes,
		});
	}

	/**
	 * `manual` is the editor's Fetch Test Event. `budgetMs` is what n8n 2.38 and later give a
	 * poll before abandoning it (`getPollBudgetMs`); without it, n8n-core's default.
	 */
	async poll(
		mode: 'trigger' | 'manual' = 'trigger',
		budgetMs?: number,
	): Promise<INodeExecutionData[][] | null> {
		const { workflow, node, type } = this.parts;
		const key = `${mode} ${budgetMs}`;
		let context = this.contexts.get(key);
		if (!context) {
			context = new PollContext(
				workflow,
				node,
				this.data,
				mode,
				'activate',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				budgetMs === undefined ? undefined : () => budgetMs,
			);
			this.contexts.set(key, context);
		}
		return await type.poll!.call(context);
	}

	/** What the trigger keeps between polls (the workflow's static data of this node). */
	get staticData(): IDataObject {
		return this.parts.workflow.getStaticData('node', this.parts.node);
	}
}

/** What a webhook delivery did: the HTTP answer, and the execution it started, if any. */
export interface Delivery {
	status: number;
	started?: INodeExecutionData[];
}

/**
 * The webhook trigger of one workflow, served on 127.0.0.1: `activate()` and `deactivate()`
 * run the node's lifecycle hooks as n8n does; each request to `url` goes to the node's webhook
 * function with its raw body, as n8n's webhook server hands it over.
 */
export class WebhookTrigger {
	private readonly parts = triggerWorkflow(this.type, this.parameters, this.typeVersion);
	private server?: Server;
	readonly deliveries: Delivery[] = [];
	url = '';

	constructor(
		private readonly credential: Credential,
		private readonly parameters: INodeParameters,
		private readonly type = WEBHOOK_TRIGGER_TYPE,
		private readonly typeVersion = 1,
	) {}

	private webhookData(isTest = false): IWebhookData {
		const { workflow, node, type } = this.parts;
		const [description] = type.description.webhooks!;
		return {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.data(),
			isTest,
		} as IWebhookData;
	}

	private data(overrides = {}) {
		return additionalData(this.credential, {
			webhookBaseUrl: `${this.url}/webhook`,
			webhookTestBaseUrl: `${this.url}/webhook-test`,
			...overrides,
		});
	}

	async start(): Promise<void> {
		this.server = createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private hook(
		method: 'checkExists' | 'create' | 'delete',
		mode: 'trigger' | 'manual' | 'internal',
		activation: 'activate' | 'manual' | 'update',
		isTest = false,
	) {
		const { workflow, node, type } = this.parts;
		const context = new HookContext(
			workflow,
			node,
			this.data(),
			mode,
			activation,
			this.webhookData(isTest),
		);
		return type.webhookMethods!.default![method]!.call(context);
	}

	/** As n8n does on activation (publishing): create the registration unless it exists. */
	async activate(): Promise<void> {
		if (!(await this.hook('checkExists', 'trigger', 'activate')))
			await this.hook('create', 'trigger', 'activate');
	}

	/** As n8n does on deactivation (unpublishing). */
	async deactivate(): Promise<void> {
		await this.hook('delete', 'internal', 'update');
	}

	/** The editor's "Listen for test event", as n8n's test webhooks run it. */
	async listenForTestEvent(): Promise<void> {
		if (!(await this.hook('checkExists', 'manual', 'manual', true)))
			await this.hook('create', 'manual', 'manual', true);
	}

	/** The end of a test listen (stopped, timed out, or an event received), as n8n runs it. */
	async stopListening(): Promise<void> {
		await this.hook('delete', 'internal', 'update', true);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		// What n8n's webhook server hands a node: the parsed body and the bytes as received.
		const query = Object.fromEntries(new URL(request.url ?? '/', this.url).searchParams);
		const req = Object.assign(request, { rawBody, body: safeJson(rawBody), query, params: {} });
		// The two methods of Express's response the node uses.
		interface ExpressLike extends ServerResponse {
			status(code: number): ExpressLike;
			json(body: unknown): void;
		}
		const res = response as ExpressLike;
		res.status = (code: number) => {
			res.statusCode = code;
			return res;
		};
		res.json = (body: unknown) =>
			void res.setHeader('content-type', 'application/json').end(JSON.stringify(body));
		const { workflow, node, type } = this.parts;
		const context = new WebhookContext(
			workflow,
			node,
			this.data({ httpRequest: req, httpResponse: res }),
			'trigger',
			this.webhookData(),
			[],
			null,
		);
		const delivery: Delivery = { status: 0 };
		try {
			const result: IWebhookResponseData = await type.webhook!.call(context);
			delivery.started = result.workflowData?.[0];
			if (!result.noWebhookResponse) res.status(200).json({ message: 'Workflow was started' });
		} catch (error) {
			res.status(500).json({ error: (error as Error).message });
		}
		delivery.status = res.statusCode;
		this.deliveries.push(delivery);
	}

	get staticData(): IDataObject {
		return this.parts.workflow.getStaticData('node', this.parts.node);
	}
}

function safeJson(bytes: Buffer): unknown {
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		return {};
	}
}
