import type { FaultRule, WatchFaultRule } from '@daemonsim/core';
import type { Duration } from './duration.js';
import type { Step } from './steps.js';

/** A latency drawn uniformly from `[min, max]`. Mirrors core's `LatencyRange`, with durations. */
export interface ScenarioLatencyRange {
  readonly min: Duration;
  readonly max: Duration;
}

/**
 * The simulation options a scenario may set: core's `SimulationOptions` without `seed` (a
 * scenario field of its own) and `trace` (always on), with durations as numbers or strings.
 */
export interface ScenarioOptions {
  readonly syncMode?: 'incremental' | 'full';
  /** `overlay` (10.244.0.0/16, as kind) or `vpc` (pods get addresses of their node's subnet, as on EKS). */
  readonly podNetwork?: 'overlay' | 'vpc';
  /** `instant` (default) or `informer`: controllers see writes after a seeded lag. */
  readonly observation?: 'instant' | 'informer';
  /** Turn off to see why the DaemonSet controller's expectations exist. @defaultValue true */
  readonly expectations?: boolean;
  readonly latencies?: {
    readonly scheduling?: ScenarioLatencyRange;
    readonly containerStart?: ScenarioLatencyRange;
    readonly readiness?: ScenarioLatencyRange;
    readonly termination?: ScenarioLatencyRange;
    readonly informer?: ScenarioLatencyRange;
  };
  readonly podGCPeriod?: Duration;
  readonly podGCQuarantine?: Duration;
  readonly terminatedPodGCThreshold?: number;
  /** kube-controller-manager's `--min-resync-period` (core's `minResyncPeriod`); 0 turns the informers' resync off. @defaultValue '12h' */
  readonly minResyncPeriod?: Duration;
  /** How containers of each image behave (core's `ImageBehaviour`, with durations). */
  readonly images?: Readonly<Record<string, ScenarioImageBehaviour>>;
  /** PriorityClasses beside `system-node-critical` and `system-cluster-critical`. */
  readonly priorityClasses?: Readonly<
    Record<string, { readonly value: number; readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never' }>
  >;
  /** kube-controller-manager's `--node-monitor-grace-period`. @defaultValue '50s' */
  readonly nodeMonitorGracePeriod?: Duration;
  /**
   * What unknown fields in the scenario's manifests do: `Strict` rejects the step
   * (`strict decoding error: unknown field "spec.foo"`), `Ignore` drops them. @defaultValue 'Strict'
   */
  readonly fieldValidation?: 'Strict' | 'Ignore';
  /** The DaemonSet controller's most creates or deletes per pass (`BurstReplicas`). @defaultValue 250 */
  readonly burstReplicas?: number;
  /** The first batch of the DaemonSet controller's `slowStartBatch`. @defaultValue 1 */
  readonly slowStartInitialBatchSize?: number;
  /** KEP-5647's staleness check in the DaemonSet controller (core's `staleControllerConsistency`). @defaultValue false */
  readonly staleControllerConsistency?: boolean;
  /** The DaemonSet controller's failed-pod backoff: first delay and cap. @defaultValue `{ initial: '1s', max: '15m' }` */
  readonly failedPodsBackoff?: { readonly initial?: Duration; readonly max?: Duration };
}

/** Core's `ImageBehaviour` as a scenario writes it: durations as numbers or strings. */
export interface ScenarioImageBehaviour {
  readonly pull?: 'succeed' | 'fail';
  readonly pullLatency?: ScenarioLatencyRange;
  readonly startLatency?: ScenarioLatencyRange;
  readonly readinessDelay?: ScenarioLatencyRange;
  readonly ready?: boolean;
  readonly probeOutput?: string;
  readonly live?: boolean;
  readonly liveFor?: Duration;
  readonly started?: boolean;
  readonly startupDelay?: Duration;
  readonly crashAfter?: Duration;
  readonly exitCode?: number;
  readonly stopLatency?: Duration;
  readonly failOnNode?:
    boolean | { readonly reason?: string; readonly message?: string; readonly nodes?: readonly string[] };
  readonly logs?: readonly { readonly after: Duration; readonly text: string }[];
}

/**
 * A scenario: plain data that a cluster runs step by step, written as a TypeScript object
 * literal or a YAML file ({@link parseScenario}). Upstream has no counterpart.
 */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** The RNG seed; {@link runScenario}'s `seed` option overrides it. @defaultValue 0 */
  readonly seed?: string | number;
  readonly options?: ScenarioOptions;
  /**
   * Seeded API faults (core's `FaultRule`): the controllers' requests they match fail with their
   * error; `enableFault` and `disableFault` steps switch them by `rule` name. A rule with `watch`
   * (core's `WatchFaultRule`) breaks or delays the informers' watch of a kind. @defaultValue none
   */
  readonly faults?: readonly (FaultRule | WatchFaultRule)[];
  readonly steps: readonly Step[];
}
