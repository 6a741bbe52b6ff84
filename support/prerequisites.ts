// What the development commands need from the machine beyond npm (Debian's packages, as
// .ci/run installs them), checked before their minutes of setup: a missing one is named with
// the one command that installs it, instead of a launcher's stack trace after the setup.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Prerequisite {
	/** What a person reads: "Chromium". */
	what: string;
	/** The Debian package that brings it. */
	debianPackage: string;
	present(): boolean;
}

const executable = (path: string) => {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

const onPath = (command: string) =>
	(process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, command)));

/** The browser the e2e and the screenshots drive (playwright-core, no browser download). */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** PostgreSQL's server programs (initdb, pg_ctl): Debian keeps them per version, off the PATH. */
export function postgresBin(): string | undefined {
	let versions: string[] = [];
	try {
		versions = readdirSync('/usr/lib/postgresql').sort().reverse();
	} catch {
		return undefined;
	}
	const bin = versions.map((version) => `/usr/lib/postgresql/${version}/bin`);
	return bin.find((dir) => executable(join(dir, 'initdb')) && executable(join(dir, 'pg_ctl')));
}

export const CHROMIUM: Prerequisite = {
	what: `Chromium (${chromiumPath()}; CHROMIUM_PATH names another)`,
	debianPackage: 'chromium',
	present: () => executable(chromiumPath()),
};

export const REDIS: Prerequisite = {
	what: 'Redis (redis-server and redis-cli)',
	debianPackage: 'redis-server',
	present: () => onPath('redis-server') && onPath('redis-cli'),
};

export const POSTGRESQL: Prerequisite = {
	what: 'PostgreSQL (initdb and pg_ctl under /usr/lib/postgresql, psql)',
	debianPackage: 'postgresql',
	present: () => postgresBin() !== undefined && onPath('psql'),
};

/** What `command` lacks of `needs`, and the one command that installs all of it; undefined when nothing. */
export function missingPrerequisites(command: string, needs: Prerequisite[]): string | undefined {
	const missing = needs.filter((need) => !need.present());
	if (!missing.length) return undefined;
	const install = `apt-get install -y ${missing.map((need) => need.debianPackage).join(' ')}`;
	return [
		`${command} needs what this machine lacks:`,
		...missing.map((need) => `  - ${need.what}`),
		'Install it with:',
		`  ${process.getuid?.() === 0 ? install : `sudo ${install}`}`,
	].join('\n');
}

/** Stops `command` (exit status 1) with what it lacks of `needs`, before it sets anything up. */
export function requirePrerequisites(command: string, needs: Prerequisite[]): void {
	const missing = missingPrerequisites(command, needs);
	if (!missing) return;
	console.error(missing);
	process.exit(1);
}
