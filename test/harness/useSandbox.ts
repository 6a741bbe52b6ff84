import type { Sandbox } from '../../support/sandbox/server';
import { startSandbox } from '../../support/sandbox/server';

/** A key that must never be seen anywhere but in the Authorization header. */
export const SECRET_KEY = 'KEY019F2C_s3cr3t-never-shown';

/** One sandbox per test file, on a random port, emptied before each test. */
export function useSandbox() {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ apiKey: SECRET_KEY });
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox?.reset());
	return {
		get sandbox(): Sandbox {
			if (!sandbox) throw new Error('sandbox not started');
			return sandbox;
		},
		get credential() {
			return { apiKey: SECRET_KEY, baseUrl: this.sandbox.url };
		},
	};
}

/** Every string reachable from a value, own non-enumerable properties (message, stack) included. */
export function allText(value: unknown, seen = new Set<unknown>()): string {
	if (typeof value === 'string') return value;
	if (typeof value !== 'object' || value === null || seen.has(value)) return '';
	seen.add(value);
	return Object.getOwnPropertyNames(value)
		.map((key) => `${key} ${allText((value as Record<string, unknown>)[key], seen)}`)
		.join('\n');
}
