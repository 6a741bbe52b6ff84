import type { ChatRequest, Turn } from './server';
import { textOf } from './server';

/** A tool result read for a person: each number's risk and scores, or the text as it came. */
function summary(result: string): string {
	try {
		const records = JSON.parse(result) as Array<Record<string, unknown>>;
		const lines = records.map(({ phone_number, reputation_data: data, error }) => {
			if (error) return String(error);
			const scores = (data ?? {}) as Record<string, unknown>;
			if (!data) return `${String(phone_number)}: no scores yet`;
			return `${String(phone_number)}: ${String(scores.spam_risk)} spam risk; maturity ${String(scores.maturity_score)}, connection ${String(scores.connection_score)}, engagement ${String(scores.engagement_score)}, sentiment ${String(scores.sentiment_score)}`;
		});
		return lines.join('\n');
	} catch {
		return result;
	}
}

/**
 * The dev editor's stand-in for a model: it looks up the first phone number of the last chat
 * message with the tool whose name says reputation, then answers with what the tool returned.
 * Enough to try the agent example without an OpenAI key; a real model decides for itself.
 */
export function demoModel(request: ChatRequest): Turn {
	const last = request.messages[request.messages.length - 1];
	if (last?.role === 'tool')
		return { content: `Here is what Telnyx says:\n${summary(textOf(last))}` };
	const number = textOf(last ?? { role: 'user', content: '' }).match(/\+?[\d\s().-]{10,}\d/)?.[0];
	const tool = request.tools?.find(({ function: { name } }) => /reputation/i.test(name));
	if (!number || !tool) {
		return { content: 'Ask me about one of your caller IDs, e.g. "Is +1 949 325 3498 flagged?"' };
	}
	return { toolCalls: [{ name: tool.function.name, arguments: { phone_number: number.trim() } }] };
}
