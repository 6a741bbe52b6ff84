import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	NodeExecutionHint,
} from 'n8n-workflow';
import { createRunExecutionData, LoggerProxy, Workflow } from 'n8n-workflow';

import { TelnyxReputationApi } from '../../credentials/TelnyxReputationApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { capturedLogs } from './logCapture';
import { CREDENTIAL_TEST_TYPE, NODE_TYPE, nodeTypes, SOURCE_TYPE } from './nodeTypes';

export interface RunOptions {
	/** The credential as the user saved it. */
	credential: { apiKey: string; baseUrl: string };
	parameters: INodeParameters;
	/** What the upstream node emits; one empty item by default. */
	items?: IDataObject[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** The node under test; the Telnyx node unless a test says otherwise. */
	nodeType?: string;
}

export interface RunResult {
	/** The node's main output. */
	items: INodeExecutionData[];
	/** The error output (only with onError: continueErrorOutput). */
	errorItems: INodeExecutionData[];
	/** The error the execution stopped on, as n8n records it. */
	error?: ExecutionError;
	hints: NodeExecutionHint[];
	/** Everything n8n logged during the run. */
	logs: string[];
	run: IRun;
}

const logs: string[] = [];
const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	};
LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => LoggerProxy,
} as unknown as Parameters<typeof LoggerProxy.init>[0]);

const NODE_NAME = 'Telnyx';

function additionalData(credential: RunOptions['credential']): IWorkflowExecuteAdditionalData {
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
			{ telnyxReputationApi: new TelnyxReputationApi() },
			{ telnyxReputationApi: credential },
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
	} as unknown as IWorkflowExecuteAdditionalData;
}

function buildWorkflow(options: RunOptions): Workflow {
	const node: INode = {
		id: 'telnyx',
		name: NODE_NAME,
		type: options.nodeType ?? NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { telnyxReputationApi: { id: '1', name: 'Telnyx sandbox' } },
		onError: options.onError,
	};
	return new Workflow({
		id: 'test',
		nodes: [{ id: 'source', name: 'Items', type: SOURCE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} }, node],
		connections: { Items: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		nodeTypes: nodeTypes(options.items ?? [{}]),
		active: false,
		settings: { executionOrder: 'v1' },
	});
}

/** Runs Items → Telnyx node through n8n-core's WorkflowExecute, as n8n runs a manual execution. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	logs.length = 0;
	const workflow = buildWorkflow(options);
	const data = additionalData(options.credential);
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode('Items')!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const firstLog = capturedLogs.length;
	const run = await new WorkflowExecute(data, 'manual', runExecutionData).processRunExecutionData(workflow);
	// Log transports write on a later tick.
	await new Promise((resolve) => setTimeout(resolve, 5));
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: task?.data?.main[0] ?? [],
		errorItems: task?.data?.main[1] ?? [],
		error: run.data.resultData.error ?? task?.error,
		hints: task?.hints ?? [],
		logs: [...logs, ...capturedLogs.slice(firstLog)],
		run,
	};
}

/** Calls one of the node's listSearch methods the way the editor does, through n8n-core. */
export async function searchList(
	credential: RunOptions['credential'],
	method: string,
	filter?: string,
	paginationToken?: string,
) {
	const workflow = buildWorkflow({ credential, parameters: {} });
	const context = new LoadOptionsContext(workflow, workflow.getNode(NODE_NAME)!, additionalData(credential), '');
	const type = workflow.nodeTypes.getByName(NODE_TYPE) as import('n8n-workflow').INodeType;
	return await type.methods!.listSearch![method].call(context, filter, paginationToken);
}

/** Runs the credential's test request the way n8n's credential tester does. */
export async function testCredential(credential: RunOptions['credential']): Promise<RunResult> {
	return await runNode({ credential, parameters: { temp: '' }, nodeType: CREDENTIAL_TEST_TYPE });
}
