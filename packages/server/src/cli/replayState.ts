import type { ClusterSnapshot, SimEvent, Simulation, SimTime } from '@daemonsim/core';
import { SimulationError } from '@daemonsim/core';
import type { Scenario } from '@daemonsim/scenarios';
import type { RecordedRequest, ReplayLog } from '@daemonsim/scenarios';
import {
  applyRecordedRequests,
  parseScenario,
  REQUEST_EVENT_TYPES,
  runReplayTo,
  startReplay,
} from '@daemonsim/scenarios';
import { RUN_DEFAULTS } from './runDefaults.js';
import type { SavedState } from './state.js';
import { loadState, saveState } from './state.js';

/** A scenario started as `daemonsim run` and `daemonsim serve` start one, with the command line's seed. */
export function startScenario(scenario: Scenario, seed: string | number | undefined): Simulation {
  return startReplay(scenario, seed, RUN_DEFAULTS);
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
    if (typeof type !== 'string' || !REQUEST_EVENT_TYPES.has(type as SimEvent['type']))
      throw bad(
        `replay.requests[${i}].event.type`,
        `Unsupported value: ${JSON.stringify(type)}: supported values: ${[...REQUEST_EVENT_TYPES].map((t) => `"${t}"`).join(', ')}`,
      );
  });
  const simulation = startScenario(scenario, seed);
  const first = (replay.requests as RecordedRequest[])[0];
  if (first !== undefined && first.at < simulation.now)
    throw bad('replay.requests', `a request at ${first.at} ms comes before the scenario's end`);
  applyRecordedRequests(simulation, replay.requests as RecordedRequest[]);
  if (time < simulation.now) throw bad('time', `Invalid value: ${time}: before the replay's end`);
  runReplayTo(simulation, time);
  // Both sides decoded as a state file is (which drops Go's null fields), then compared.
  const replayed = loadState(saveState(simulation.snapshot(), time)).snapshot;
  if (saveState(replayed, time) !== saveState(snapshot, time))
    throw bad(
      'replay',
      'Invalid value: replaying it does not give back the saved objects (saved by another daemonsim version, or edited)',
    );
  return simulation;
}
