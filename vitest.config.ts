import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to source through the `@daemonsim/source` condition; inline
// projects with `extends: true` inherit it (glob projects would silently test stale dist).
const conditions = ['@daemonsim/source', 'module', 'node', 'development|production'];

// FC_RUNS (see vitest.setup.ts) multiplies the work of every property test, so the time-out grows
// with it: 60 s per 100 runs, the default. An invalid FC_RUNS is reported by the setup file.
const runs = Number(process.env.FC_RUNS);
const timeout = 60_000 * (Number.isSafeInteger(runs) && runs > 100 ? runs / 100 : 1);

export default defineConfig({
  ssr: { resolve: { conditions } },
  test: {
    // Tests check behaviour, never speed (the bench does): property tests and kubectl runs may
    // take several seconds on a loaded 2-core machine, so time-outs are generous.
    testTimeout: timeout,
    hookTimeout: 60_000,
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    projects: [
      { extends: true, test: { name: 'core', root: 'packages/core' } },
      { extends: true, test: { name: 'scenarios', root: 'packages/scenarios' } },
      { extends: true, test: { name: 'server', root: 'packages/server' } },
      { extends: true, test: { name: 'ui', root: 'packages/ui' } },
      { extends: true, test: { name: 'examples', root: 'examples' } },
      { extends: true, test: { name: 'bench', root: 'bench' } },
      { extends: true, test: { name: 'packaging', root: 'packaging' } },
    ],
  },
});
