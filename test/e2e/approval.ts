// A billable tool behind n8n's human review of tool calls (n8n 2.x): the "Remediate flagged
// caller IDs with approval" example, published. The scripted model asks for a remediation; the
// call waits for a person: the approval email arrives at a mail sink (support/n8n/smtpSink.ts)
// and nothing reaches Telnyx until its Approve link is followed; a declined call sends nothing.
import type { RunningN8n } from '../../support/n8n/n8n';
import { readExample } from '../../support/n8n/n8n';
import type { ChatRequest, ScriptedModel } from '../../support/model/server';
import { textOf } from '../../support/model/server';
import type { SmtpSink } from '../../support/n8n/smtpSink';
import { decodedBody, linksOf, smtpCredential } from '../../support/n8n/smtpSink';
import { turnHighRisk } from '../../support/sandbox/controls';
import type { Sandbox } from '../../support/sandbox/server';
import { step } from './report';
import { eventually, eventuallyAsync, servedAfterPublishing } from './wait';

export const APPROVAL_WORKFLOW_ID = 'remediateWithApproval';
const EXAMPLE = 'remediate-with-approval';
const SUBMIT_TOOL = 'Request_remediation';
/**
 * The person's browser. n8n records no answer from a client it takes for a bot (Node's fetch
 * among them: it answers 200 with an empty page), so that mail scanners cannot approve.
 */
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
/** How long a person's answer may take to reach the agent and Telnyx on a busy machine. */
const WITHIN_S = 120;

/** The example as the e2e publishes it: its chat open at n8n's chat URL. */
export function approvalWorkflow() {
	const workflow = readExample(EXAMPLE);
	for (const node of workflow.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger') {
			Object.assign(node.parameters as object, { public: true, options: {} });
		}
	}
	return workflow;
}

/** The mail account the example's review step sends with, pointed at the sink. */
export function approvalMailCredential(sink: SmtpSink) {
	return smtpCredential(sink, 'approvalMail', 'Approval mail');
}

function chatUrl(n8n: RunningN8n): string {
	const trigger = readExample(EXAMPLE).nodes.find(
		(node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger',
	)!;
	return `${n8n.url}/webhook/${String(trigger.webhookId)}/chat`;
}

/** A chat message sent and not awaited: the agent's turn waits for the person's answer. */
function sendChat(n8n: RunningN8n, sessionId: string, chatInput: string) {
	fetch(chatUrl(n8n), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
		signal: AbortSignal.timeout(WITHIN_S * 1000),
	})
		.then(async (response) => await response.text())
		.catch(() => {});
}

const toolResultsOf = (request: ChatRequest) =>
	request.messages.filter((message) => message.role === 'tool').map(textOf);

/** The remediation requests Telnyx received since `from`. */
function submissions(sandbox: Sandbox, from: number) {
	return sandbox.requests
		.slice(from)
		.filter((request) => request.method === 'POST' && request.path.endsWith('/remediation'));
}

/**
 * The model asks once for a remediation of `number`, then answers with the tool's result. A
 * reviewed tool's schema holds the tool's own parameters under `toolParameters` (and the review
 * node's under `hitlParameters`, none in the example): a model fills it as offered.
 */
function asksForRemediation(number: string) {
	return (request: ChatRequest) => {
		const results = toolResultsOf(request);
		if (results.length === 0)
			return {
				toolCalls: [
					{
						name: SUBMIT_TOOL,
						arguments: { toolParameters: { phone_numbers: number }, hitlParameters: {} },
					},
				],
			};
		return { content: `Remediation: ${results[results.length - 1]}` };
	};
}

/** An execution as n8n's REST API gives it (its JSON text), or why it could not be read. */
async function executionText(n8n: RunningN8n, id: string): Promise<string> {
	return await fetch(`${n8n.url}/rest/executions/${id}`, {
		headers: { cookie: n8n.cookie },
		signal: AbortSignal.timeout(30_000),
	})
		.then(async (response) => await response.text())
		.catch(String);
}

function isWaiting(text: string): boolean {
	try {
		return (JSON.parse(text) as { data?: { status?: string } }).data?.status === 'waiting';
	} catch {
		return false;
	}
}

/** Sends the chat, waits for the approval email, follows its link for `answer`; returns what it saw. */
async function reviewOnce(
	n8n: RunningN8n,
	sandbox: Sandbox,
	model: ScriptedModel,
	mail: SmtpSink,
	number: string,
	answer: 'approved' | 'declined',
) {
	model.script(asksForRemediation(number));
	const [fromMail, fromSandbox, fromModel] = [
		mail.messages.length,
		sandbox.requests.length,
		model.requests.length,
	];
	sendChat(n8n, `review-${answer}`, `Submit ${number} for remediation`);
	const emailed = await eventually(WITHIN_S, () => mail.messages.length > fromMail);
	const email = mail.messages[fromMail] ?? '';
	const sentBeforeAnswer = submissions(sandbox, fromSandbox).length;
	const link = linksOf(email).find((href) =>
		href.includes(`approved=${answer === 'approved' ? 'true' : 'false'}`),
	);
	const execution = link?.match(/webhook-waiting\/(\d+)\//)?.[1];
	// n8n sends the email from inside the execution, before it records the execution as waiting;
	// a link followed in between is answered 409 (seen with both cores busy). A person is slower.
	if (execution)
		await eventuallyAsync(WITHIN_S, async () => isWaiting(await executionText(n8n, execution)));
	const followed = link
		? (
				await fetch(link, {
					headers: { 'User-Agent': BROWSER },
					signal: AbortSignal.timeout(30_000),
				}).catch(() => undefined)
			)?.status
		: undefined;
	// The agent's next turn holds the tool's result: the review is over, whatever it decided.
	const resultReached = await eventually(WITHIN_S, () =>
		model.requests.slice(fromModel).some((request) => toolResultsOf(request).length > 0),
	);
	if (answer === 'approved') {
		await eventuallyAsync(WITHIN_S, async () => submissions(sandbox, fromSandbox).length > 0);
	}
	const run = execution ? await executionText(n8n, execution) : 'no link';
	const offered = model.requests[fromModel]?.tools?.find(
		(tool) => tool.function.name === SUBMIT_TOOL,
	);
	return {
		offered: JSON.stringify(offered?.function.parameters ?? {}),
		run,
		emailed,
		email: decodedBody(email),
		sentBeforeAnswer,
		followed,
		resultReached,
		sent: submissions(sandbox, fromSandbox),
	};
}

export async function checkApproval(
	n8n: RunningN8n,
	sandbox: Sandbox,
	model: ScriptedModel,
	mail: SmtpSink,
	verify: (name: string, ok: boolean, detail?: string) => void,
): Promise<void> {
	step("A billable tool waits for a person's approval (n8n's human review of tool calls)");
	verify("the approval example's chat URL opens", await servedAfterPublishing(chatUrl(n8n)));
	const number = '+19493253498';
	const before = sandbox.state.registrations.get(number)?.reputation_data;
	turnHighRisk(sandbox.state, number);
	try {
		const approved = await reviewOnce(n8n, sandbox, model, mail, number, 'approved');
		verify(
			"the model is offered the billable tool through the review: the tool's parameters under toolParameters",
			approved.offered.includes('toolParameters') && approved.offered.includes('phone_numbers'),
			approved.offered,
		);
		verify(
			'the person is emailed what the agent wants to bill: the number and the price',
			approved.emailed && approved.email.includes(number) && approved.email.includes('USD 1'),
			approved.email
				.replace(/<[^>]*>/g, ' ')
				.replace(/\s+/g, ' ')
				.slice(0, 1500),
		);
		verify(
			'nothing reaches Telnyx while the approval waits',
			approved.sentBeforeAnswer === 0,
			`${approved.sentBeforeAnswer} remediation requests before the answer`,
		);
		verify(
			'approved: the remediation is submitted once, for that number, and the agent gets the result',
			approved.followed === 200 &&
				approved.resultReached &&
				approved.sent.length === 1 &&
				JSON.stringify(approved.sent[0].body).includes(number),
			`link answered ${approved.followed}; ${JSON.stringify(approved.sent)}; execution: ${approved.run.slice(0, 6000)}`,
		);
		const declined = await reviewOnce(n8n, sandbox, model, mail, number, 'declined');
		verify(
			'declined: the agent is told, and nothing is sent or billed',
			declined.emailed &&
				declined.followed === 200 &&
				declined.resultReached &&
				declined.sent.length === 0,
			`link answered ${declined.followed}; ${JSON.stringify(declined.sent)}`,
		);
	} finally {
		if (before) sandbox.state.setReputation(number, { ...before });
	}
}
