const { build } = require('esbuild');
const { src, dest, parallel } = require('gulp');

// `n8n-node build` compiles the TypeScript and copies the icons. This adds what it does not:
// the codex files, and libphonenumber-js bundled into the one module that imports it, so the
// published package has no runtime dependencies (n8n's `no-runtime-dependencies` rule).

const PHONE_SOURCE = 'nodes/shared/phoneNumbers.ts';
const PHONE_MODULE = 'dist/nodes/shared/phoneNumbers.js';

/**
 * libphonenumber-js ships three metadata sets: min (the default import), max and mobile.
 * `min` validates numbers as well as the node needs; `npm run bench` prints the sizes of all three.
 */
async function bundlePhoneNumbers(metadata = 'min', outfile = PHONE_MODULE) {
	await build({
		entryPoints: [PHONE_SOURCE],
		outfile,
		allowOverwrite: true,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		alias: metadata === 'min' ? {} : { 'libphonenumber-js': `libphonenumber-js/${metadata}` },
		// The library's metadata warnings would be the package's only console calls (n8n's scan forbids them).
		drop: ['console'],
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

exports.bundlePhoneNumbers = bundlePhoneNumbers;
exports.build = parallel(copyCodex, () => bundlePhoneNumbers());
