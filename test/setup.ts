import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { setSafeRegexEngine } from 'n8n-workflow';

// n8n-core writes its instance settings file under the user folder: keep it out of $HOME, in
// the run's folder, which test/globalTeardown.ts removes.
process.env.N8N_USER_FOLDER ??= mkdtempSync(
	join(process.env.TELNYX_TEST_FOLDER ?? tmpdir(), 'user-'),
);
// n8n's logger writes to a file the tests read, to check that no secret reaches a log line.
process.env.N8N_LOG_OUTPUT = 'file';
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_FILE_LOCATION = join(process.env.N8N_USER_FOLDER, 'n8n.log');

// n8n-workflow runs the regular expressions of node descriptions (a locator's UUID check, before
// every execution) in a vm under a 250 ms wall-clock watchdog, and fails the execution past it
// ("Regular expression execution timed out": seen once with both cores busy, the test process
// waiting that long for a core). The engine is n8n's to choose (`setSafeRegexEngine`, for its
// hosts); the patterns are the package's own fixed ones, so the tests, as a host, run them natively.
setSafeRegexEngine({
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) =>
		input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) => [
		...input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`)),
	],
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
});
