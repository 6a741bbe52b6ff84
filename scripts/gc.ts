// A full collection before a memory measurement (sections 2b and 6 of `npm run bench`), so that
// its peak does not count the garbage of the rows measured before it in the same process.
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

v8.setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
