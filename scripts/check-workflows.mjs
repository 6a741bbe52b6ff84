// `npm run check:workflows`: reads every file in .github/workflows as GitHub Actions would and
// refuses what a schema validator lets through because it is a valid string: a `${{ }}`
// expression that does not parse (or names an unknown context or function), a lone `$` or an
// unclosed `${{` in a value GitHub passes on as it is (env, with, if: `NPM_TOKEN: $` writes `$`
// as npm's token), a job without runs-on or steps, a step with neither run nor uses, and a
// publish with --provenance (npm run release) without `id-token: write`.
// Usage: node scripts/check-workflows.mjs [file…] (default: .github/workflows/*.yml).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

const root = join(import.meta.dirname, '..');
const CONTEXTS = new Set([
	'github',
	'env',
	'vars',
	'job',
	'jobs',
	'steps',
	'runner',
	'secrets',
	'strategy',
	'matrix',
	'needs',
	'inputs',
]);
const FUNCTIONS = new Set([
	'contains',
	'startswith',
	'endswith',
	'format',
	'join',
	'tojson',
	'fromjson',
	'hashfiles',
	'success',
	'always',
	'cancelled',
	'failure',
	'case',
]);

/** Parses one expression (the text between `${{` and `}}`); throws with the reason. */
export function parseExpression(source) {
	const tokens = [];
	const pattern =
		/\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?(?:e[+-]?\d+)?|0x[0-9a-f]+)|([A-Za-z_][\w-]*)|(==|!=|<=|>=|&&|\|\||[<>!()[\].,*]))/iy;
	let at = 0;
	while (at < source.length) {
		if (/^\s*$/.test(source.slice(at))) break;
		pattern.lastIndex = at;
		const match = pattern.exec(source);
		if (!match) throw new Error(`unexpected "${source.slice(at).trim()}"`);
		at = pattern.lastIndex;
		const [, string, number, name, operator] = match;
		tokens.push(
			string !== undefined
				? { kind: 'literal' }
				: number !== undefined
					? { kind: 'literal' }
					: name !== undefined
						? { kind: 'name', text: name }
						: { kind: 'op', text: operator },
		);
	}
	if (!tokens.length) throw new Error('the expression is empty');
	let next = 0;
	const peek = () => tokens[next];
	const isOp = (text) => peek()?.kind === 'op' && peek().text === text;
	const take = (text) => {
		if (!isOp(text)) throw new Error(`expected "${text}"`);
		next++;
	};
	const binary = (operand, operators) => () => {
		operand();
		while (operators.some(isOp)) {
			next++;
			operand();
		}
	};
	const primary = () => {
		const token = tokens[next++];
		if (!token) throw new Error('the expression ends too early');
		if (token.kind === 'literal') return;
		if (token.kind === 'op' && token.text === '(') {
			or();
			take(')');
			return;
		}
		if (token.kind !== 'name') throw new Error(`unexpected "${token.text}"`);
		const name = token.text.toLowerCase();
		if (['true', 'false', 'null'].includes(name)) return;
		if (isOp('(')) {
			if (!FUNCTIONS.has(name)) throw new Error(`unknown function ${token.text}()`);
			next++;
			if (!isOp(')')) {
				or();
				while (isOp(',')) {
					next++;
					or();
				}
			}
			take(')');
		} else if (!CONTEXTS.has(name)) throw new Error(`unknown context "${token.text}"`);
		for (;;) {
			if (isOp('.')) {
				next++;
				const property = tokens[next++];
				if (property?.kind !== 'name' && !(property?.kind === 'op' && property.text === '*'))
					throw new Error('a property name must follow "."');
			} else if (isOp('[')) {
				next++;
				if (isOp('*')) next++;
				else or();
				take(']');
			} else return;
		}
	};
	const unary = () => {
		while (isOp('!')) next++;
		primary();
	};
	const comparison = binary(unary, ['<', '<=', '>', '>=']);
	const equality = binary(comparison, ['==', '!=']);
	const and = binary(equality, ['&&']);
	const or = binary(and, ['||']);
	or();
	if (next < tokens.length) throw new Error(`unexpected "${tokens[next].text ?? 'value'}"`);
}

/** The problems in one value: its expressions, and a `$` GitHub would pass on as it is. */
export function checkValue(value, { shell }) {
	const problems = [];
	let rest = value;
	for (;;) {
		const start = rest.indexOf('${{');
		const before = start < 0 ? rest : rest.slice(0, start);
		// In a run script `$NAME` is the shell's; anywhere else GitHub passes a `$` on unexpanded.
		if (!shell && before.includes('$'))
			problems.push(
				`"${value}" holds a "$" outside \${{ }}: GitHub passes it on as it is (an expression is \${{ … }})`,
			);
		if (start < 0) break;
		const end = rest.indexOf('}}', start + 3);
		if (end < 0) {
			problems.push(`"${value}" opens \${{ without closing it`);
			break;
		}
		try {
			parseExpression(rest.slice(start + 3, end));
		} catch (error) {
			problems.push(`\${{${rest.slice(start + 3, end)}}}: ${error.message}`);
		}
		rest = rest.slice(end + 2);
	}
	return problems;
}

/** Every problem in one workflow file's text, each with the path of the value. */
export function checkWorkflow(text) {
	const document = parseDocument(text, { prettyErrors: false });
	if (document.errors.length) return document.errors.map((error) => error.message);
	const problems = [];
	const walk = (node, path) => {
		if (isMap(node))
			for (const pair of node.items)
				walk(pair.value, [...path, String(pair.key?.value ?? pair.key)]);
		else if (isSeq(node)) node.items.forEach((item, index) => walk(item, [...path, index]));
		else if (isScalar(node) && typeof node.value === 'string')
			for (const problem of checkValue(node.value, { shell: path.at(-1) === 'run' }))
				problems.push(`${path.join('.')}: ${problem}`);
	};
	walk(document.contents, []);
	const workflow = document.toJS() ?? {};
	if (!workflow.on && !workflow[true]) problems.push('the workflow has no "on" trigger');
	if (!workflow.jobs || !Object.keys(workflow.jobs).length)
		problems.push('the workflow has no jobs');
	for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
		if (job.uses) continue; // a reusable workflow's call has neither runs-on nor steps
		if (!job['runs-on']) problems.push(`jobs.${id}: no runs-on`);
		if (!Array.isArray(job.steps) || !job.steps.length) problems.push(`jobs.${id}: no steps`);
		(job.steps ?? []).forEach((step, index) => {
			if (!step?.run === !step?.uses)
				problems.push(`jobs.${id}.steps.${index}: a step needs exactly one of run and uses`);
		});
		const publishes = (job.steps ?? []).some((step) =>
			/npm (run release|publish[^\n]*--provenance)/.test(step?.run ?? ''),
		);
		const permissions = job.permissions ?? workflow.permissions;
		if (publishes && permissions?.['id-token'] !== 'write')
			problems.push(
				`jobs.${id}: publishes with provenance but lacks permissions "id-token: write" (OIDC)`,
			);
	}
	return problems;
}

if (import.meta.filename === process.argv[1]) {
	const directory = join(root, '.github/workflows');
	const files = process.argv.slice(2).length
		? process.argv.slice(2)
		: readdirSync(directory)
				.filter((name) => /\.ya?ml$/.test(name))
				.map((name) => join(directory, name));
	let failed = false;
	for (const file of files) {
		const problems = checkWorkflow(readFileSync(file, 'utf8'));
		for (const problem of problems) console.error(`✗ ${relative(root, file)}: ${problem}`);
		failed ||= problems.length > 0;
	}
	if (failed) process.exit(1);
	console.log(`workflow check passed: ${files.map((file) => relative(root, file)).join(', ')}`);
}
