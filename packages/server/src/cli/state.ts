import type { ClusterSnapshot, SimTime } from '@daemonsim/core';
import type { ReplayLog } from '@daemonsim/scenarios';
import { decodeObject, SimulationError, strictDecodingError, strictErrorPath } from '@daemonsim/core';

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
  /** How to rebuild the whole simulation, not only its objects (see `replayState`). */
  readonly replay?: ReplayLog;
}

const MAPS = ['nodes', 'pods', 'daemonSets', 'controllerRevisions', 'events', 'namespaces'] as const;

/** The upstream OpenAPI definition each map's objects decode as, and whether the kind is namespaced. */
const KINDS: Readonly<
  Record<(typeof MAPS)[number], { readonly definition: string; readonly namespaced: boolean }>
> = {
  nodes: { definition: 'io.k8s.api.core.v1.Node', namespaced: false },
  pods: { definition: 'io.k8s.api.core.v1.Pod', namespaced: true },
  daemonSets: { definition: 'io.k8s.api.apps.v1.DaemonSet', namespaced: true },
  controllerRevisions: { definition: 'io.k8s.api.apps.v1.ControllerRevision', namespaced: true },
  events: { definition: 'io.k8s.api.core.v1.Event', namespaced: true },
  namespaces: { definition: 'io.k8s.api.core.v1.Namespace', namespaced: false },
};

function toRecord(map: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key);
  return out;
}

/** The JSON text of a snapshot taken at `time` (and how to replay it), keys sorted, ending in a newline. */
export function saveState(snapshot: ClusterSnapshot, time: SimTime, replay?: ReplayLog): string {
  const state: SavedState = {
    format: STATE_FORMAT,
    time,
    nodes: toRecord(snapshot.nodes),
    pods: toRecord(snapshot.pods),
    daemonSets: toRecord(snapshot.daemonSets),
    controllerRevisions: toRecord(snapshot.controllerRevisions),
    events: toRecord(snapshot.events),
    namespaces: toRecord(snapshot.namespaces),
    ...(replay === undefined ? {} : { replay }),
  };
  return `${JSON.stringify(state, null, 2)}\n`;
}

/**
 * Reads a saved state back into a snapshot and its time. Every object is decoded strictly against
 * its kind's upstream OpenAPI schema, as the API server decodes a body, and must sit under its own
 * key. Throws `SimulationError('BadRequest')` naming the path, for text that is not a state file of
 * this format or holds a bad object:
 * `state: pods["default/x"]: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string`.
 */
export function loadState(text: string): {
  readonly snapshot: ClusterSnapshot;
  readonly time: SimTime;
  readonly state: SavedState;
} {
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
  if (state.time === undefined)
    throw new SimulationError('BadRequest', 'state: time: Required value', { path: 'time' });
  if (typeof state.time !== 'number' || !Number.isSafeInteger(state.time) || state.time < 0)
    throw new SimulationError(
      'BadRequest',
      `state: time: Invalid value: ${JSON.stringify(state.time)}: must be a non-negative integer of milliseconds`,
      { path: 'time' },
    );
  const maps: Record<string, ReadonlyMap<string, unknown>> = {};
  for (const name of MAPS) {
    const record = state[name];
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      throw new SimulationError('BadRequest', `state: ${name}: Required value`, { path: name });
    const map = new Map<string, unknown>();
    for (const key of Object.keys(record).sort()) map.set(key, decodeSaved(name, key, record[key]));
    maps[name] = map;
  }
  return { snapshot: maps as unknown as ClusterSnapshot, time: state.time, state: state as SavedState };
}

function decodeSaved(map: (typeof MAPS)[number], key: string, value: unknown): unknown {
  const at = `${map}[${JSON.stringify(key)}]`;
  const fail = (message: string, path: string | undefined): never => {
    throw new SimulationError('BadRequest', `state: ${at}: ${message}`, {
      path: path === undefined || path === '' ? at : `${at}.${path}`,
    });
  };
  const { definition, namespaced } = KINDS[map];
  let decoded;
  try {
    decoded = decodeObject(definition, value);
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    return fail(error.message, error.path);
  }
  if (decoded.strictErrors.length > 0)
    fail(strictDecodingError(decoded.strictErrors), strictErrorPath(decoded.strictErrors[0]!));
  const meta = (decoded.value as { metadata?: { name?: string; namespace?: string } }).metadata;
  const expected = namespaced ? `${meta?.namespace ?? ''}/${meta?.name ?? ''}` : (meta?.name ?? '');
  if (expected !== key)
    fail(
      `Invalid value: ${JSON.stringify(expected)}: the object's metadata does not match its key`,
      'metadata',
    );
  return decoded.value;
}
