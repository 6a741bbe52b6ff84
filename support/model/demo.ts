import type { ChatRequest, Turn } from './server';
import { textOf } from './server';

type Json = Record<string, unknown>;

/** One item of a tool's result, read for a person. */
function line(record: Json): string {
	if (record.error) return String(record.error);
	// Get Many's first item as a tool: how many match, how many are listed.
	if (typeof record.note === 'string') return record.note;
	// Get Pool Summary: from node version 1.3 its first sentence, with what monitoring costs.
	if (typeof record.summary === 'string') return record.summary;
	if (typeof record.spam_risk === 'object' && record.spam_risk !== null) {
		const risk = record.spam_risk as Json;
		return `${String(record.numbers)} numbers: ${String(record.healthy)} healthy; ${String(risk.high)} high risk, ${String(risk.medium)} medium, ${String(record.never_checked)} never checked; area codes without a healthy number: ${JSON.stringify(record.area_codes_without_healthy)}`;
	}
	// A number, simplified (flat) or as the API returns it (under reputation_data).
	const scores = (record.reputation_data ?? ('spam_risk' in record ? record : null)) as Json | null;
	if (!scores?.spam_risk) return `${String(record.phone_number)}: no scores yet`;
	return `${String(record.phone_number)}: ${String(scores.spam_risk)} spam risk; maturity ${String(scores.maturity_score)}, connection ${String(scores.connection_score)}, engagement ${String(scores.engagement_score)}, sentiment ${String(scores.sentiment_score)}`;
}

/** A tool result read for a person, or the text as it came. */
function summary(result: string): string {
	try {
		return (JSON.parse(result) as Json[]).map(line).join('\n');
	} catch {
		return result;
	}
}

/** The tool whose name matches, and what to ask it, for the last message. */
function toolCall(request: ChatRequest, message: string) {
	const named = (pattern: RegExp) =>
		request.tools?.find(({ function: { name } }) => pattern.test(name))?.function.name;
	const pool = named(/pool/i);
	if (pool && /healthy|pool|summary|cost|spend|budget/i.test(message))
		return { name: pool, arguments: {} };
	const find = named(/attention/i);
	if (find && /high risk|flagged|never checked/i.test(message)) {
		const args = {
			spam_risk_at_least: /high risk/i.test(message) ? 'high' : '',
			flagged_only: /flagged/i.test(message),
			never_checked_only: /never checked/i.test(message),
			limit: 1000,
		};
		return { name: find, arguments: args };
	}
	const number = message.match(/\+?[\d\s().-]{10,}\d/)?.[0];
	const lookUp = named(/reputation/i);
	return number && lookUp
		? { name: lookUp, arguments: { phone_number: number.trim() } }
		: undefined;
}

/**
 * The dev editor's stand-in for a model: for "how healthy is our pool?" or "what does our
 * monitoring cost?" it calls the pool summary, for "which numbers are high risk / flagged /
 * never checked?" the attention list, and otherwise it looks up the first phone number of the
 * message; then it answers with what the tool returned. Enough to try the agent example without an OpenAI key; a real model decides
 * for itself.
 */
export function demoModel(request: ChatRequest): Turn {
	const last = request.messages[request.messages.length - 1];
	if (last?.role === 'tool')
		return { content: `Here is what Telnyx says:\n${summary(textOf(last))}` };
	const call = toolCall(request, textOf(last ?? { role: 'user', content: '' }));
	if (!call) {
		return {
			content:
				'Ask me about one of your caller IDs ("Is +1 949 325 3498 flagged?"), "Which of our numbers are high risk?", "How healthy is our pool?" or "What does our monitoring cost?"',
		};
	}
	return { toolCalls: [call] };
}
