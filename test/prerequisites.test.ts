// The development commands on a machine without Debian's Chromium, Redis or PostgreSQL: a clear
// word and the one command that installs them, before any setup, instead of a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Runs a command's script as npm would, with Node alone on the PATH (nothing of Debian's). */
function runBare(script: string, env: Record<string, string> = {}) {
	const tmp = mkdtempSync(join(tmpdir(), 'prerequisites-'));
	const bin = join(tmp, 'bin');
	mkdirSync(bin);
	symlinkSync(process.execPath, join(bin, 'node'));
	const result = spawnSync(
		process.execPath,
		[require.resolve('ts-node/dist/bin.js'), '--transpile-only', '--prefer-ts-exts', script],
		{
			cwd: root,
			env: { PATH: bin, HOME: tmp, TMPDIR: tmp, ...env },
			encoding: 'utf8',
			// Bounded: a check that failed to stop the command would start minutes of setup.
			timeout: 60_000,
			killSignal: 'SIGKILL',
		},
	);
	// The commands' own work folders (telnyx-queue-…, telnyx-e2e-…): none, nothing was set up.
	const workFolders = readdirSync(tmp).filter((name) => name.startsWith('telnyx-'));
	return { ...result, workFolders };
}

describe('A development command on a machine that lacks what it needs', () => {
	test('npm run test:queue names Redis, PostgreSQL and OpenSSL and the apt-get that installs them, and sets nothing up', () => {
		const result = runBare('test/e2e/queue.ts');

		expect(result.status).toBe(1);
		expect(result.stderr).toBe(
			[
				'npm run test:queue needs what this machine lacks:',
				'  - Redis (redis-server and redis-cli)',
				'  - PostgreSQL (initdb and pg_ctl under /usr/lib/postgresql, psql)',
				'  - OpenSSL (openssl)',
				'Install it with:',
				`  ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y redis-server postgresql openssl`,
				'',
			].join('\n'),
		);
		expect(result.stdout).toBe('');
		expect(result.workFolders).toEqual([]);
	});

	test('npm run test:e2e names Chromium, where it looked, and the apt-get that installs it', () => {
		const result = runBare('test/e2e/run.ts', { CHROMIUM_PATH: '/nowhere/chromium' });

		expect(result.status).toBe(1);
		expect(result.stderr).toContain('npm run test:e2e needs what this machine lacks:');
		expect(result.stderr).toContain(
			'  - Chromium (/nowhere/chromium; CHROMIUM_PATH names another)',
		);
		expect(result.stderr).toContain('apt-get install -y chromium\n');
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(result.workFolders).toEqual([]);
	});
});
