// A full collection before a timed or measured run, so that no run pays for the garbage of the
// run before it: the rows of `npm run bench` are measured one after another in one process.
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

v8.setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
