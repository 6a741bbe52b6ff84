/**
 * Everything written to the console during the tests (n8n's logger and error reporter
 * write there), kept for the checks that the API key never appears in a log line.
 * Printed too when DEBUG_LOGS is set.
 */
export const capturedLogs: string[] = [];

export function captureConsole(): void {
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const original = console[method].bind(console);
		console[method] = (...args: unknown[]) => {
			capturedLogs.push(`console.${method} ${args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' ')}`);
			if (process.env.DEBUG_LOGS) original(...args);
		};
	}
}
