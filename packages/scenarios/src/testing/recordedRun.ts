import fc from 'fast-check';
import type { Simulation, TraceEntry } from '@daemonsim/core';
import { SimulationError } from '@daemonsim/core';
import { ScenarioStepError } from '../errors.js';
import { runScenario, runStep } from '../runScenario.js';
import type { Scenario } from '../scenario.js';
import type { Step } from '../steps.js';
import { clusterOpStep } from './clusterOpStep.js';
import type { ClusterOp } from './clusterOps.js';
import { clusterOpsArbitrary } from './clusterOps.js';

/** One generated case of a built-in property: cluster ops and the simulation seed they run under. */
export interface ClusterCase {
  readonly seed: number;
  readonly ops: readonly ClusterOp[];
}

/** What a {@link ClusterCase} is drawn from. */
export interface ClusterCaseOptions {
  /** Most random ops after the first nodes and DaemonSets. @defaultValue 25 */
  readonly maxLength?: number;
  /** A quarter of the ops are template changes (see {@link clusterOpsArbitrary}). @defaultValue true */
  readonly rollouts?: boolean;
}

/** An arbitrary {@link ClusterCase}: a seed below 10,000 and {@link clusterOpsArbitrary}'s ops. */
export function clusterCaseArbitrary(options: ClusterCaseOptions = {}): fc.Arbitrary<ClusterCase> {
  return fc.record({
    seed: fc.nat({ max: 9_999 }),
    ops: clusterOpsArbitrary({ maxLength: options.maxLength ?? 25, rollouts: options.rollouts ?? true }),
  });
}

/**
 * Watches one run: `onStart` with the simulation before anything runs, `onEntry` with each
 * trace entry as it is recorded (at an `event` entry the state is what every earlier event
 * left), `onStep` after each step, and `onEnd` after the last step.
 */
export interface RunWatch {
  readonly onStart?: (simulation: Simulation) => void;
  readonly onEntry?: (simulation: Simulation, entry: TraceEntry) => void;
  readonly onStep?: (simulation: Simulation, step: Step, index: number) => void;
  readonly onEnd?: (simulation: Simulation) => void;
}

/**
 * A run of a property: the scenario file it amounts to, the simulation it left, and the step
 * error that stopped it, if one did, as `daemonsim run` would print it
 * (`steps[7] (runUntilQuiet): runUntilQuiet: the cluster was still busy after ...`).
 */
export interface RecordedRun {
  readonly scenario: Scenario;
  readonly simulation: Simulation;
  readonly error?: string;
}

/** Runs a scenario with `watch`, as `daemonsim run` runs it (trace streamed unless `keepTrace`); a step error ends the run and is returned. */
export function watchedRun(scenario: Scenario, watch: RunWatch = {}, keepTrace = false): RecordedRun {
  let sim: Simulation | undefined;
  try {
    const result = runScenario(scenario, {
      simulationDefaults: {
        trace: keepTrace,
        traceSink: (entry) => {
          if (sim !== undefined) watch.onEntry?.(sim, entry);
        },
      },
      onStart: (simulation) => {
        sim = simulation;
        watch.onStart?.(simulation);
      },
      onStep: (report) => watch.onStep?.(report.simulation, report.step, report.index),
    });
    watch.onEnd?.(result.simulation);
    return { scenario: result.scenario, simulation: result.simulation };
  } catch (error) {
    if (!(error instanceof ScenarioStepError) || sim === undefined) throw error;
    watch.onEnd?.(sim);
    return { scenario, simulation: sim, error: error.message };
  }
}

/**
 * Runs `base`'s own steps (say, a controller crash to come), then a case's ops on the simulation
 * `base` (name, options, faults) makes, then `settle`,
 * and records the scenario steps the ops amounted to (see `clusterOpStep`), so the returned
 * scenario, run by `runScenario` or `daemonsim run`, submits the same events and gives the same
 * trace byte for byte. A step that throws ends the run: the scenario ends with it and the run
 * carries the error as `runScenario` words it. Upstream has no counterpart.
 */
export function recordedRun(
  base: Omit<Scenario, 'seed' | 'steps'> & { readonly steps?: readonly Step[] },
  c: ClusterCase,
  settle: readonly Step[],
  watch: RunWatch = {},
  keepTrace = false,
): RecordedRun {
  const { steps: prefix = [], ...declared } = base;
  const empty: Scenario = { ...declared, seed: c.seed, steps: [] };
  const { simulation } = watchedRun(empty, { ...watch, onEnd: () => {} }, keepTrace);
  const steps: Step[] = [];
  const counter = { next: 0 };
  /** Runs and records one step; the error it threw, if it did. */
  const perform = (step: Step): string | undefined => {
    steps.push(step);
    try {
      runStep(simulation, step, steps.length - 1, () => {});
    } catch (error) {
      if (!(error instanceof SimulationError)) throw error;
      return new ScenarioStepError(steps.length - 1, step.kind, error.code, error.message).message;
    }
    watch.onStep?.(simulation, step, steps.length - 1);
    return undefined;
  };
  // An op resolves when its turn comes, against the state the earlier steps left.
  function* plan(): Generator<Step> {
    yield* prefix;
    for (const op of c.ops) {
      const step = clusterOpStep(simulation.view, op, counter);
      if (step !== undefined) yield step;
    }
    yield* settle;
  }
  let error: string | undefined;
  for (const step of plan()) {
    error = perform(step);
    if (error !== undefined) break;
  }
  watch.onEnd?.(simulation);
  return { scenario: { ...empty, steps }, simulation, ...(error === undefined ? {} : { error }) };
}
