// The onboarding example, published in a real n8n and driven as people would: a client's details
// submitted on its form; the terms agreed, the enterprise created, the LOA generated and emailed
// (to a mail sink) with the link of the signer's form; the signed PDF uploaded on that form;
// Upload LOA, Enable, then the approval waited for (the sandbox approves after a delay) and the
// client's numbers registered. Submitted a second time, it creates, uploads and bills nothing.
import type { N8n, N8nLine, RunningN8n } from '../../support/n8n/n8n';
import {
	importCredentials,
	importWorkflow,
	readExample,
	setWorkflowActive,
	startN8n,
} from '../../support/n8n/n8n';
import { freePort } from '../../support/n8n/ports';
import type { SmtpSink } from '../../support/n8n/smtpSink';
import { decodedBody, linksOf, smtpCredential, startSmtpSink } from '../../support/n8n/smtpSink';
import { loaPdf } from '../../support/sandbox/loaPdf';
import type { Sandbox } from '../../support/sandbox/server';
import { FINISHED, readExecution } from './executeWorkflow';
import { check, step } from './report';
import { eventually, eventuallyAsync, servedAfterPublishing } from './wait';

const WORKFLOW_ID = 'onboard';
const MAIL = { id: 'onboardingMail', name: 'Onboarding mail' };
/** How long a run may take on a busy machine: the signer's email, then the review's checks. */
const WITHIN_S = 180;
/** The person's browser: n8n may take Node's fetch for a bot. */
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const NUMBERS = ['+13125550171', '+13125550172'];

/** The client as the form's fields ask for it, in the form's order. */
const CLIENT: Array<[string, string]> = [
	['Legal name', 'Lakeside Dental LLC'],
	['Doing business as', 'Lakeside Dental'],
	['Legal type', 'LLC'],
	['State of incorporation', 'Illinois'],
	['Website', 'https://lakesidedental.example.com'],
	['FEIN', '36-1234567'],
	['Industry', 'healthcare'],
	['Number of employees', '11-50'],
	['Contact first name', 'Dana'],
	['Contact last name', 'Reyes'],
	['Contact email', 'dana@lakesidedental.example.com'],
	['Contact job title', 'Office Manager'],
	['Contact phone', '+13125550100'],
	['Street address', '200 Lake St'],
	['City', 'Chicago'],
	['State', 'IL'],
	['Postal code', '60601'],
	['Numbers to monitor', NUMBERS.join('\n')],
];

/**
 * The example as the e2e publishes it: its email through the sink, the review checked every 2
 * seconds (at most 30 times) instead of every hour; on n8n 1.x the email's attachment option
 * has its 1.x name, "Attachments" (2.x: "Attachments (File)").
 */
function onboardingWorkflow(line: N8nLine) {
	const workflow = readExample('onboard-enterprise');
	for (const node of workflow.nodes) {
		const parameters = node.parameters as Record<string, unknown>;
		if (node.type === 'n8n-nodes-base.emailSend') {
			node.credentials = { smtp: MAIL };
			if (line === 'v1') parameters.options = { attachments: 'data', appendAttribution: false };
		}
		if (node.name === 'Wait, then check again')
			Object.assign(parameters, { amount: 2, unit: 'seconds' });
		if (node.name === 'Approved?') {
			const rules = (
				parameters.rules as { values: Array<{ outputKey: string; conditions: object }> }
			).values;
			const underReview = rules.find((rule) => rule.outputKey === 'Under review')!;
			(
				underReview.conditions as { conditions: Array<{ rightValue: number }> }
			).conditions[0].rightValue = 30;
		}
	}
	return workflow;
}

function formUrl(n8n: RunningN8n): string {
	const trigger = readExample('onboard-enterprise').nodes.find(
		(node) => node.type === 'n8n-nodes-base.formTrigger',
	)!;
	return `${n8n.url}/form/${String((trigger.parameters as { options: { path: string } }).options.path)}`;
}

/** Submits the client's form as a browser does (multipart, a field-N per field). */
async function submitClient(n8n: RunningN8n): Promise<string> {
	const form = new FormData();
	CLIENT.forEach(([, value], index) => form.append(`field-${index}`, value));
	const response = await fetch(formUrl(n8n), {
		method: 'POST',
		body: form,
		headers: { 'User-Agent': BROWSER },
		signal: AbortSignal.timeout(60_000),
	}).catch((error: unknown) => String(error));
	return typeof response === 'string' ? response : `${response.status} ${await response.text()}`;
}

/** The first attachment of a message, decoded (nodemailer sends it base64). */
function attachmentOf(message: string): Buffer {
	const part = message
		.split(/\r?\n--/)
		.find((chunk) => /Content-Disposition: attachment/i.test(chunk));
	const body =
		part
			?.split(/\r?\n\r?\n/)
			.slice(1)
			.join('') ?? '';
	return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

interface Execution {
	id: string;
	status: string;
}

/** The workflow's newest execution, or none. */
async function newestExecution(n8n: RunningN8n): Promise<Execution | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const response = await fetch(`${n8n.url}/rest/executions?filter=${filter}&limit=10`, {
		headers: { cookie: n8n.cookie },
		signal: AbortSignal.timeout(30_000),
	});
	const { data } = (await response.json()) as { data: { results: Execution[] } };
	return data.results.sort((a, b) => Number(b.id) - Number(a.id))[0];
}

/** Waits for an execution newer than `after` to end; answers it (its last status seen). */
async function finishedAfter(n8n: RunningN8n, after: number): Promise<Execution | undefined> {
	let last: Execution | undefined;
	await eventuallyAsync(WITHIN_S, async () => {
		last = await newestExecution(n8n);
		return last !== undefined && Number(last.id) > after && FINISHED.includes(last.status);
	});
	return last;
}

/** What the account holds and was billed, to compare before and after a run. */
function account(sandbox: Sandbox) {
	const { state } = sandbox;
	const posts = (pattern: RegExp) =>
		sandbox.requests.filter((request) => request.method === 'POST' && pattern.test(request.path))
			.length;
	return {
		enterprises: state.enterprises.size,
		agreements: state.termsAgreements.length,
		documents: state.documents.size,
		registrations: state.registrations.size,
		charges: state.charges.length,
		enables: posts(/^\/enterprises\/[^/]+\/reputation$/),
		registers: posts(/^\/enterprises\/[^/]+\/reputation\/numbers$/),
	};
}

/** The signer: reads the LOA email, waits until n8n waits for the form, uploads the signed PDF. */
async function sign(n8n: RunningN8n, mail: SmtpSink, from: number) {
	const emailed = await eventually(WITHIN_S, () => mail.messages.length > from);
	const email = mail.messages[from] ?? '';
	const link = linksOf(email).find((href) => href.includes('/form-waiting/'));
	const execution = link?.match(/form-waiting\/(\d+)/)?.[1];
	const waiting =
		execution !== undefined &&
		(await eventuallyAsync(
			WITHIN_S,
			async () => (await readExecution(n8n, execution)).status === 'waiting',
		));
	const signed = attachmentOf(email);
	const form = new FormData();
	form.append('field-0', new Blob([signed], { type: 'application/pdf' }), 'signed-loa.pdf');
	const uploaded = link
		? await fetch(link, {
				method: 'POST',
				body: form,
				headers: { 'User-Agent': BROWSER },
				signal: AbortSignal.timeout(60_000),
			})
				.then((response) => response.status)
				.catch(String)
		: 'no link';
	return { emailed, email: decodedBody(email), link, execution, waiting, signed, uploaded };
}

export async function checkOnboarding(
	n8nInstall: N8n,
	line: N8nLine,
	userFolder: string,
	sandbox: Sandbox,
): Promise<void> {
	step('Onboarding: the example published, from a form submission to registered numbers');
	const { state } = sandbox;
	state.addInventory(NUMBERS);
	// Telnyx's review, played by the sandbox: approved 3 seconds after Enable.
	state.reviewDelayMs = 3000;
	const mail = await startSmtpSink();
	const credential = await importCredentials(n8nInstall, userFolder, [
		smtpCredential(mail, MAIL.id, MAIL.name),
	]);
	check('n8n imports the onboarding mail credential', credential.status === 0, credential.stderr);
	const imported = await importWorkflow(
		n8nInstall,
		userFolder,
		onboardingWorkflow(line),
		WORKFLOW_ID,
	);
	check('n8n imports the onboarding example', imported.status === 0, imported.stderr);
	const n8n = await startN8n(n8nInstall, userFolder, await freePort());
	let ok = true;
	const verify = (name: string, passed: boolean, detail?: string) => {
		ok = check(name, passed, detail) && ok;
	};
	try {
		const problem = await setWorkflowActive(n8n, WORKFLOW_ID, true);
		verify('the onboarding example publishes', problem === '', problem);
		verify("the client's form is served", await servedAfterPublishing(formUrl(n8n)));
		const before = account(sandbox);
		const submitted = await submitClient(n8n);
		const signer = await sign(n8n, mail, 0);
		verify(
			'the signer is emailed the LOA Generate LOA made (a PDF attached) and the link of the upload form',
			signer.emailed &&
				signer.signed.equals(loaPdf('Lakeside Dental LLC')) &&
				signer.email.includes('Lakeside Dental LLC'),
			`form answered ${submitted}; ${signer.email.slice(0, 1500)}`,
		);
		verify(
			"n8n waits for the signer's form, which takes the signed PDF",
			signer.waiting && signer.uploaded === 200,
			`${String(signer.link)} waiting: ${signer.waiting}, upload answered ${signer.uploaded}`,
		);
		const first = await finishedAfter(n8n, Number(signer.execution ?? 0) - 1);
		const enterprise = [...state.enterprises.values()].find(
			(candidate) => candidate.legal_name === 'Lakeside Dental LLC',
		);
		const [document] = [...state.documents.values()].slice(before.documents);
		const registered = enterprise ? state.registrationsOf(enterprise.id) : [];
		const firstText = first ? (await readExecution(n8n, first.id)).text : '';
		verify(
			'the run ends once Telnyx approved, with the numbers registered on the new enterprise',
			first?.status === 'success' &&
				enterprise?.fein === '36-1234567' &&
				JSON.stringify(registered.map((registration) => registration.phone_number).sort()) ===
					JSON.stringify(NUMBERS),
			`${JSON.stringify(first)} ${JSON.stringify(enterprise)} ${firstText.slice(-3000)}`,
		);
		const reviewReads = sandbox.requests.filter(
			(request) =>
				request.method === 'GET' && request.path === `/enterprises/${enterprise?.id}/reputation`,
		).length;
		verify(
			'while Telnyx reviews, the run waits and reads the review status again (free reads), then goes on',
			reviewReads >= 2,
			`${reviewReads} reads of the settings`,
		);
		verify(
			'Upload LOA sent the signed PDF, byte for byte; Enable linked it, and the review approved both',
			document?.content.equals(signer.signed) === true &&
				enterprise?.reputation?.loa_document_id === document.id &&
				enterprise.reputation.status === 'approved' &&
				enterprise.reputation.loa_status === 'approved',
			JSON.stringify(enterprise?.reputation),
		);
		const afterFirst = account(sandbox);
		verify(
			'one of each: terms agreed, enterprise created, document uploaded, Enable sent and billed (USD 100), numbers registered in one request',
			afterFirst.enterprises === before.enterprises + 1 &&
				afterFirst.agreements === before.agreements + (before.agreements ? 0 : 1) &&
				afterFirst.documents === before.documents + 1 &&
				afterFirst.enables === before.enables + 1 &&
				afterFirst.registers === before.registers + 1 &&
				state.charges
					.slice(before.charges)
					.map((charge) => charge.usd)
					.join() === '100',
			JSON.stringify({ before, afterFirst }),
		);

		step('The same client submitted again: every step finds its work done');
		const submittedAgain = await submitClient(n8n);
		const second = await finishedAfter(n8n, Number(first?.id ?? 0));
		const afterSecond = account(sandbox);
		verify(
			'the second run succeeds without the signer: no email, no form to wait for',
			second?.status === 'success' && mail.messages.length === 1,
			`form answered ${submittedAgain}; ${JSON.stringify(second)} ${mail.messages.length} emails`,
		);
		verify(
			'it creates nothing and bills nothing: no agreement, enterprise, document, Enable or Register request, no charge',
			JSON.stringify(afterSecond) === JSON.stringify(afterFirst),
			JSON.stringify({ afterFirst, afterSecond }),
		);
	} finally {
		state.reviewDelayMs = null;
		if (!ok) console.log(`n8n's log, the end:\n${n8n.log().slice(-4000)}`);
		await n8n.stop();
		await mail.close();
	}
}
