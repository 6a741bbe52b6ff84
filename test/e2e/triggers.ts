// The trigger nodes in a running n8n (`n8n start`): the two example workflows built on the
// polling trigger and the ownership-events example on the webhook trigger, activated as a user
// activates them; a score changed in the sandbox and signed events sent to n8n's production
// webhook URL, and what n8n then ran, seen by a collector the workflows post to.
import { spawn } from 'node:child_process';

import type { N8n } from '../../support/n8n/n8n';
import {
	importWorkflow,
	listenForTestEvent,
	readExample,
	setWorkflowActive,
	startN8n,
	stopListening,
} from '../../support/n8n/n8n';
import { startCollector, withCollector } from '../../support/n8n/collector';
import { freePort } from '../../support/n8n/ports';
import type { Sandbox } from '../../support/sandbox/server';
import { DEMO_ENTERPRISE_ID } from '../../support/sandbox/seed';
import { executeWorkflow } from './executeWorkflow';
import { check, step } from './report';
import { eventually } from './wait';

/** `npm run sandbox -- <args>` against `sandbox`, without blocking: this process answers it. */
async function sandboxCommand(sandbox: Sandbox, args: string[]) {
	const child = spawn('npm', ['run', '--silent', 'sandbox', '--', ...args], {
		env: { ...process.env, SANDBOX_URL: sandbox.url, SANDBOX_API_KEY: sandbox.state.apiKey },
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	return { ok: code === 0, output };
}

const OWNERSHIP_WEBHOOK_ID = '5b1d9a3e-2c4f-4e6a-8b0d-1f3e5a7c9b2d';

export async function checkTriggers(
	n8nInstall: N8n,
	userFolder: string,
	sandbox: Sandbox,
): Promise<void> {
	step('Triggers in a running n8n: the example workflows, activated');
	const collector = await startCollector();
	const fromHere = sandbox.requests.length;
	const numbers = [...sandbox.state.registrationsOf(DEMO_ENTERPRISE_ID)].map(
		(registration) => registration.phone_number,
	);
	for (const number of numbers) sandbox.state.setReputation(number, { spam_risk: 'low' });
	const workflows = {
		alert: withCollector('alert-high-risk', `${collector.url}/alert`),
		remediate: readExample('remediate-flagged'),
		ownership: withCollector('ownership-events-to-slack', `${collector.url}/ownership`),
	};
	for (const [id, workflow] of Object.entries(workflows)) {
		const imported = await importWorkflow(n8nInstall, userFolder, workflow, id);
		check(`n8n imports "${workflow.name}"`, imported.status === 0, imported.stderr);
	}

	const n8n = await startN8n(n8nInstall, userFolder, await freePort());
	let ok = true;
	const verify = (...args: Parameters<typeof check>) => {
		ok = check(...args) && ok;
	};
	try {
		step(
			'Execute workflow on the remediation example, as a new user tries it: a sample, not billed',
		);
		const beforeTry = sandbox.requests.length;
		const tried = await executeWorkflow(n8n, 'remediate', 'Caller ID flagged as high risk', 120);
		const billable = sandbox.requests
			.slice(beforeTry)
			.filter((request) => request.method !== 'GET' || request.query.fresh !== undefined);
		verify(
			'the execution succeeded, Submit left the sample out and said so, and the sandbox received nothing billable',
			tried.status === 'success' &&
				tried.text.includes('left out, nothing sent and nothing billed') &&
				billable.length === 0,
			`${tried.status} ${JSON.stringify(billable)} ${tried.text.slice(0, 2000)}`,
		);
		for (const [id, workflow] of Object.entries(workflows)) {
			const problem = await setWorkflowActive(n8n, id, true);
			verify(`"${workflow.name}" activates`, problem === '', problem);
		}
		const enterprise = sandbox.state.enterprises.get(DEMO_ENTERPRISE_ID)!;
		const productionUrl = `${n8n.url}/webhook/${OWNERSHIP_WEBHOOK_ID}/webhook`;
		await eventually(30, () => enterprise.ownershipWebhookUrl === productionUrl);
		verify(
			"activating the webhook trigger set the enterprise's ownership webhook URL to n8n's production URL",
			enterprise.ownershipWebhookUrl === productionUrl,
			String(enterprise.ownershipWebhookUrl),
		);

		step(
			'A caller ID turns high risk in the sandbox; the next poll (within a minute) starts both workflows',
		);
		// The first poll of each trigger records the baseline, reading every page; a change made
		// while it reads would be part of it. In queue mode activation is asynchronous, so wait
		// until both triggers have read and the reads have stopped for 3 s.
		const listReads = () =>
			sandbox.requests.filter(
				(request) => request.method === 'GET' && request.path === '/reputation/numbers',
			).length;
		let [seen, quietSince] = [-1, Date.now()];
		const settled = await eventually(120, () => {
			if (listReads() !== seen) [seen, quietSince] = [listReads(), Date.now()];
			return seen >= 2 && Date.now() - quietSince > 3000;
		});
		verify('the baseline polls ran', settled, String(seen));
		// As a user does beside `npm run dev`: the sandbox's own command (support/sandbox/cli.ts).
		const command = await sandboxCommand(sandbox, ['high-risk', numbers[1]]);
		verify(
			'`npm run sandbox -- high-risk` turned the number high risk',
			command.ok,
			command.output,
		);
		const remediationsFor = () =>
			sandbox.requests.filter(
				(request) => request.method === 'POST' && request.path.endsWith('/reputation/remediation'),
			);
		await eventually(
			150,
			() => (collector.received['/alert']?.length ?? 0) > 0 && remediationsFor().length > 0,
		);
		const alerts = (collector.received['/alert'] ?? []) as Array<{
			text: string;
			phone_number: string;
		}>;
		verify(
			'"Alert when a caller ID turns high risk" posted one alert for that number',
			alerts.length === 1 &&
				alerts[0].phone_number === numbers[1] &&
				alerts[0].text.includes('turned high spam risk (was low)'),
			JSON.stringify(alerts),
		);
		verify(
			'"Submit flagged numbers for remediation" submitted that number, and only it',
			remediationsFor().length === 1 &&
				JSON.stringify((remediationsFor()[0].body as { phone_numbers: string[] }).phone_numbers) ===
					JSON.stringify([numbers[1]]),
			JSON.stringify(remediationsFor()),
		);
		verify(
			'the polls used free reads only (GET, never fresh)',
			sandbox.requests
				.slice(fromHere)
				.filter((request) => request.path.endsWith('/reputation/numbers'))
				.every((request) => request.method === 'GET' && request.query.fresh === undefined),
		);

		step("Signed ownership events sent to n8n's production webhook URL");
		const payload = {
			record_type: 'reputation_phone_number',
			phone_number: numbers[0],
			enterprise_id: DEMO_ENTERPRISE_ID,
			source: 'external',
			ownership_status: 'pending_confirmation',
			flag_reason: 'carrier_changed',
			confirm_by: '2026-12-01T07:00:00+00:00',
		};
		const eventId = '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0';
		const signed = await sandbox.webhooks.deliver(
			DEMO_ENTERPRISE_ID,
			'number_reputation.number.flagged',
			payload,
			{ id: eventId },
		);
		const arrived = await eventually(30, () => (collector.received['/ownership']?.length ?? 0) > 0);
		verify(
			'a signed event is answered 200 and starts an execution',
			signed[0]?.status === 200 && arrived,
			JSON.stringify(signed),
		);
		const posted = (collector.received['/ownership'] ?? []) as Array<{
			text: string;
			event_id: string;
		}>;
		verify(
			'the execution got the event (type, number, confirm-by, id)',
			posted[0]?.event_id === eventId &&
				posted[0].text.includes(numbers[0]) &&
				posted[0].text.includes('number_reputation.number.flagged'),
			JSON.stringify(posted),
		);
		const forged = await sandbox.webhooks.deliver(
			DEMO_ENTERPRISE_ID,
			'number_reputation.number.flagged',
			payload,
			{ forge: true, maxAttempts: 1 },
		);
		const redelivered = await sandbox.webhooks.deliver(
			DEMO_ENTERPRISE_ID,
			'number_reputation.number.flagged',
			payload,
			{
				id: eventId,
				firstAttempt: 2,
				maxAttempts: 1,
			},
		);
		await new Promise((resolve) => setTimeout(resolve, 5000));
		verify('a forged event is answered 401', forged[0]?.status === 401, JSON.stringify(forged));
		verify(
			'a redelivery of the same event is acknowledged',
			redelivered[0]?.status === 200,
			JSON.stringify(redelivered),
		);
		verify(
			'neither the forgery nor the redelivery started an execution',
			(collector.received['/ownership'] ?? []).length === 1,
			JSON.stringify(collector.received['/ownership']),
		);

		step('Listening for a test event while the workflow is published, then stopping');
		const beforeListening = sandbox.requests.length;
		const listening = await listenForTestEvent(n8n, 'ownership', 'Ownership event');
		verify(
			'n8n listens for a test event on the published workflow',
			listening.status === 200 && listening.body.includes('"waitingForWebhook":true'),
			`${listening.status} ${listening.body}`,
		);
		const stopped = await stopListening(n8n, 'ownership');
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const webhookCalls = sandbox.requests
			.slice(beforeListening)
			.filter((request) => request.path.endsWith('/reputation/webhook'));
		verify(
			"listening and stopping sent nothing to Telnyx: the enterprise's URL is still the production URL",
			stopped === 200 &&
				webhookCalls.length === 0 &&
				enterprise.ownershipWebhookUrl === productionUrl,
			`${stopped} ${JSON.stringify(webhookCalls)} ${String(enterprise.ownershipWebhookUrl)}`,
		);
		const afterListening = await sandbox.webhooks.deliver(
			DEMO_ENTERPRISE_ID,
			'number_reputation.number.removed',
			{ ...payload, ownership_status: 'removed' },
		);
		const startedAgain = await eventually(
			30,
			() => (collector.received['/ownership'] ?? []).length === 2,
		);
		verify(
			'after the test listen, a signed event still starts an execution of the published workflow',
			afterListening[0]?.status === 200 && startedAgain,
			JSON.stringify(afterListening),
		);

		step('Deactivating');
		const problem = await setWorkflowActive(n8n, 'ownership', false);
		await eventually(30, () => enterprise.ownershipWebhookUrl === null);
		verify(
			"deactivating the webhook trigger cleared the enterprise's ownership webhook URL",
			problem === '' && enterprise.ownershipWebhookUrl === null,
			`${problem} ${String(enterprise.ownershipWebhookUrl)}`,
		);
		for (const id of ['alert', 'remediate']) {
			const stopped = await setWorkflowActive(n8n, id, false);
			verify(`"${workflows[id as 'alert'].name}" deactivates`, stopped === '', stopped);
		}
	} finally {
		if (!ok) console.log(`n8n's log, the end:\n${n8n.log().slice(-4000)}`);
		await n8n.stop();
		await collector.close();
	}
}
