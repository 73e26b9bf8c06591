import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * A full garbage collection, run before every measured phase so that one phase's garbage is not
 * collected on the next phase's clock. Two passes: the first can leave weakly held objects behind.
 */
export function collectGarbage(): void {
  gc();
  gc();
}

/** Heap in use after a full collection, in bytes: what the live objects take. */
export function heapUsedBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
