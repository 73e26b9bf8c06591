import type { SimEvent, Simulation, SimTime, SimulationOptions } from '@daemonsim/core';
import { SimulationError } from '@daemonsim/core';
import { runScenario } from './runScenario.js';
import type { Scenario } from './scenario.js';

/** A request that reached the simulation, with the simulated time it arrived at. */
export interface RecordedRequest {
  readonly at: SimTime;
  readonly event: SimEvent;
}

/**
 * What rebuilds a simulation exactly, since one run is a function of its inputs: the scenario it
 * started from, the seed given on the command line, and every request submitted after it, in order.
 * `daemonsim serve` keeps one (its `--save` file and `GET /daemonsim/v1/replay` carry it), and the
 * browser view follows a server by replaying it.
 * Upstream has no counterpart (closest: an etcd backup, which carries no controller memory).
 */
export interface ReplayLog {
  readonly scenario: unknown;
  readonly seed?: string | number;
  readonly requests: readonly RecordedRequest[];
}

/** The request events a client can send; a replay log holds nothing else. */
export const REQUEST_EVENT_TYPES: ReadonlySet<SimEvent['type']> = new Set<SimEvent['type']>([
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

/**
 * Runs the clock to `at` as the API server's clock does: a component's recovered failure
 * (`ControllerPanic`, `Livelock`) is the live run's too and does not stop the replay.
 */
export function runReplayTo(simulation: Simulation, at: SimTime): void {
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

/**
 * Starts the simulation a replay log begins with: its scenario under its seed, with `defaults`
 * beneath the scenario's own options (the server's: `daemonsim serve` starts with `RUN_DEFAULTS`;
 * options that only keep or stream the trace change nothing else).
 */
export function startReplay(
  scenario: Scenario,
  seed: string | number | undefined,
  defaults: SimulationOptions,
): Simulation {
  return runScenario(scenario, { simulationDefaults: defaults, ...(seed === undefined ? {} : { seed }) })
    .simulation;
}

/**
 * Submits each recorded request again at its time (the clock run up to it first), rejected again
 * where the live run rejected it, calling `after` with each. The requests must be in time order
 * and none before `simulation.now` (a `SimulationError('BadRequest')` otherwise).
 */
export function applyRecordedRequests(
  simulation: Simulation,
  requests: readonly RecordedRequest[],
  after?: (request: RecordedRequest) => void,
): void {
  for (const request of requests) {
    if (request.at < simulation.now)
      throw new SimulationError(
        'BadRequest',
        `replay.requests: a request at ${request.at} ms comes before the simulation's time ${simulation.now} ms`,
        { path: 'replay.requests' },
      );
    runReplayTo(simulation, request.at);
    try {
      simulation.submit(request.event);
    } catch {
      // Rejected live as well: the replay sees what the live run saw.
    }
    after?.(request);
  }
}
