import fc from 'fast-check';

// Property tests run with a fixed seed so CI is reproducible; `FC_SEED=random` explores new
// cases (a failure prints its seed and path), `FC_SEED=<n>` replays one, `FC_RUNS` scales runs.
const seed = process.env.FC_SEED;
fc.configureGlobal({
  ...(seed === 'random' ? {} : { seed: seed === undefined ? 20261126 : Number(seed) }),
  ...(process.env.FC_RUNS === undefined ? {} : { numRuns: Number(process.env.FC_RUNS) }),
});
