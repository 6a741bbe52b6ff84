// `npm run dev`: the real n8n editor on localhost, with this node, a sandbox credential and the
// example workflow already loaded. Ctrl+C stops it.
import { DEV_MCP_TOKEN, OWNER, startDevEnvironment } from './devEnvironment';

async function main() {
	const environment = await startDevEnvironment();
	console.log(`\nn8n is ready: ${environment.workflowUrl}`);
	console.log(`Sign in as ${OWNER.email} / ${OWNER.password}`);
	console.log(
		`The "Telnyx sandbox" credential points at ${environment.sandbox.url} (nothing leaves this machine).`,
	);
	console.log(
		`"Ask about a caller ID" chats with a stand-in model (it looks up the first number of your message): ${environment.url}/workflow/agent`,
	);
	console.log(
		`"Caller ID reputation MCP server", once published, answers MCP clients at ${environment.url}/mcp/telnyx-reputation (Authorization: Bearer ${DEV_MCP_TOKEN}).`,
	);
	console.log('Ctrl+C to stop.');
	const stop = () => void environment.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
