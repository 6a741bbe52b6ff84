import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its instance settings file under the user folder: keep it out of $HOME, in
// the run's folder, which test/globalTeardown.ts removes.
process.env.N8N_USER_FOLDER ??= mkdtempSync(
	join(process.env.TELNYX_TEST_FOLDER ?? tmpdir(), 'user-'),
);
// n8n's logger writes to a file the tests read, to check that no secret reaches a log line.
process.env.N8N_LOG_OUTPUT = 'file';
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_FILE_LOCATION = join(process.env.N8N_USER_FOLDER, 'n8n.log');
