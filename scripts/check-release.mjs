// `npm run check:release`: the package as a release would publish it, against what n8n's
// verification guidelines ask that a script can check. CI runs it after the build; the publish
// workflow runs it with --release, which also refuses the fields the maintainers must set first
// (author, homepage, repository: marked SET-BEFORE-RELEASE in package.json) and a tag that is
// not the version.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const release = process.argv.includes('--release');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];
const expect = (ok, problem) => ok || problems.push(problem);

expect(
	Object.keys(pkg.dependencies ?? {}).length === 0,
	'runtime dependencies are not allowed (bundle them, as libphonenumber-js is)',
);
expect(pkg.license === 'MIT', 'the license must be MIT');
expect(
	readFileSync(join(root, 'LICENSE'), 'utf8').startsWith('MIT License'),
	'LICENSE must hold the MIT license',
);
expect(
	pkg.keywords?.includes('n8n-community-node-package'),
	'the keyword n8n-community-node-package is missing',
);
const changelogVersion = /^## (\d+\.\d+\.\d+\S*)/m.exec(
	readFileSync(join(root, 'CHANGELOG.md'), 'utf8'),
)?.[1];
expect(
	changelogVersion === pkg.version,
	`package.json's version ${pkg.version} is not the CHANGELOG's newest (${changelogVersion})`,
);

// What the package ships: every file the n8n section names, and nothing in the nodes and
// credentials that reads the environment or the file system, or shows non-English text.
const files = (dir) =>
	readdirSync(dir).flatMap((name) =>
		statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
	);
for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	expect(
		(() => {
			try {
				return statSync(join(root, entry)).isFile();
			} catch {
				return false;
			}
		})(),
		`${entry} (package.json's n8n section) was not built`,
	);
}
const shipped = [
	...files(join(root, 'dist/nodes')),
	...files(join(root, 'dist/credentials')),
].filter((file) => file.endsWith('.js'));
const FORBIDDEN = [
	[/process\.env\b/, 'reads environment variables'],
	[
		/require\(["'](node:)?(fs|fs\/promises|child_process)["']\)/,
		'uses the file system or processes',
	],
];
for (const file of shipped) {
	const code = readFileSync(file, 'utf8');
	for (const [pattern, what] of FORBIDDEN)
		expect(!pattern.test(code), `${file.slice(root.length + 1)} ${what}`);
}
for (const file of shipped.filter((file) => /\.(node|credentials)\.js$/.test(file))) {
	const foreign = readFileSync(file, 'utf8').match(/(?![\p{Script=Latin}])\p{L}/gu);
	expect(
		!foreign,
		`${file.slice(root.length + 1)} holds text in another language (${foreign?.slice(0, 5).join('')})`,
	);
}

if (release) {
	for (const [field, value] of [
		['author.name', pkg.author?.name],
		['author.email', pkg.author?.email],
		['homepage', pkg.homepage],
		['repository.url', pkg.repository?.url],
	])
		expect(
			value && !/set-before-release/i.test(value),
			`package.json's ${field} must be set before a release (README → Releasing)`,
		);
	// The Docs links n8n shows (the codex files' documentation, the credential's documentationUrl)
	// are Telnyx's pages or the package's homepage, never a placeholder or a third address.
	const links = [
		...readdirSync(join(root, 'nodes')).flatMap((node) =>
			readdirSync(join(root, 'nodes', node))
				.filter((name) => name.endsWith('.node.json'))
				.flatMap((name) => {
					const { resources = {} } = JSON.parse(
						readFileSync(join(root, 'nodes', node, name), 'utf8'),
					);
					return Object.values(resources)
						.flat()
						.map(({ url }) => [`nodes/${node}/${name}`, url]);
				}),
		),
		...[
			...readFileSync(
				join(root, 'credentials/TelnyxReputationApi.credentials.ts'),
				'utf8',
			).matchAll(/documentationUrl = '([^']*)'/g),
		].map(([, url]) => ["the credential's documentationUrl", url]),
	];
	for (const [where, url] of links)
		expect(
			/^https:\/\/developers\.telnyx\.com\//.test(url) ||
				(url === pkg.homepage && !/set-before-release/i.test(url)),
			`${where} links to ${url}: a Telnyx page or package.json's homepage (${pkg.homepage})`,
		);
	// The README's pictures on the npm page: only dist is published, so a relative path resolves
	// only against a GitHub repository (npm's page reads it from repository.url), and must exist.
	const github = /github\.com[/:]([^/]+\/[^/.]+)/.exec(pkg.repository?.url ?? '')?.[1];
	for (const [, src] of readFileSync(join(root, 'README.md'), 'utf8').matchAll(
		/!\[[^\]]*\]\(([^)\s]+)/g,
	)) {
		if (/^https:\/\//.test(src)) continue;
		expect(
			github && !/set-before-release/i.test(github),
			`README.md shows ${src}, which the npm page cannot resolve without a GitHub repository.url`,
		);
		expect(
			(() => {
				try {
					return statSync(join(root, src)).isFile();
				} catch {
					return false;
				}
			})(),
			`README.md shows ${src}, which is not in the repository`,
		);
	}
	const tag = process.env.GITHUB_REF_NAME;
	expect(!tag || tag === pkg.version, `the tag ${tag} is not the version ${pkg.version}`);
}

// npm's own view of the publish, without publishing (npm 11 keys its answer by package name).
const answer = JSON.parse(
	execFileSync('npm', ['publish', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	}),
);
const dryRun = answer[pkg.name] ?? answer;
expect(dryRun.name === pkg.name && dryRun.version === pkg.version, 'npm publish --dry-run failed');
const outside = dryRun.files?.filter(
	({ path }) => !/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(path),
);
expect(!outside?.length, `the package would ship ${outside?.map(({ path }) => path).join(', ')}`);

if (problems.length) {
	for (const problem of problems) console.error(`✗ ${problem}`);
	process.exit(1);
}
console.log(
	`release check passed: ${pkg.name}@${pkg.version}, ${dryRun.files.length} files, ${shipped.length} scripts checked${release ? ', ready to publish' : ''}`,
);
