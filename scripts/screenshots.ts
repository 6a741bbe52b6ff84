// `npm run screenshots`: opens the real n8n editor (see devEnvironment.ts) in headless Chromium
// (Debian's package; no browser download) and saves what the README shows. JPEG, because
// `n8n-node build` copies every PNG and SVG of the project into the package.
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { WORKFLOW_ID } from '../support/n8n/n8n';
import { CHROMIUM, chromiumPath, requirePrerequisites } from '../support/prerequisites';
import { OWNER, startDevEnvironment } from './devEnvironment';

const out = join(__dirname, '../docs/screenshots');
/** The Register node's id in examples/register-numbers.workflow.json. */
const REGISTER_NODE_ID = '8b2c4d6e-1a3b-4c5d-8e9f-a0b1c2d3e4f5';
/** The triggers' node ids in examples/alert-high-risk and ownership-events-to-slack. */
const POLL_TRIGGER_NODE_ID = '6f1e2d3c-4b5a-4c6d-9e8f-7a6b5c4d3e2f';
const WEBHOOK_TRIGGER_NODE_ID = '0d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f80';
/** The pool-health example's nodes: the summary and the filtered list. */
const POOL_SUMMARY_NODE_ID = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d62';
const HIGH_RISK_NODE_ID = 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e73';
/** The "Get caller ID reputation" tool's node id in examples/ask-about-a-caller-id. */
const AGENT_TOOL_NODE_ID = '3c9e5f4b-0a6d-4b8e-8f1a-4d5e6f7a8b93';

/** The loop examples by their id in the dev environment: a node each shows, the picture's name. */
const LOOP_WORKFLOWS = {
	callerIdPool: ['Apply the pool rules', 'loop-pool'],
	whichCallerId: ['Load the dialer', 'loop-dialer'],
	callerIdHistory: ['Daily pool figures', 'loop-history'],
	weeklyReport: ['Send the report', 'loop-report-workflow'],
};

async function main() {
	requirePrerequisites('npm run screenshots', [CHROMIUM]);
	const environment = await startDevEnvironment();
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const login = await context.request.post(`${environment.url}/rest/login`, {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
		const page = await context.newPage();
		/** Opens a page of the editor (a workflow, or a node's panel) once `text` shows on it. */
		const open = async (path: string, text: string) => {
			await page.goto(`${environment.url}${path}`);
			await page
				.getByText(text, { exact: true })
				.first()
				.waitFor({ state: 'visible', timeout: 60_000 });
		};
		/** Saves what the page shows, once it has settled, as docs/screenshots/<name>.jpg. */
		const shoot = async (name: string) => {
			await page.waitForTimeout(1500);
			await page.screenshot({ path: join(out, `${name}.jpg`), type: 'jpeg', quality: 90 });
		};
		/** Runs the open node's step and shows its output as JSON (or as n8n's table). */
		const executeStep = async (outputText: string, view: 'JSON' | 'Table' = 'JSON') => {
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page.getByText(outputText).first().waitFor({ timeout: 60_000 });
			await page.getByText(view, { exact: true }).last().click();
		};

		// The closed loop's four workflows on the canvas (the rendered report is the e2e's picture).
		for (const [id, [node, picture]] of Object.entries(LOOP_WORKFLOWS)) {
			await open(`/workflow/${id}`, node);
			await shoot(picture);
		}

		// The onboarding example, from the client's form to the numbers registered.
		await open('/workflow/onboard', 'Client details');
		await shoot('onboarding-workflow');

		await open(`/workflow/${WORKFLOW_ID}`, 'Register numbers');
		await shoot('workflow');
		// The editor opens a node's panel from its URL.
		await open(`/workflow/${WORKFLOW_ID}/${REGISTER_NODE_ID}`, 'Phone Numbers');
		await shoot('node-parameters');
		await executeStep('3 items');
		await shoot('node-output');

		await open(`/workflow/${WORKFLOW_ID}`, 'Register numbers');
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		await page
			.getByPlaceholder(/Search/)
			.first()
			.fill('Telnyx');
		await shoot('nodes-panel');

		// The triggers: the alert example on the canvas, and each trigger's parameters.
		await open('/workflow/alert', 'Caller ID turned high risk');
		await shoot('trigger-workflow');
		await open(`/workflow/alert/${POLL_TRIGGER_NODE_ID}`, 'Minimum Level');
		await shoot('trigger-parameters');
		// Fetch Test Event: with no change since a baseline, a sample these settings would report.
		await executeStep('sample');
		await shoot('trigger-sample');
		await open(`/workflow/ownership/${WEBHOOK_TRIGGER_NODE_ID}`, 'Events');
		await shoot('webhook-trigger-parameters');

		// Which caller IDs need attention: the pool summary and the high-risk list, over the
		// dev sandbox's account (its 50,000-number enterprise among them).
		// The summary in n8n's Table view: its sentence first, then the figures.
		await open(`/workflow/pool/${POOL_SUMMARY_NODE_ID}`, 'Stale After (Days)');
		await executeStep('1 item', 'Table');
		await shoot('pool-summary');
		await open(`/workflow/pool/${HIGH_RISK_NODE_ID}`, 'Filters');
		await executeStep('items', 'Table');
		await shoot('pool-high-risk');

		// The node as a tool: the agent example, its reputation tool, a chat, the MCP server.
		await open('/workflow/agent', 'Get caller ID reputation');
		await shoot('agent-workflow');
		await open(`/workflow/agent/${AGENT_TOOL_NODE_ID}`, 'Phone Number');
		await shoot('agent-tool');
		await open('/workflow/agent', 'Get caller ID reputation');
		await page
			.getByRole('button', { name: /open chat/i })
			.first()
			.click({ force: true });
		const message = page
			.locator('[data-test-id="chat-input"] textarea, textarea[data-test-id="chat-input"]')
			.first();
		await message.waitFor({ timeout: 30_000 });
		await message.fill('Is our caller ID +1 949 325 3498 flagged?');
		await message.press('Enter');
		await page.getByText('Here is what Telnyx says').first().waitFor({ timeout: 60_000 });
		await shoot('agent-chat');
		await open('/workflow/mcp', 'Register caller IDs');
		await shoot('mcp-workflow');
		console.log(`screenshots saved in ${out}`);
	} finally {
		await browser.close();
		await environment.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
