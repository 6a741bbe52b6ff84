// The scripts are development tools like the tests: the same config.
export { default } from '../test/eslint.config.mjs';
