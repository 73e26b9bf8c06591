// The `daemonsim` command line as a library (Node only): `@daemonsim/server/cli`.

export type { CliIo } from './program.js';
export { createProgram, EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, runCli } from './program.js';
export type { SavedState } from './state.js';
export { loadState, saveState, STATE_FORMAT } from './state.js';
