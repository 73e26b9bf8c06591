// The `daemonsim` command line as a library (Node only): `@daemonsim/server/cli`.

export type { CliIo } from './cliIo.js';
export { CliError, EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED } from './cliIo.js';
export { createProgram, runCli } from './program.js';
export type { RecordedRequest, ReplayLog } from '@daemonsim/scenarios';
export type { SavedState } from './state.js';
export { loadState, saveState, STATE_FORMAT } from './state.js';
export { recordRequests, replayState } from './replayState.js';
export { LIBRARY_SCENARIOS, resolveScenario } from './libraryScenarios.js';
