import fc from 'fast-check';
import { setObjectFreezing } from './packages/core/src/api/immer.js';

// Property tests run with a fixed seed so CI is reproducible; `FC_SEED=random` explores new
// cases (a failure prints its seed and path), `FC_SEED=<n>` replays one, `FC_RUNS` scales runs.
const seed = process.env.FC_SEED;
fc.configureGlobal({
  ...(seed === 'random' ? {} : { seed: seed === undefined ? 20261126 : Number(seed) }),
  ...(process.env.FC_RUNS === undefined ? {} : { numRuns: Number(process.env.FC_RUNS) }),
});

// Everything the simulator stores is deep-frozen under test (immer's freeze, and auto-freeze of
// `produce` results), so a controller, presenter or test that mutates what it read fails at once.
setObjectFreezing(true);
