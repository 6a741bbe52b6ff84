// The polling trigger under n8n's durable scheduler (2.41: behind N8N_SCHEDULER_ENABLED,
// N8N_SCHEDULER_POLL_TRIGGERS_ENABLED and N8N_POLLER_DURABLE_CURSORS_ENABLED; n8n's docs make it
// the default from 2.45): polls are scheduled tasks whose state (the node's static data) is
// committed after each poll. Publishing, a change alerted, then n8n stopped: a change made while
// it is down is alerted once after it starts again; unpublishing stops the polls. The webhook
// trigger beside it, under the same flags: published, a signed event runs once, a redelivery not.
import type { N8n, RunningN8n } from '../../support/n8n/n8n';
import { importWorkflow, setWorkflowActive, startN8n } from '../../support/n8n/n8n';
import { freePort } from '../../support/n8n/ports';
import type { Sandbox } from '../../support/sandbox/server';
import { DEMO_ENTERPRISE_ID } from '../../support/sandbox/seed';
import { check, step } from './report';
import { startCollector, withCollector } from '../../support/n8n/collector';
import { eventually } from './wait';

const DURABLE_SCHEDULER = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

export async function checkDurableScheduler(
	n8nInstall: N8n,
	userFolder: string,
	sandbox: Sandbox,
): Promise<void> {
	step("The polling trigger under n8n's durable scheduler (2.41 flags)");
	const collector = await startCollector();
	const numbers = [...sandbox.state.registrationsOf(DEMO_ENTERPRISE_ID)].map(
		(registration) => registration.phone_number,
	);
	for (const number of numbers) sandbox.state.setReputation(number, { spam_risk: 'low' });
	const workflow = withCollector('alert-high-risk', `${collector.url}/alert`);
	const imported = await importWorkflow(n8nInstall, userFolder, workflow, 'scheduled');
	check('n8n imports the alert workflow', imported.status === 0, imported.stderr);
	const ownership = withCollector('ownership-events-to-slack', `${collector.url}/ownership`);
	const importedOwnership = await importWorkflow(n8nInstall, userFolder, ownership, 'ownership');
	check(
		'n8n imports the ownership workflow',
		importedOwnership.status === 0,
		importedOwnership.stderr,
	);
	const polls = () =>
		sandbox.requests.filter(
			(request) => request.method === 'GET' && request.path === '/reputation/numbers',
		).length;
	const alertsFor = (number: string) =>
		((collector.received['/alert'] ?? []) as Array<{ phone_number: string }>).filter(
			(alert) => alert.phone_number === number,
		).length;

	const port = await freePort();
	let n8n = await startN8n(n8nInstall, userFolder, port, DURABLE_SCHEDULER);
	try {
		const beforePublishing = polls();
		const problem = await setWorkflowActive(n8n, 'scheduled', true);
		check('the workflow publishes', problem === '', problem);
		// The activation poll's state is not committed: the first scheduled poll (within a
		// minute) records the baseline that later polls compare with. A change made before it
		// has run is part of the baseline. Wait for both.
		check(
			'the activation poll and a scheduled poll ran',
			await eventually(120, () => polls() >= beforePublishing + 2),
			String(polls() - beforePublishing),
		);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		sandbox.state.setReputation(numbers[0], { spam_risk: 'high' });
		check(
			'a caller ID that turns high risk is alerted by the next scheduled poll',
			await eventually(90, () => alertsFor(numbers[0]) === 1),
			JSON.stringify(collector.received),
		);

		await checkWebhookTrigger(n8n, sandbox, () => collector.received['/ownership'] ?? []);

		step('n8n stopped; a number turns high risk while it is down; n8n started again');
		const pollsBeforeStop = polls();
		await n8n.stop();
		sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });
		n8n = await startN8n(n8nInstall, userFolder, port, DURABLE_SCHEDULER);
		check(
			'the change made while n8n was down is alerted after it starts again',
			await eventually(120, () => alertsFor(numbers[1]) === 1),
			JSON.stringify(collector.received),
		);
		// One more scheduled poll: nothing is alerted twice.
		const afterAlert = polls();
		await eventually(90, () => polls() > afterAlert);
		check(
			'once: the next poll alerts neither change again',
			alertsFor(numbers[0]) === 1 && alertsFor(numbers[1]) === 1 && polls() > pollsBeforeStop,
			JSON.stringify(collector.received),
		);

		step('Unpublishing');
		const unpublished = await setWorkflowActive(n8n, 'scheduled', false);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const afterUnpublish = polls();
		await new Promise((resolve) => setTimeout(resolve, 65_000));
		check(
			'after unpublishing, no poll runs',
			unpublished === '' && polls() === afterUnpublish,
			`${unpublished} ${afterUnpublish} → ${polls()}`,
		);
	} finally {
		await n8n.stop();
		await collector.close();
	}
}

/** The ownership example (webhook trigger) published under the scheduler's flags. */
async function checkWebhookTrigger(n8n: RunningN8n, sandbox: Sandbox, posted: () => unknown[]) {
	step('The webhook trigger under the same flags: a signed ownership event, then its redelivery');
	const problem = await setWorkflowActive(n8n, 'ownership', true);
	const enterprise = sandbox.state.enterprises.get(DEMO_ENTERPRISE_ID)!;
	const registered = await eventually(30, () =>
		String(enterprise.ownershipWebhookUrl).startsWith(n8n.url),
	);
	check(
		"the ownership workflow publishes and sets the enterprise's webhook URL",
		problem === '' && registered,
		`${problem} ${String(enterprise.ownershipWebhookUrl)}`,
	);
	const payload = {
		record_type: 'reputation_phone_number',
		phone_number: '+19493253498',
		enterprise_id: DEMO_ENTERPRISE_ID,
		source: 'external',
		ownership_status: 'pending_confirmation',
		flag_reason: 'carrier_changed',
		confirm_by: '2026-12-01T07:00:00+00:00',
	};
	const id = '5b0f2e1c-7d3a-4c8b-9e6f-1a2b3c4d5e6f';
	const type = 'number_reputation.number.flagged';
	const first = await sandbox.webhooks.deliver(DEMO_ENTERPRISE_ID, type, payload, { id });
	const arrived = await eventually(30, () => posted().length === 1);
	const again = await sandbox.webhooks.deliver(DEMO_ENTERPRISE_ID, type, payload, {
		id,
		firstAttempt: 2,
		maxAttempts: 1,
	});
	// Bounded: a second execution would post within seconds.
	const twice = await eventually(10, () => posted().length > 1);
	check(
		'the event runs the workflow once; its redelivery is acknowledged and runs nothing',
		first[0]?.status === 200 && arrived && again[0]?.status === 200 && !twice,
		`${JSON.stringify(first)} ${JSON.stringify(again)} ${JSON.stringify(posted())}`,
	);
	const unpublished = await setWorkflowActive(n8n, 'ownership', false);
	check('the ownership workflow unpublishes', unpublished === '', unpublished);
}
