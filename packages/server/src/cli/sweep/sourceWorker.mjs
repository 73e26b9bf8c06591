// The pool's worker when daemonsim runs from its TypeScript source (pnpm daemonsim, vitest): Node
// 20 does not carry the parent's tsx loader into worker threads, and vitest's parent has none to
// carry into a child process, so the worker registers tsx before importing the TypeScript worker
// unless it is a child process started with tsx's --import (pnpm daemonsim), which has tsx's
// hooks already and needs no second set. The built CLI loads dist's sweepWorker.js.
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';

if (!isMainThread || !process.execArgv.some((a) => /[\\/]tsx[\\/]|^tsx$/.test(a))) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { default: runWorkerTask } = await import('./sweepWorker.ts');

export default runWorkerTask;
