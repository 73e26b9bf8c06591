// Lint rules, and the fence that keeps packages/core pure and browser-safe.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const purity = {
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: ['node:*'], message: 'packages/core is browser-safe: no node:* modules.' }] },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'packages/core has no timers: schedule a SimEvent.' },
    { name: 'setInterval', message: 'packages/core has no timers: schedule a SimEvent.' },
    { name: 'setImmediate', message: 'packages/core has no timers: schedule a SimEvent.' },
    { name: 'process', message: 'packages/core does not read the process.' },
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
  { files: ['packages/core/src/**/*.ts'], rules: purity },
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
    files: ['scripts/**/*.mjs', 'bench/**/*.ts'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
