// The pool's worker when daemonsim runs from its TypeScript source (pnpm daemonsim, vitest):
// Node 20 does not carry the parent's tsx loader into worker threads, so each worker registers
// it before importing the TypeScript worker. The built CLI loads dist's sweepWorker.js instead.
import { register } from 'tsx/esm/api';

register();
const { default: runSweepTask } = await import('./sweepWorker.ts');

export default runSweepTask;
