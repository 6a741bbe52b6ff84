import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One throwaway folder for the run; each test file makes its n8n user folder inside it (test/setup.ts). */
export default function globalSetup(): void {
	process.env.TELNYX_TEST_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-telnyx-test-'));
}
