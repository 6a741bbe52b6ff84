// n8n's own AI Agent with this package's nodes as its tools: the "Ask about a caller ID" example
// (Chat Trigger → AI Agent → OpenAI Chat Model + two Telnyx tools), published in a running n8n,
// its model a scripted OpenAI-compatible server. A chat message goes to n8n's chat URL; the
// script calls the tools as a model would; the checks read what the sandbox was asked, what the
// model was sent back, and what the chat answered.
import type { RunningN8n } from '../../support/n8n/n8n';
import { readExample } from '../../support/n8n/n8n';
import type { ChatMessage, ChatRequest, ScriptedModel } from '../../support/model/server';
import { textOf } from '../../support/model/server';
import type { Sandbox } from '../../support/sandbox/server';
import {
	answersCost,
	answersHighRisk,
	answersPoolHealth,
	FIND_TOOL,
	HIGH_RISK_ARGUMENTS,
	onlyFreeListReads,
	SUMMARY_TOOL,
} from './poolAnswers';
import { step } from './report';
import { servedAfterPublishing } from './wait';

export const AGENT_WORKFLOW_ID = 'askAboutCallerId';

const GET_TOOL = 'Get_caller_ID_reputation';
const LIST_TOOL = 'List_monitored_numbers';

/** The example as the e2e publishes it: its chat open at n8n's chat URL, the agent's answer the reply. */
export function agentWorkflow() {
	const workflow = readExample('ask-about-a-caller-id');
	for (const node of workflow.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.chatTrigger') {
			Object.assign(node.parameters as object, {
				public: true,
				options: { responseMode: 'lastNode' },
			});
		}
	}
	return workflow;
}

/** The example's production chat URL, made of its chat trigger's webhook ID. */
function chatUrl(n8n: RunningN8n): string {
	const trigger = readExample('ask-about-a-caller-id').nodes.find(
		(node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger',
	)!;
	return `${n8n.url}/webhook/${String(trigger.webhookId)}/chat`;
}

/** n8n registers a published chat's URL a moment after the publish call answers. */
async function chatOpens(n8n: RunningN8n): Promise<boolean> {
	return await servedAfterPublishing(chatUrl(n8n));
}

async function chat(n8n: RunningN8n, sessionId: string, chatInput: string) {
	const response = await fetch(chatUrl(n8n), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
		signal: AbortSignal.timeout(120_000),
	});
	const text = await response.text();
	try {
		return { status: response.status, output: String(JSON.parse(text).output ?? text) };
	} catch {
		return { status: response.status, output: text };
	}
}

/** The tool results the agent sent the model in a request. */
function toolResults(request: ChatRequest | undefined): ChatMessage[] {
	return (request?.messages ?? []).filter((message) => message.role === 'tool');
}

/** A model that calls `tool` once with `args`, then answers with what it got back. */
function callOnce(tool: string, args: Record<string, unknown>) {
	return (request: ChatRequest) => {
		const results = toolResults(request);
		if (results.length === 0) return { toolCalls: [{ name: tool, arguments: args }] };
		return { content: `The tool said: ${textOf(results[results.length - 1])}` };
	};
}

export async function checkAgent(
	n8n: RunningN8n,
	sandbox: Sandbox,
	model: ScriptedModel,
	verify: (name: string, ok: boolean, detail?: string) => void,
): Promise<void> {
	step("n8n's AI Agent calls the Telnyx tools: a number's reputation, asked in words");
	verify("the published chat's URL opens", await chatOpens(n8n));
	const number = '+19493253498';
	model.script(callOnce(GET_TOOL, { phone_number: '(949) 325-3498' }));
	let [fromRequest, fromSandbox] = [model.requests.length, sandbox.requests.length];
	const answer = await chat(n8n, 'caller-id', 'Is our caller ID (949) 325-3498 flagged?');
	const [first, second] = model.requests.slice(fromRequest);
	const offered = new Map(first?.tools?.map((tool) => [tool.function.name, tool.function]));
	verify(
		'the model was offered both tools, each with a description and the parameters it fills',
		offered.get(GET_TOOL)?.description.includes('reputation') === true &&
			JSON.stringify(offered.get(GET_TOOL)?.parameters).includes('phone_number') &&
			JSON.stringify(offered.get(LIST_TOOL)?.parameters).includes('digits'),
		JSON.stringify(first?.tools),
	);
	const asked = sandbox.requests.slice(fromSandbox);
	verify(
		'the sandbox received exactly the request the model asked for: that number, in E.164, free',
		asked.length === 1 &&
			asked[0].method === 'GET' &&
			asked[0].path === '/reputation/numbers' &&
			asked[0].query['filter[phone_number][eq]'] === number &&
			asked[0].query.fresh === undefined &&
			asked[0].authorized,
		JSON.stringify(asked),
	);
	const result = toolResults(second).map(textOf).join('\n');
	const stored = sandbox.state.registrations.get(number)?.reputation_data;
	verify(
		"the model received the tool's result in the next turn: the number's reputation",
		result.includes(number) && stored !== null && result.includes(String(stored?.spam_risk)),
		result.slice(0, 1000),
	);
	verify(
		"the agent answered in the chat with the model's reply",
		answer.status === 200 && answer.output.startsWith('The tool said:'),
		`${answer.status} ${answer.output.slice(0, 500)}`,
	);

	step('The monitored numbers with a filter the model chose');
	model.script(callOnce(LIST_TOOL, { digits: '94932', limit: 5 }));
	[fromRequest, fromSandbox] = [model.requests.length, sandbox.requests.length];
	const listed = await chat(n8n, 'list', 'Which of our numbers contain 94932?');
	const list = sandbox.requests.slice(fromSandbox);
	verify(
		// At the largest page, not the limit: the records are checked against the filter sent, so
		// a server that ignores it still yields the limit's worth of matches (queryFilters.ts).
		'the sandbox received one free list read with that filter, at the largest page',
		list.length === 1 &&
			list[0].path === '/reputation/numbers' &&
			list[0].query['filter[phone_number][contains]'] === '94932' &&
			list[0].query['page[size]'] === '250',
		JSON.stringify(list),
	);
	const listResult = toolResults(model.requests[fromRequest + 1])
		.map(textOf)
		.join('\n');
	verify(
		'the model received the matching numbers',
		listResult.includes(number) && !listResult.includes('+12134445566'),
		listResult.slice(0, 1000),
	);
	verify('the agent answered', listed.status === 200, `${listed.status} ${listed.output}`);

	step('A tool failure reaches the model as a readable error, and the agent goes on');
	model.script(callOnce(GET_TOOL, { phone_number: '+12125550000' }));
	fromRequest = model.requests.length;
	const failed = await chat(n8n, 'unknown', 'Is +1 212 555 0000 flagged?');
	const failure = toolResults(model.requests[fromRequest + 1])
		.map(textOf)
		.join('\n');
	verify(
		'the model received an error that says the number is not monitored',
		/not monitored|not found/i.test(failure) && failure.includes('+12125550000'),
		failure.slice(0, 1000),
	);
	verify(
		"the agent went on and answered with the model's reply",
		failed.status === 200 && failed.output.startsWith('The tool said:'),
		`${failed.status} ${failed.output.slice(0, 500)}`,
	);
	const pool = await checkPoolQuestions(n8n, sandbox, model, verify);
	verify(
		'the API key reached neither the model nor the chat',
		!JSON.stringify(model.requests).includes(sandbox.state.apiKey) &&
			![answer, listed, failed, ...pool].some((reply) =>
				reply.output.includes(sandbox.state.apiKey),
			),
	);
}

/**
 * "Which of our numbers are high risk?", "how healthy is our pool?" and "what does our
 * monitoring cost?": one tool call each, free reads only, nothing billed.
 */
async function checkPoolQuestions(
	n8n: RunningN8n,
	sandbox: Sandbox,
	model: ScriptedModel,
	verify: (name: string, ok: boolean, detail?: string) => void,
) {
	const replies = [];
	for (const [question, tool, args, answers] of [
		['Which of our numbers are high risk?', FIND_TOOL, HIGH_RISK_ARGUMENTS, answersHighRisk],
		['How healthy is our pool?', SUMMARY_TOOL, {}, answersPoolHealth],
		['What does our monitoring cost?', SUMMARY_TOOL, {}, answersCost],
	] as const) {
		step(`"${question}" over the 50,000-number enterprise: one tool call, a complete answer`);
		model.script(callOnce(tool, args));
		const [fromRequest, fromSandbox] = [model.requests.length, sandbox.requests.length];
		const charges = sandbox.state.charges.length;
		const reply = await chat(n8n, question, question);
		replies.push(reply);
		const [first, second, ...more] = model.requests.slice(fromRequest);
		verify(
			`the model was offered ${tool}`,
			first?.tools?.some((offered) => offered.function.name === tool) === true,
			JSON.stringify(first?.tools?.map((offered) => offered.function.name)),
		);
		const results = toolResults(second);
		verify(
			'one tool call, answered in the next turn',
			results.length === 1 && more.length === 0,
			`${results.length} results, ${more.length} more requests`,
		);
		const reads = onlyFreeListReads(sandbox.requests.slice(fromSandbox));
		verify(
			"the sandbox received only free reads: lists of 250 and the enterprises' settings",
			reads.ok,
			reads.detail,
		);
		verify(
			'nothing billable ran: the sandbox billed nothing',
			sandbox.state.charges.length === charges,
			JSON.stringify(sandbox.state.charges.slice(charges)),
		);
		const verdict = answers(textOf(results[0] ?? { role: 'tool', content: '' }), sandbox);
		verify('the model received the complete answer', verdict.ok, verdict.detail);
		verify(
			'the agent answered',
			reply.status === 200 && reply.output.startsWith('The tool said:'),
			`${reply.status} ${reply.output.slice(0, 300)}`,
		);
	}
	return replies;
}
