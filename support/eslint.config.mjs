// The tests, the sandbox, the engine runner, the real-n8n tooling and the scripts are development
// tools, not part of the published node: linted as ordinary TypeScript, without the community-node rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(js.configs.recommended, tseslint.configs.recommended, {
	languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
	rules: {
		'@typescript-eslint/no-unused-vars': [
			'error',
			{ varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
		],
	},
});
