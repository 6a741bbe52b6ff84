// What the e2e prints: a line per check, and the closing count.
const checks: Array<[string, boolean]> = [];

export function check(name: string, ok: boolean, detail?: string): boolean {
	checks.push([name, ok]);
	console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `\n    ${detail}`}`);
	return ok;
}

export function step(title: string): void {
	console.log(`\n== ${title}`);
}

/** "e2e: N passed, N failed"; the process fails when any check did. */
export function finish(): void {
	const failed = checks.filter(([, ok]) => !ok).length;
	console.log(`\ne2e: ${checks.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}
