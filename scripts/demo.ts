// `npm run demo`: the example workflow, run by n8n's own engine (n8n-core) against the
// embedded Telnyx-compatible sandbox, printing what a user would see on the node.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-telnyx-demo-'));
process.env.N8N_ENCRYPTION_KEY ??= 'telnyx-demo-encryption-key-not-a-secret';

async function main() {
	const { startSandbox } = await import('../support/sandbox/server');
	const { seedDemo } = await import('../support/sandbox/seed');
	const { runWorkflow } = await import('../support/engine/runNode');

	const sandbox = await startSandbox();
	seedDemo(sandbox.state);
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../examples/register-numbers.workflow.json'), 'utf8'),
	) as {
		name: string;
		nodes: INode[];
		connections: IConnections;
	};
	const node = 'Register numbers';
	const parameters = workflow.nodes.find((candidate) => candidate.name === node)?.parameters as {
		phoneNumbers: string;
		enterpriseId: { value: string };
	};
	console.log(`Workflow: ${workflow.name}`);
	console.log(`Telnyx sandbox: ${sandbox.url}\n`);
	const enterprise = sandbox.state.enterprises.get(parameters.enterpriseId.value);
	console.log(`"${node}" is given, for the enterprise ${enterprise?.legal_name}, these numbers:`);
	for (const line of parameters.phoneNumbers.split('\n')) console.log(`  ${line}`);
	console.log('');

	const { run } = await runWorkflow({
		nodes: workflow.nodes,
		connections: workflow.connections,
		credential: { apiKey: sandbox.state.apiKey, baseUrl: sandbox.url },
	});
	await sandbox.close();

	const task = run.data.resultData.runData[node]?.[0];
	if (run.data.resultData.error) {
		console.error(`The workflow stopped: ${run.data.resultData.error.message}`);
		process.exitCode = 1;
		return;
	}
	const [registered = [], failed = []] = (task?.data?.main ?? []).map((items) => items ?? []);
	console.log(`"${node}", success output (${counted(registered.length)}):`);
	for (const item of registered) console.log(JSON.stringify(item.json));
	console.log(`\n"${node}", error output (${counted(failed.length)}):`);
	for (const item of failed) console.log(JSON.stringify(item.json));
	for (const hint of task?.hints ?? []) console.log(`\n${hint.message}`);
	console.log(`\nThe sandbox received ${sandbox.requests.length} request(s):`);
	for (const { method, path, query, body, status } of sandbox.requests) {
		const search = new URLSearchParams(query).toString();
		const sent = body === undefined ? '' : ` ${JSON.stringify(body)}`;
		console.log(
			`  ${method} ${path}${search && `?${decodeURIComponent(search)}`}${sent} → ${status}`,
		);
	}
	console.log('\nTo click through the examples in the real n8n editor: npm run dev');
}

const counted = (count: number) => `${count} item${count === 1 ? '' : 's'}`;

void main();
