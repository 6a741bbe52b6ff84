// `npm run screenshots`: opens the real n8n editor (see devEnvironment.ts) in headless Chromium
// (Debian's package; no browser download) and saves what the README shows. JPEG, because
// `n8n-node build` copies every PNG and SVG of the project into the package.
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { OWNER, startDevEnvironment } from './devEnvironment';

const out = join(__dirname, '../docs/screenshots');
/** The Register node's id in examples/register-numbers.workflow.json. */
const REGISTER_NODE_ID = '8b2c4d6e-1a3b-4c5d-8e9f-a0b1c2d3e4f5';
/** The triggers' node ids in examples/alert-high-risk and ownership-events-to-slack. */
const POLL_TRIGGER_NODE_ID = '6f1e2d3c-4b5a-4c6d-9e8f-7a6b5c4d3e2f';
const WEBHOOK_TRIGGER_NODE_ID = '0d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f80';

async function main() {
	const environment = await startDevEnvironment();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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

		await page.goto(environment.workflowUrl);
		await page.getByText('Register numbers').first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: join(out, 'workflow.jpg'), type: 'jpeg', quality: 90 });

		// The editor opens a node's panel from its URL.
		await page.goto(`${environment.workflowUrl}/${REGISTER_NODE_ID}`);
		await page
			.getByText('Phone Numbers', { exact: true })
			.first()
			.waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(out, 'node-parameters.jpg'), type: 'jpeg', quality: 90 });

		await page.locator('[data-test-id="node-execute-button"]').first().click();
		await page.getByText('3 items').first().waitFor({ timeout: 60_000 });
		await page.getByText('JSON', { exact: true }).last().click();
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(out, 'node-output.jpg'), type: 'jpeg', quality: 90 });

		await page.goto(environment.workflowUrl);
		await page.getByText('Register numbers').first().waitFor();
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		await page
			.getByPlaceholder(/Search/)
			.first()
			.fill('Telnyx');
		await page.waitForTimeout(1500);
		await page.screenshot({ path: join(out, 'nodes-panel.jpg'), type: 'jpeg', quality: 90 });

		// The triggers: the alert example on the canvas, and each trigger's parameters.
		await page.goto(`${environment.url}/workflow/alert`);
		await page.getByText('Caller ID turned high risk').first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: join(out, 'trigger-workflow.jpg'), type: 'jpeg', quality: 90 });
		await page.goto(`${environment.url}/workflow/alert/${POLL_TRIGGER_NODE_ID}`);
		await page
			.getByText('Minimum Level', { exact: true })
			.first()
			.waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(out, 'trigger-parameters.jpg'), type: 'jpeg', quality: 90 });
		// Fetch Test Event: with no change since a baseline, a sample these settings would report.
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		await page.getByText('sample', { exact: false }).first().waitFor({ timeout: 60_000 });
		await page.getByText('JSON', { exact: true }).last().click();
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(out, 'trigger-sample.jpg'), type: 'jpeg', quality: 90 });
		await page.goto(`${environment.url}/workflow/ownership/${WEBHOOK_TRIGGER_NODE_ID}`);
		await page
			.getByText('Events', { exact: true })
			.first()
			.waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1000);
		await page.screenshot({
			path: join(out, 'webhook-trigger-parameters.jpg'),
			type: 'jpeg',
			quality: 90,
		});
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
