import type {
  ClusterSnapshot,
  ImageBehaviour,
  Latencies,
  NodeChange,
  SimEvent,
  Simulation,
  SimulationOptions,
  SimTime,
  TraceEntry,
} from '@daemonsim/core';
import { createSimulation, drainNode, formatSimTime, formatTrace, SimulationError } from '@daemonsim/core';
import { durationToMs } from './duration.js';
import { ScenarioExpectationError, ScenarioStepError } from './errors.js';
import type { ExpectationResult } from './expectations.js';
import { evaluateExpectation } from './expectations.js';
import { renderGet } from './kubectlViews.js';
import { rolloutUndoManifest } from './rolloutUndo.js';
import type { Scenario, ScenarioImageBehaviour, ScenarioLatencyRange, ScenarioOptions } from './scenario.js';
import type { ScenarioLimits } from './scenarioLimits.js';
import type { Step } from './steps.js';
import { validateScenario } from './validateScenario.js';
import { parseManifests } from './parseManifests.js';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Overrides the scenario's own seed. */
  readonly seed?: string | number;
  /** Simulation options beneath the scenario's own `options` (which win), e.g. the CLI's defaults. */
  readonly simulationDefaults?: SimulationOptions;
  /** Called after each step has run, with the simulation as the step left it. */
  readonly onStep?: (report: ExecutedStep & { readonly step: Step; readonly simulation: Simulation }) => void;
  /** Called with the new simulation before the first step, e.g. to watch every write. */
  readonly onStart?: (simulation: Simulation) => void;
  /**
   * What a failing `expect` does: `throw` stops the run with {@link ScenarioExpectationError};
   * `collect` records it in {@link ScenarioResult.failedExpectations} and goes on, as a sweep
   * wants every failure of a run. @defaultValue 'throw'
   */
  readonly expectations?: 'throw' | 'collect';
  /** Bounds on the scenario's size, checked before it runs; unset ones take DEFAULT_SCENARIO_LIMITS. */
  readonly limits?: ScenarioLimits;
}

/** A failed `expect` step that {@link RunScenarioOptions.expectations} `collect` let the run pass. */
export interface FailedExpectation {
  readonly index: number;
  readonly at: SimTime;
  /** Each unmet assertion, as `expected ..., found ...`. */
  readonly failures: readonly string[];
}

/** One step as it ran: its index, kind, and the simulated times it started and finished at. */
export interface ExecutedStep {
  readonly index: number;
  readonly kind: Step['kind'];
  readonly startedAt: SimTime;
  readonly finishedAt: SimTime;
}

/** What {@link runScenario} returns: the simulation after the last step and what it recorded. */
export interface ScenarioResult {
  /** The scenario as validated (a plain-data copy). */
  readonly scenario: Scenario;
  /** The simulation, still usable: more events can be submitted. */
  readonly simulation: Simulation;
  /** The cluster's objects after the last step. */
  readonly snapshot: ClusterSnapshot & { readonly time: SimTime };
  readonly trace: readonly TraceEntry[];
  /** The trace as stable text, the format of golden files. */
  readonly traceText: string;
  /** What the `print` steps printed, in order, separated by blank lines. */
  readonly output: string;
  readonly steps: readonly ExecutedStep[];
  /** The failed `expect` steps, in order; empty unless `expectations` is `collect`. */
  readonly failedExpectations: readonly FailedExpectation[];
}

/**
 * Runs a scenario on a new seeded simulation, step by step. A step with `at` first runs the
 * simulation until that time; each action is submitted as a simulator event and processed with
 * everything else due at that moment.
 * Throws `SimulationError` from {@link validateScenario} for a malformed scenario (before anything
 * runs), {@link ScenarioStepError} for a step the simulation rejects or an `at` in the past, and
 * {@link ScenarioExpectationError} for a failing `expect`.
 * Upstream has no counterpart.
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): ScenarioResult {
  const validated = validateScenario(scenario, options.limits);
  const seed = options.seed ?? validated.seed;
  const simulation = createSimulation({
    ...options.simulationDefaults,
    ...simulationOptions(validated.options),
    ...(validated.faults === undefined ? {} : { faults: validated.faults }),
    ...(seed === undefined ? {} : { seed }),
  });
  options.onStart?.(simulation);
  let output = '';
  const executed: ExecutedStep[] = [];
  const failedExpectations: FailedExpectation[] = [];
  validated.steps.forEach((step, index) => {
    const startedAt = simulation.now;
    try {
      if (step.at !== undefined) {
        const at = durationToMs(step.at, `steps[${index}].at`);
        if (at < simulation.now) {
          throw new SimulationError(
            'TimeInPast',
            `steps[${index}].at: Invalid value: ${JSON.stringify(step.at)}: ${formatSimTime(at)} is before the current time ${formatSimTime(simulation.now)}`,
            { path: `steps[${index}].at` },
          );
        }
        simulation.runUntil(at);
      }
      const printed = runStep(simulation, step, index, (result) => {
        if (options.expectations !== 'collect')
          throw new ScenarioExpectationError(
            index,
            result.failures,
            result.state,
            formatSimTime(simulation.now),
          );
        failedExpectations.push({ index, at: simulation.now, failures: result.failures });
      });
      if (printed !== '') output += output === '' ? printed : `\n${printed}`;
    } catch (error) {
      if (error instanceof SimulationError)
        throw new ScenarioStepError(index, step.kind, error.code, error.message, {
          path: error.path,
          cause: error,
        });
      throw error;
    }
    const report: ExecutedStep = { index, kind: step.kind, startedAt, finishedAt: simulation.now };
    executed.push(report);
    options.onStep?.({ ...report, step, simulation });
  });
  const trace = simulation.trace;
  return {
    scenario: validated,
    simulation,
    snapshot: simulation.snapshot(),
    trace,
    traceText: formatTrace(trace),
    output,
    steps: executed,
    failedExpectations,
  };
}

/**
 * A scenario's options as core's `SimulationOptions` take them: durations in milliseconds, image
 * behaviours, latencies and controller settings converted. Upstream has no counterpart.
 */
export function simulationOptions(options: ScenarioOptions | undefined): SimulationOptions {
  if (options === undefined) return {};
  const latencies: { -readonly [K in keyof Latencies]?: Latencies[K] } = {};
  for (const [name, range] of Object.entries(options.latencies ?? {}) as [
    keyof Latencies,
    { min: string | number; max: string | number },
  ][]) {
    latencies[name] = {
      min: durationToMs(range.min, `options.latencies.${name}.min`),
      max: durationToMs(range.max, `options.latencies.${name}.max`),
    };
  }
  return {
    ...(options.syncMode === undefined ? {} : { syncMode: options.syncMode }),
    ...(options.podNetwork === undefined ? {} : { podNetwork: options.podNetwork }),
    ...(options.observation === undefined ? {} : { observation: options.observation }),
    ...(options.expectations === undefined ? {} : { expectations: options.expectations }),
    ...(options.latencies === undefined ? {} : { latencies }),
    ...(options.podGCPeriod === undefined
      ? {}
      : { podGCPeriod: durationToMs(options.podGCPeriod, 'options.podGCPeriod') }),
    ...(options.podGCQuarantine === undefined
      ? {}
      : { podGCQuarantine: durationToMs(options.podGCQuarantine, 'options.podGCQuarantine') }),
    ...(options.terminatedPodGCThreshold === undefined
      ? {}
      : { terminatedPodGCThreshold: options.terminatedPodGCThreshold }),
    ...(options.minResyncPeriod === undefined
      ? {}
      : { minResyncPeriod: durationToMs(options.minResyncPeriod, 'options.minResyncPeriod') }),
    ...(options.images === undefined
      ? {}
      : {
          images: Object.fromEntries(
            Object.entries(options.images).map(([k, v]) => [k, imageBehaviour(v, `options.images.${k}`)]),
          ),
        }),
    ...(options.priorityClasses === undefined ? {} : { priorityClasses: options.priorityClasses }),
    ...(options.nodeMonitorGracePeriod === undefined
      ? {}
      : {
          nodeMonitorGracePeriod: durationToMs(
            options.nodeMonitorGracePeriod,
            'options.nodeMonitorGracePeriod',
          ),
        }),
    ...(options.fieldValidation === undefined ? {} : { fieldValidation: options.fieldValidation }),
    ...(options.burstReplicas === undefined ? {} : { burstReplicas: options.burstReplicas }),
    ...(options.staleControllerConsistency === undefined
      ? {}
      : { staleControllerConsistency: options.staleControllerConsistency }),
    ...(options.slowStartInitialBatchSize === undefined
      ? {}
      : { slowStartInitialBatchSize: options.slowStartInitialBatchSize }),
    ...(options.failedPodsBackoff === undefined
      ? {}
      : {
          failedPodsBackoff: {
            ...(options.failedPodsBackoff.initial === undefined
              ? {}
              : {
                  initial: durationToMs(
                    options.failedPodsBackoff.initial,
                    'options.failedPodsBackoff.initial',
                  ),
                }),
            ...(options.failedPodsBackoff.max === undefined
              ? {}
              : { max: durationToMs(options.failedPodsBackoff.max, 'options.failedPodsBackoff.max') }),
          },
        }),
  };
}

function range(r: ScenarioLatencyRange, path: string): { min: number; max: number } {
  return { min: durationToMs(r.min, `${path}.min`), max: durationToMs(r.max, `${path}.max`) };
}

/** A scenario's image behaviour with its durations in milliseconds, as core takes it. */
function imageBehaviour(b: ScenarioImageBehaviour, path: string): ImageBehaviour {
  return {
    ...(b.pull === undefined ? {} : { pull: b.pull }),
    ...(b.pullLatency === undefined ? {} : { pullLatency: range(b.pullLatency, `${path}.pullLatency`) }),
    ...(b.startLatency === undefined ? {} : { startLatency: range(b.startLatency, `${path}.startLatency`) }),
    ...(b.readinessDelay === undefined
      ? {}
      : { readinessDelay: range(b.readinessDelay, `${path}.readinessDelay`) }),
    ...(b.ready === undefined ? {} : { ready: b.ready }),
    ...(b.probeOutput === undefined ? {} : { probeOutput: b.probeOutput }),
    ...(b.live === undefined ? {} : { live: b.live }),
    ...(b.liveFor === undefined ? {} : { liveFor: durationToMs(b.liveFor, `${path}.liveFor`) }),
    ...(b.started === undefined ? {} : { started: b.started }),
    ...(b.startupDelay === undefined
      ? {}
      : { startupDelay: durationToMs(b.startupDelay, `${path}.startupDelay`) }),
    ...(b.crashAfter === undefined ? {} : { crashAfter: durationToMs(b.crashAfter, `${path}.crashAfter`) }),
    ...(b.exitCode === undefined ? {} : { exitCode: b.exitCode }),
    ...(b.stopLatency === undefined
      ? {}
      : { stopLatency: durationToMs(b.stopLatency, `${path}.stopLatency`) }),
    ...(b.failOnNode === undefined ? {} : { failOnNode: b.failOnNode }),
    ...(b.logs === undefined
      ? {}
      : {
          logs: b.logs.map((l, i) => ({
            after: durationToMs(l.after, `${path}.logs[${i}].after`),
            text: l.text,
          })),
        }),
  };
}

/**
 * Runs one step at the current time, ignoring its `at`; returns what it printed. A failing
 * `expect` goes to `failed`. The testing kit drives recorded cluster ops through it, so that a
 * recorded sequence and its scenario file submit the same events. Upstream has no counterpart.
 */
export function runStep(
  simulation: Simulation,
  step: Step,
  index: number,
  failed: (result: ExpectationResult) => void,
): string {
  const submit = (event: SimEvent): void => simulation.submit(event);
  const updateNode = (name: string, change: NodeChange): void =>
    submit({ type: 'NodeUpdated', name, change });
  switch (step.kind) {
    case 'addNodes': {
      const names = step.names ?? freeNames(simulation, step.namePrefix ?? 'node-', step.count ?? 0);
      for (const name of names) {
        submit({
          type: 'NodeAdded',
          node: {
            name,
            ...(step.labels === undefined ? {} : { labels: step.labels }),
            ...(step.taints === undefined ? {} : { taints: step.taints.map((t) => ({ ...t })) }),
            ...(step.capacity === undefined ? {} : { capacity: step.capacity }),
            ...(step.unschedulable === undefined ? {} : { unschedulable: step.unschedulable }),
          },
        });
      }
      return '';
    }
    case 'removeNodes':
      for (const name of step.names) submit({ type: 'NodeRemoved', name });
      return '';
    case 'labelNode':
      updateNode(step.node, { labels: step.labels });
      return '';
    case 'taintNode':
      updateNode(step.node, { addTaints: step.taints.map((t) => ({ ...t })) });
      return '';
    case 'untaintNode':
      updateNode(step.node, { removeTaints: step.taints });
      return '';
    case 'cordon':
    case 'uncordon':
      updateNode(step.node, { unschedulable: step.kind === 'cordon' });
      return '';
    case 'failNode':
      submit({ type: 'NodeHeartbeatsStopped', name: step.node });
      return '';
    case 'recoverNode':
      submit({ type: 'NodeHeartbeatsResumed', name: step.node });
      return '';
    case 'setNodeCondition':
      submit({
        type: 'NodeConditionSet',
        name: step.node,
        condition: {
          type: step.type,
          status: step.status,
          ...(step.reason === undefined ? {} : { reason: step.reason }),
          ...(step.message === undefined ? {} : { message: step.message }),
        },
      });
      return '';
    case 'drain':
      for (const event of drainNode(simulation.view, step.node, {
        ignoreDaemonSets: true,
        ...(step.force === undefined ? {} : { force: step.force }),
      }))
        submit(event);
      return '';
    case 'apply': {
      const m = step.manifests;
      const manifests = typeof m === 'string' ? parseManifests(m) : Array.isArray(m) ? m : [m];
      for (const manifest of manifests) submit({ type: 'ManifestApplied', manifest });
      return '';
    }
    case 'deleteDaemonSet':
      submit({
        type: 'DaemonSetDeleted',
        namespace: step.namespace ?? 'default',
        name: step.name,
        propagationPolicy: step.propagationPolicy ?? 'Background',
      });
      return '';
    case 'deletePod':
      submit({ type: 'PodDeleted', namespace: step.namespace ?? 'default', name: step.name });
      return '';
    case 'rolloutUndo': {
      const manifest = rolloutUndoManifest(
        simulation.view,
        step.namespace ?? 'default',
        step.name,
        step.toRevision ?? 0,
      );
      if (manifest !== undefined) submit({ type: 'ManifestApplied', manifest });
      return '';
    }
    case 'enableFault':
      simulation.enableFault(step.rule);
      return '';
    case 'disableFault':
      simulation.disableFault(step.rule);
      return '';
    case 'crashController':
      simulation.crashController(step.controller, {
        ...(step.afterWrites === undefined ? {} : { afterWrites: step.afterWrites }),
        ...(step.relist === undefined ? {} : { relist: step.relist }),
      });
      return '';
    case 'advance':
      simulation.advance(durationToMs(step.duration, `steps[${index}].duration`));
      return '';
    case 'runUntilQuiet':
      simulation.runUntilQuiet(
        ...(step.limit === undefined ? [] : [durationToMs(step.limit, `steps[${index}].limit`)]),
      );
      return '';
    case 'expect': {
      const result = evaluateExpectation(simulation.snapshot(), simulation.now, step);
      if (result.failures.length > 0) failed(result);
      return '';
    }
    case 'print':
      // A print step's description is the narration shown above its command, as a shell comment.
      return (
        (step.description === undefined ? '' : `# ${step.description}\n`) +
        renderGet(simulation.snapshot(), simulation.now, {
          resource: step.resource,
          ...(step.namespace === undefined ? {} : { namespace: step.namespace }),
          ...(step.allNamespaces === undefined ? {} : { allNamespaces: step.allNamespaces }),
          ...(step.wide === undefined ? {} : { wide: step.wide }),
        })
      );
  }
}

/** `count` names `<prefix><i>` with the smallest `i` from 1 that no node has. */
function freeNames(simulation: Simulation, prefix: string, count: number): string[] {
  const names: string[] = [];
  for (let i = 1; names.length < count; i++) {
    const name = `${prefix}${i}`;
    if (simulation.view.getNode(name) === undefined) names.push(name);
  }
  return names;
}
