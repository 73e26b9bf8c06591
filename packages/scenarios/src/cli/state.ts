import type { ClusterSnapshot, SimTime } from '@daemonsim/core';
import { SimulationError } from '@daemonsim/core';

/** The `format` tag of a saved state file. */
export const STATE_FORMAT = 'daemonsim-state/v1';

/**
 * A saved cluster state, as `daemonsim run --save FILE` writes it: the simulated time and the
 * snapshot's maps as JSON objects keyed like the snapshot (`namespace/name`, or `name` for
 * cluster-scoped kinds). Upstream has no counterpart (closest: an etcd backup).
 */
export interface SavedState {
  readonly format: typeof STATE_FORMAT;
  readonly time: SimTime;
  readonly nodes: Readonly<Record<string, unknown>>;
  readonly pods: Readonly<Record<string, unknown>>;
  readonly daemonSets: Readonly<Record<string, unknown>>;
  readonly controllerRevisions: Readonly<Record<string, unknown>>;
  readonly events: Readonly<Record<string, unknown>>;
  readonly namespaces: Readonly<Record<string, unknown>>;
}

const MAPS = ['nodes', 'pods', 'daemonSets', 'controllerRevisions', 'events', 'namespaces'] as const;

function toRecord(map: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key);
  return out;
}

/** The JSON text of a snapshot taken at `time`, keys sorted, ending in a newline. */
export function saveState(snapshot: ClusterSnapshot, time: SimTime): string {
  const state: SavedState = {
    format: STATE_FORMAT,
    time,
    nodes: toRecord(snapshot.nodes),
    pods: toRecord(snapshot.pods),
    daemonSets: toRecord(snapshot.daemonSets),
    controllerRevisions: toRecord(snapshot.controllerRevisions),
    events: toRecord(snapshot.events),
    namespaces: toRecord(snapshot.namespaces),
  };
  return `${JSON.stringify(state, null, 2)}\n`;
}

/**
 * Reads a saved state back into a snapshot and its time; throws `SimulationError('BadRequest')`
 * for text that is not a state file of this format.
 */
export function loadState(text: string): { readonly snapshot: ClusterSnapshot; readonly time: SimTime } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SimulationError(
      'BadRequest',
      `state: not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const state = parsed as Partial<SavedState> | null;
  if (state === null || typeof state !== 'object' || state.format !== STATE_FORMAT) {
    throw new SimulationError(
      'BadRequest',
      `state: format: Invalid value: expected "${STATE_FORMAT}" (write one with daemonsim run --save FILE)`,
      { path: 'format' },
    );
  }
  if (typeof state.time !== 'number')
    throw new SimulationError('BadRequest', 'state: time: Required value', { path: 'time' });
  const maps: Record<string, ReadonlyMap<string, unknown>> = {};
  for (const name of MAPS) {
    const record = state[name];
    if (record === null || typeof record !== 'object')
      throw new SimulationError('BadRequest', `state: ${name}: Required value`, { path: name });
    maps[name] = new Map(Object.entries(record));
  }
  return { snapshot: maps as unknown as ClusterSnapshot, time: state.time };
}
