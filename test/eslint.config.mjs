// The tests are development tools like support/: the same config.
export { default } from '../support/eslint.config.mjs';
