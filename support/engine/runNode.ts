import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
	NodeExecutionHint,
} from 'n8n-workflow';
import { createRunExecutionData, LoggerProxy, sleep, Workflow } from 'n8n-workflow';

import { TelnyxCallerIdDialerApi } from '../../credentials/TelnyxCallerIdDialerApi.credentials';
import { dialerCredential } from '../n8n/dialerSecret';
import { TelnyxReputationApi } from '../../credentials/TelnyxReputationApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_TEST_TYPE, NODE_TYPE, nodeTypes, SOURCE_TYPE } from './nodeTypes';

/** The credential as the user saved it. */
export interface Credential {
	apiKey: string;
	baseUrl: string;
	webhookPublicKey?: string;
	negotiatedPrices?: boolean;
	checkPriceUsd?: number;
	remediationPriceUsd?: number;
	enterpriseFeeUsd?: number;
}

export interface WorkflowRun {
	run: IRun;
	/** Everything n8n logged during the run. */
	logs: string[];
}

/** Where n8n's own logger writes, when it writes a file (the tests point it at one; see test/setup.ts). */
const logPath = () =>
	process.env.N8N_LOG_OUTPUT?.split(',').some((output) => output.trim() === 'file')
		? process.env.N8N_LOG_FILE_LOCATION
		: undefined;

/** The log file's size now: where the next run's lines start. */
function logEnd(): number {
	const path = logPath();
	try {
		return path ? statSync(path).size : 0;
	} catch {
		return 0;
	}
}

/** The log file from byte `start` on ('' while n8n has not created it). */
function logFrom(path: string, start: number): string {
	let file: number;
	try {
		file = openSync(path, 'r');
	} catch {
		return '';
	}
	try {
		const buffer = Buffer.alloc(Math.max(0, fstatSync(file).size - start));
		const read = readSync(file, buffer, 0, buffer.length, start);
		return buffer.toString('utf8', 0, read);
	} finally {
		closeSync(file);
	}
}

/** Longest wait for n8n's logger to write a run's last lines. */
const LOG_WAIT_MS = 5_000;

/**
 * What n8n logged from byte `start` on. The logger writes on later ticks, in order: a line of
 * our own, once in the file, means every line before it is there too. A line that never
 * arrives fails the run, so that a check of the logs cannot pass on lines it never read.
 */
async function loggedSince(start: number): Promise<string[]> {
	const path = logPath();
	if (!path) return [];
	const marker = `test harness: run ${randomUUID()} logged`;
	LoggerProxy.info(marker);
	for (const deadline = Date.now() + LOG_WAIT_MS; ; await sleep(2)) {
		const text = logFrom(path, start);
		if (text.includes(marker)) return text.split('\n').filter((line) => !line.includes(marker));
		if (Date.now() > deadline) {
			throw new Error(
				`n8n's logger did not write to ${path} within ${LOG_WAIT_MS} ms. The tests read its lines at level info or debug, with file output, no log scopes, and a file under its size limit (see test/setup.ts).`,
			);
		}
	}
}

/** What n8n gives a node besides its parameters: credentials, URLs, and for webhooks the request. */
export function additionalData(
	credential: Credential,
	overrides: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		active: false,
		nodes: [],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	});
	return {
		credentialsHelper: new TestCredentialsHelper(
			{
				telnyxReputationApi: new TelnyxReputationApi(),
				telnyxCallerIdDialerApi: new TelnyxCallerIdDialerApi(),
			},
			{
				telnyxReputationApi: { ...credential },
				telnyxCallerIdDialerApi: dialerCredential.data,
			},
		),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formBaseUrl: 'http://localhost/form',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		formTestBaseUrl: 'http://localhost/form-test',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		mcpBaseUrl: 'http://localhost/mcp',
		mcpTestBaseUrl: 'http://localhost/mcp-test',
		variables: {},
		logAiEvent: () => {},
		...overrides,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs a workflow (nodes and connections, as n8n stores them) through n8n-core's
 * WorkflowExecute, as n8n runs a manual execution, from its first node.
 */
export async function runWorkflow(options: {
	nodes: INode[];
	connections: IConnections;
	credential: Credential;
	/** What the `test.items` source node emits. */
	items?: IDataObject[];
	/** The workflow's static data, kept from run to run as n8n keeps a published workflow's. */
	staticData?: IDataObject;
}): Promise<WorkflowRun> {
	const workflow = new Workflow({
		id: 'test',
		nodes: options.nodes,
		connections: options.connections,
		nodeTypes: nodeTypes(options.items ?? [{}]),
		staticData: options.staticData,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: options.nodes[0], data: { main: [[{ json: {} }]] }, source: null },
			],
		},
	});
	const logStart = logEnd();
	const run = await new WorkflowExecute(
		additionalData(options.credential),
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	return { run, logs: await loggedSince(logStart) };
}

export interface RunOptions {
	credential: Credential;
	parameters: INodeParameters;
	/** What the upstream node emits; one empty item by default. */
	items?: IDataObject[];
	onError?: INode['onError'];
	/** The node under test; the Telnyx node unless a test says otherwise. */
	nodeType?: string;
	/** The node's version, as saved with the workflow; 1 unless a test says otherwise. */
	typeVersion?: number;
	staticData?: IDataObject;
}

export interface RunResult extends WorkflowRun {
	/** The node's main output. */
	items: INodeExecutionData[];
	/** The error output (only with onError: continueErrorOutput). */
	errorItems: INodeExecutionData[];
	/** The error the execution stopped on, as n8n records it. */
	error?: ExecutionError;
	hints: NodeExecutionHint[];
}

const NODE_NAME = 'Telnyx';

function nodeUnderTest(
	options: Pick<RunOptions, 'parameters' | 'onError' | 'nodeType' | 'typeVersion'>,
): INode {
	return {
		id: 'telnyx',
		name: NODE_NAME,
		type: options.nodeType ?? NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { telnyxReputationApi: { id: '1', name: 'Telnyx sandbox' } },
		onError: options.onError,
	};
}

/** Runs Items → Telnyx node, and reads what the user would see on the node. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const result = await runWorkflow({
		nodes: [
			{
				id: 'source',
				name: 'Items',
				type: SOURCE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			nodeUnderTest(options),
		],
		connections: { Items: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		credential: options.credential,
		items: options.items,
		staticData: options.staticData,
	});
	const task = result.run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		...result,
		items: task?.data?.main[0] ?? [],
		errorItems: task?.data?.main[1] ?? [],
		error: result.run.data.resultData.error ?? task?.error,
		hints: task?.hints ?? [],
	};
}

/** Runs the credential's test request the way n8n's credential tester does. */
export async function testCredential(credential: Credential): Promise<RunResult> {
	return await runNode({ credential, parameters: { temp: '' }, nodeType: CREDENTIAL_TEST_TYPE });
}

/**
 * Calls one of the node's listSearch methods the way the editor does, through n8n-core, with
 * the node's parameters as the panel has them (a picker may depend on another field).
 */
export async function searchList(
	credential: Credential,
	method: string,
	filter?: string,
	paginationToken?: string,
	parameters: INodeParameters = {},
) {
	const node = nodeUnderTest({ parameters, typeVersion: 1.2 });
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes([]),
		active: false,
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData(credential, { currentNodeParameters: parameters }),
		'',
	);
	const type = workflow.nodeTypes.getByName(NODE_TYPE) as INodeType;
	return await type.methods!.listSearch![method].call(context, filter, paginationToken);
}
