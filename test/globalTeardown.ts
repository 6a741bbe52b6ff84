import { rmSync } from 'node:fs';

/** Removes the run's throwaway folder (test/globalSetup.ts). */
export default function globalTeardown(): void {
	const folder = process.env.TELNYX_TEST_FOLDER;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
