import { readFileSync } from 'node:fs';
import type { ClusterSnapshot, SimTime } from '@daemonsim/core';
import { SimulationError } from '@daemonsim/core';
import { CliError } from './cliIo.js';
import type { SavedState } from './state.js';
import { loadState } from './state.js';

/** A file's text; `SimulationError('BadRequest')` naming the path when it cannot be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimulationError(
      'BadRequest',
      `${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * A saved state file read and decoded (see {@link loadState}); a {@link CliError} saying how to
 * write one when it cannot be read or decoded.
 */
export function readStateFile(path: string): {
  readonly snapshot: ClusterSnapshot;
  readonly time: SimTime;
  readonly state: SavedState;
} {
  try {
    return loadState(readText(path));
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    throw new CliError(
      error.message,
      'write a state with daemonsim run SCENARIO --save FILE, or daemonsim serve --save FILE',
    );
  }
}
