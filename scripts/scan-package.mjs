// `npm run scan`: packs the package as npm would publish it, then lints the packed files with
// n8n's own community-package scanner (the check n8n runs before verifying a package), and
// prints what the tarball holds and weighs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const work = mkdtempSync(join(tmpdir(), 'telnyx-scan-'));
const [packed] = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8' }),
);
execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
const packageDir = join(work, 'package');

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
	`${packed.filename}: ${packed.entryCount} files, packed ${kib(packed.size)}, unpacked ${kib(packed.unpackedSize)}`,
);
const top = readdirSync(packageDir).map((name) =>
	statSync(join(packageDir, name)).isDirectory() ? `${name}/` : name,
);
console.log(`contents: ${top.sort().join(' ')}`);

const result = await analyzePackage(packageDir);
if (!result.passed) {
	console.error(result.message);
	if (result.details) console.error(result.details);
	process.exit(1);
}
console.log('n8n community package scan: passed');
