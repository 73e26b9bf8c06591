// Lint rules, and the fence that keeps packages/core and packages/scenarios pure and browser-safe.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const purity = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:*'],
          message: 'packages/core and packages/scenarios are browser-safe: no node:* modules.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'No timers in the pure packages: schedule a SimEvent.' },
    { name: 'setInterval', message: 'No timers in the pure packages: schedule a SimEvent.' },
    { name: 'setImmediate', message: 'No timers in the pure packages: schedule a SimEvent.' },
    { name: 'process', message: 'The pure packages do not read the process.' },
    { name: 'require', message: 'ESM only.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded Rng in random/rng.ts.' },
    { object: 'Date', property: 'now', message: 'Use the virtual clock (SimTime).' },
    { object: 'performance', property: 'now', message: 'Use the virtual clock (SimTime).' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'No wall clock: use SimTime.',
    },
    {
      selector: "ImportDeclaration[source.value='seedrandom']",
      message: 'Only random/rng.ts imports seedrandom.',
    },
  ],
};

// The layers of packages/core/src/sim, lowest first: data flows one way, and no file imports a
// file of a higher layer. The write path calls the informer handlers after each write (as the
// watch cache fans a write out to informers), and the handlers only queue work, so the handlers
// sit below the write path; the runners turn queued work into plans and writes; the
// Simulation facade sits on top. A new file of sim/ goes into one of these lists.
const SIM_LAYERS = [
  [
    'admitDaemonSet',
    'clusterStore',
    'clusterView',
    'cowMap',
    'eventQueue',
    'daemonSetMemory',
    'journal',
    'newNode',
    'nodeLease',
    'nodeStatusReport',
    'serverContext',
    'simEvent',
    'simulationOptions',
    'timeArgument',
    'trace',
    'watchEvent',
  ],
  ['simulationCore'],
  ['handlers', 'schedulingQueue'],
  ['recordEvent', 'podWrites', 'processTaintEviction', 'writePath', 'applyManifest'],
  [
    'daemonSetRunner',
    'drainNode',
    'garbageCollectorRunner',
    'handleCrash',
    'kubeletRuntime',
    'livelockGuard',
    'nodeLifecycleRuntime',
    'podGCRunner',
    'schedulerRunner',
    'proberRuntime',
    'containerProbeRuntime',
    'probeKillRuntime',
  ],
  ['simulation'],
];
const simFile = (name) => `./packages/core/src/sim/${name}.ts`;
const simLayerZones = SIM_LAYERS.slice(0, -1).map((layer, i) => ({
  target: layer.map(simFile),
  from: SIM_LAYERS.slice(i + 1)
    .flat()
    .map(simFile),
  message:
    'sim/ layers: store, core, informer handlers, write path, runners, Simulation; import only from a lower layer.',
}));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['packages/core/src/**/*.ts', 'packages/scenarios/src/**/*.ts'], rules: purity },
  {
    files: ['packages/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: simLayerZones }],
    },
  },
  {
    files: ['packages/core/src/random/rng.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No wall clock.' },
      ],
    },
  },
  {
    // FC_RUNS (vitest.setup.ts) is the one source of a property's run count.
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='numRuns']", message: 'Runs come from FC_RUNS (vitest.setup.ts).' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.ts'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['packages/server/scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    // The view's build and frame-rate scripts run in Node and hand callbacks to the page.
    files: ['packages/ui/scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        window: 'readonly',
        performance: 'readonly',
      },
    },
  },
);
