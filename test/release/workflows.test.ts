// scripts/check-workflows.mjs, as CI runs it: the publish workflow passes, and the broken
// expression it shipped with (`NPM_TOKEN: $`) and its kin fail.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const script = join(root, 'scripts/check-workflows.mjs');
const published = readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8');

function check(text: string): { ok: boolean; output: string } {
	const file = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'publish.yml');
	writeFileSync(file, text);
	try {
		return {
			ok: true,
			output: execFileSync('node', [script, file], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		};
	} catch (error) {
		return { ok: false, output: String((error as { stderr: string }).stderr) };
	}
}

describe('the workflow check', () => {
	it('passes the publish workflow, which publishes with the secret or through OIDC', () => {
		expect(check(published)).toMatchObject({ ok: true });
		expect(published).toContain('NPM_TOKEN: ${{ secrets.NPM_TOKEN }}');
		expect(published).toMatch(/id-token: write/);
	});

	it.each([
		['a lone $ (the file as it was)', 'NPM_TOKEN: $', 'outside ${{ }}'],
		['an unclosed expression', 'NPM_TOKEN: ${{ secrets.NPM_TOKEN', 'without closing'],
		['an unknown context', 'NPM_TOKEN: ${{ secret.NPM_TOKEN }}', 'unknown context "secret"'],
		['an empty expression', 'NPM_TOKEN: ${{ }}', 'empty'],
		['a dangling operator', 'NPM_TOKEN: ${{ secrets.NPM_TOKEN || }}', 'ends too early'],
		['an unknown function', "NPM_TOKEN: ${{ lookup(secrets, 'NPM_TOKEN') }}", 'unknown function'],
	])('fails on %s', (_, line, reason) => {
		const result = check(published.replace('NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', line));
		expect(result.ok).toBe(false);
		expect(result.output).toContain(reason);
	});

	it('leaves the shell its own $NAME in run scripts', () => {
		expect(published).toContain('"$NPM_TOKEN"');
		expect(check(published)).toMatchObject({ ok: true });
	});

	it('fails on a provenance publish without id-token: write', () => {
		const result = check(published.replace('id-token: write', 'id-token: none'));
		expect(result).toMatchObject({ ok: false });
		expect(result.output).toContain('id-token: write');
	});
});
