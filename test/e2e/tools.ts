// This package's node as a tool, in a running n8n: driven by n8n's AI Agent (agent.ts) and by
// the official MCP client through n8n's MCP Server Trigger (mcp.ts). One n8n serves both.
import type { N8n, N8nLine } from '../../support/n8n/n8n';
import {
	importCredentials,
	importToolCredentials,
	importWorkflow,
	setWorkflowActive,
	startN8n,
} from '../../support/n8n/n8n';
import { freePort } from '../../support/n8n/ports';
import { startScriptedModel } from '../../support/model/server';
import { startSmtpSink } from '../../support/n8n/smtpSink';
import { removePool, seedPool } from '../../support/sandbox/pool';
import type { Sandbox } from '../../support/sandbox/server';
import { AGENT_WORKFLOW_ID, agentWorkflow, checkAgent } from './agent';
import {
	APPROVAL_WORKFLOW_ID,
	approvalMailCredential,
	approvalWorkflow,
	checkApproval,
} from './approval';
import { MCP_TOKEN, MCP_WORKFLOW_ID, checkMcp, mcpWorkflow } from './mcp';
import { check, step } from './report';

export async function checkTools(
	n8nInstall: N8n,
	line: N8nLine,
	userFolder: string,
	sandbox: Sandbox,
) {
	step('The node as a tool: the agent and MCP examples, published');
	// The pool questions are asked over an enterprise of 50,000 numbers (support/sandbox/pool.ts),
	// taken out again at the end: the later checks count the polls of the account's few numbers.
	seedPool(sandbox.state, 50_000);
	const model = await startScriptedModel();
	const credentials = await importToolCredentials(n8nInstall, userFolder, model.url, MCP_TOKEN);
	check('n8n imports the model and MCP credentials', credentials.status === 0, credentials.stderr);
	const workflows: Record<string, { name: string }> = {
		[AGENT_WORKFLOW_ID]: agentWorkflow(),
		[MCP_WORKFLOW_ID]: mcpWorkflow(),
	};
	// Human review of tool calls came with n8n 2.x: 1.x has no node to put before a tool.
	const reviews = line === 'v2';
	const mail = await startSmtpSink();
	if (reviews) {
		workflows[APPROVAL_WORKFLOW_ID] = approvalWorkflow();
		const imported = await importCredentials(n8nInstall, userFolder, [
			approvalMailCredential(mail),
		]);
		check('n8n imports the approval mail credential', imported.status === 0, imported.stderr);
	}
	for (const [id, workflow] of Object.entries(workflows)) {
		const imported = await importWorkflow(n8nInstall, userFolder, workflow, id);
		check(`n8n imports "${workflow.name}"`, imported.status === 0, imported.stderr);
	}
	const n8n = await startN8n(n8nInstall, userFolder, await freePort());
	let ok = true;
	const verify = (name: string, passed: boolean, detail?: string) => {
		ok = check(name, passed, detail) && ok;
	};
	try {
		for (const [id, workflow] of Object.entries(workflows)) {
			const problem = await setWorkflowActive(n8n, id, true);
			verify(`"${workflow.name}" activates`, problem === '', problem);
		}
		await checkAgent(n8n, sandbox, model, verify);
		await checkMcp(n8n, sandbox, verify);
		if (reviews) await checkApproval(n8n, sandbox, model, mail, verify);
		else step('Human review of tool calls: not in n8n 1.x, the approval example is not run');
		verify(
			"the Telnyx API key is in no line of n8n's log",
			!n8n.log().includes(sandbox.state.apiKey),
		);
	} finally {
		removePool(sandbox.state);
		if (!ok) console.log(`n8n's log, the end:\n${n8n.log().slice(-4000)}`);
		await n8n.stop();
		await model.close();
		await mail.close();
	}
}
