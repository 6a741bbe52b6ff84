// `npm run dev`: the real n8n editor on localhost, with this node, a sandbox credential and the
// example workflow already loaded. Ctrl+C stops it.
import { DEV_MCP_TOKEN, OWNER, startDevEnvironment } from './devEnvironment';
import { LOOP_TABLES } from '../support/n8n/dataTables';

async function main() {
	const environment = await startDevEnvironment();
	console.log(`\nn8n is ready: ${environment.workflowUrl}`);
	console.log(
		`Sign in as ${OWNER.email} / ${OWNER.password} (n8n listens on ${process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1'} only; N8N_LISTEN_ADDRESS=0.0.0.0 opens it to your network, and this sign-in with it).`,
	);
	console.log(
		`The "Telnyx sandbox" credential points at ${environment.sandbox.url} (nothing leaves this machine).`,
	);
	console.log(
		`"Ask about a caller ID" chats with a stand-in model (it looks up the first number of your message): ${environment.url}/workflow/agent`,
	);
	console.log(
		`"Caller ID reputation MCP server", once published, answers MCP clients at ${environment.url}/mcp/telnyx-reputation (Authorization: Bearer ${DEV_MCP_TOKEN}).`,
	);
	console.log(
		`The caller-ID loop's data tables ${Object.keys(LOOP_TABLES).join(', ')} are created, empty (Overview → Data tables).`,
	);
	const port = new URL(environment.sandbox.url).port;
	const sandbox =
		port === '4010' ? 'npm run sandbox --' : `SANDBOX_PORT=${port} npm run sandbox --`;
	console.log(`
To see the triggers fire, play Telnyx from another terminal (the sandbox does what Telnyx would):
  1. Run "Register numbers" (the workflow above) to monitor the demo numbers.
  2. Publish "Alert when a caller ID turns high risk" (${environment.url}/workflow/alert) and wait a minute: its first check records where each number stands.
  3. ${sandbox} high-risk +19493253498
     Within a minute the alert runs and its Slack message is printed here ([Slack stand-in]).
  Remediation: publish "Submit flagged numbers for remediation" before step 3; then
     ${sandbox} finish-remediation     (the request completes, with per-number results)
  Ownership events: publish "Post number-ownership events to Slack" (it sets the enterprise's webhook URL), then
     ${sandbox} ownership-event        (a signed number_reputation.number.flagged; also removed, proof)
  Onboarding inside n8n: ${environment.url}/workflow/onboard: Execute workflow opens the client's form (the
     numbers to monitor must be in the sandbox's inventory: +14155550123). The signer's email is printed here
     ([Mail stand-in]) with the upload form's link; upload any PDF there. Enable runs, the sandbox approves two
     minutes later, the review is checked every minute here, and the numbers are registered.`);
	console.log('Ctrl+C to stop.');
	const stop = () => void environment.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
