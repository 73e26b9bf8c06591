import type { ClusterSnapshot, SimEvent, Simulation, SimTime } from '@daemonsim/core';
import { SimulationError } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import { parseScenario, runScenario } from '@daemonsim/scenarios';
import { RUN_DEFAULTS } from './runDefaults.js';
import type { RecordedRequest, ReplayLog, SavedState } from './state.js';
import { loadState, saveState } from './state.js';

/** The request events a client can send; a replay log holds nothing else. */
const REQUEST_TYPES = new Set<SimEvent['type']>([
  'DaemonSetDeleted',
  'ManifestApplied',
  'NodeAdded',
  'NodeConditionSet',
  'NodeHeartbeatsResumed',
  'NodeHeartbeatsStopped',
  'NodeRemoved',
  'NodeUpdated',
  'PodDeleted',
]);

/** A scenario started as `daemonsim run` and `daemonsim serve` start one, with the command line's seed. */
export function startScenario(scenario: Scenario, seed: string | number | undefined): Simulation {
  return runScenario(scenario, { simulationDefaults: RUN_DEFAULTS, ...(seed === undefined ? {} : { seed }) })
    .simulation;
}

/**
 * Records every request submitted to `simulation` from now on, with its simulated time, into the
 * returned list (after `earlier`, the requests a restored simulation was replayed from) (rejected ones too, since replay must see what the live run saw). The API server
 * submits every write through `Simulation.submit`, so wrapping it catches them all.
 * Upstream has no counterpart (closest: the API server's audit log).
 */
export function recordRequests(
  simulation: Simulation,
  earlier: readonly RecordedRequest[] = [],
): readonly RecordedRequest[] {
  const requests: RecordedRequest[] = [...earlier];
  const submit = simulation.submit.bind(simulation);
  simulation.submit = (event: SimEvent): void => {
    requests.push({ at: simulation.now, event: structuredClone(event) });
    submit(event);
  };
  return requests;
}

/** Runs the clock to `at`, as the API server's clock does: a component's recovered failure does not stop it. */
function runTo(simulation: Simulation, at: SimTime): void {
  try {
    simulation.runUntil(at);
  } catch (error) {
    if (
      !(error instanceof SimulationError) ||
      (error.code !== 'ControllerPanic' && error.code !== 'Livelock')
    )
      throw error;
  }
}

function bad(path: string, message: string): SimulationError {
  return new SimulationError('BadRequest', `state: ${path}: ${message}`, { path });
}

/**
 * Rebuilds the simulation a saved state came from: its scenario with its seed, each recorded
 * request submitted again at its time (rejected again if it was), and the clock run to the saved
 * time. The same inputs give the same run, so the rebuilt cluster carries what a snapshot cannot
 * (queued events, the RNG, controller memory, stopped kubelets). Throws `SimulationError('BadRequest')`
 * for a state without a replay log, a malformed one, or one whose replay does not give back the
 * saved objects (written by another version of daemonsim).
 * Upstream has no counterpart (closest: restoring an etcd backup).
 */
export function replayState(state: SavedState, snapshot: ClusterSnapshot, time: SimTime): Simulation {
  const replay = state.replay as Partial<ReplayLog> | undefined;
  if (replay === undefined || replay === null || typeof replay !== 'object')
    throw bad('replay', 'Required value: written by daemonsim serve --save or daemonsim run --save');
  let scenario: Scenario;
  try {
    scenario = parseScenario(JSON.stringify(replay.scenario ?? null));
  } catch (error) {
    throw bad('replay.scenario', error instanceof Error ? error.message : String(error));
  }
  const seed = replay.seed;
  if (seed !== undefined && typeof seed !== 'string' && !Number.isSafeInteger(seed))
    throw bad('replay.seed', `Invalid value: ${JSON.stringify(seed)}: must be a string or an integer`);
  if (!Array.isArray(replay.requests)) throw bad('replay.requests', 'Required value');
  let last = 0;
  replay.requests.forEach((r: Partial<RecordedRequest> | null, i) => {
    const at = r?.at;
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < last || at > time)
      throw bad(
        `replay.requests[${i}].at`,
        `Invalid value: ${JSON.stringify(at)}: must be a time in order, up to the saved time`,
      );
    last = at;
    const type = (r?.event as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || !REQUEST_TYPES.has(type as SimEvent['type']))
      throw bad(
        `replay.requests[${i}].event.type`,
        `Unsupported value: ${JSON.stringify(type)}: supported values: ${[...REQUEST_TYPES].map((t) => `"${t}"`).join(', ')}`,
      );
  });
  const simulation = startScenario(scenario, seed);
  for (const { at, event } of replay.requests as RecordedRequest[]) {
    if (at < simulation.now)
      throw bad('replay.requests', `a request at ${at} ms comes before the scenario's end`);
    runTo(simulation, at);
    try {
      simulation.submit(event);
    } catch {
      // Rejected live as well: the replay sees what the live run saw.
    }
  }
  if (time < simulation.now) throw bad('time', `Invalid value: ${time}: before the replay's end`);
  runTo(simulation, time);
  // Both sides decoded as a state file is (which drops Go's null fields), then compared.
  const replayed = loadState(saveState(simulation.snapshot(), time)).snapshot;
  if (saveState(replayed, time) !== saveState(snapshot, time))
    throw bad(
      'replay',
      'Invalid value: replaying it does not give back the saved objects (saved by another daemonsim version, or edited)',
    );
  return simulation;
}
