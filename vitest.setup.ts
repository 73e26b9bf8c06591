import fc from 'fast-check';
import { setObjectFreezing } from './packages/core/src/api/immer.js';

// Property tests run with a fixed seed so CI is reproducible; `FC_SEED=random` explores new
// cases (a failure prints its seed and path), `FC_SEED=<n>` replays one, `FC_RUNS=<n>` sets how
// many cases every property runs. This is the only place runs and seed are set: a `numRuns` in
// a test would win over the global one, so lint refuses it in test files.
function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}=${value}: must be a positive integer`);
  return n;
}
const seed = process.env.FC_SEED;
const runs = process.env.FC_RUNS;
fc.configureGlobal({
  ...(seed === 'random' ? {} : { seed: seed === undefined ? 20261126 : Number(seed) }),
  numRuns: runs === undefined ? 100 : positiveInteger('FC_RUNS', runs),
});

// Everything the simulator stores is deep-frozen under test (immer's freeze, and auto-freeze of
// `produce` results), so a controller, presenter or test that mutates what it read fails at once.
setObjectFreezing(true);
