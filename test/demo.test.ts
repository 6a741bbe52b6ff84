// `npm run demo` as a person runs it: what it feeds the node, what comes out, and where to go next.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..');
const example = JSON.parse(
	readFileSync(join(root, 'examples/register-numbers.workflow.json'), 'utf8'),
) as { nodes: Array<{ name: string; parameters: { phoneNumbers?: string } }> };

test('the demo prints the numbers it registers, and points to npm run dev at the end', async () => {
	const { stdout } = await promisify(execFile)(
		join(root, 'node_modules/.bin/ts-node'),
		['--transpile-only', '--prefer-ts-exts', 'scripts/demo.ts'],
		{ cwd: root, timeout: 60_000 },
	);

	const given = example.nodes.find((node) => node.name === 'Register numbers')!.parameters;
	const shown = given.phoneNumbers!.split('\n').map((line) => `  ${line}`);
	expect(stdout).toContain(
		`"Register numbers" is given, for the enterprise Acme Dental LLC, these numbers:\n${shown.join('\n')}\n`,
	);
	expect(stdout).not.toMatch(/\(1 items\)/);
	expect(stdout.trimEnd().split('\n').pop()).toBe(
		'To click through the examples in the real n8n editor: npm run dev',
	);
}, 60_000);
