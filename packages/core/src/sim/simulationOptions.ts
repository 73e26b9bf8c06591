import type { PodNetwork } from '../controllers/kubelet/allocatePodIP.js';
import type { FieldValidation } from '../api/decodeObject.js';
import type { ImageBehaviours } from '../controllers/kubelet/imageBehaviour.js';
import type { PriorityClassInfo } from '../controllers/scheduler/priorityClasses.js';
import type { FaultRule } from './faultRule.js';
import type { WatchFaultRule } from './watchFaultRule.js';
import type { ClusterFixture } from './loadFixture.js';
import type { TraceEntry } from './trace.js';

/** A latency drawn uniformly from `[min, max]` milliseconds. */
export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

/** How long the scheduler and kubelet take, drawn from the seeded RNG. */
export interface Latencies {
  /** Pod created to scheduling cycle. @defaultValue 5–50 ms */
  readonly scheduling: LatencyRange;
  /** Bound to containers running: image pull plus start. @defaultValue 1–4 s */
  readonly containerStart: LatencyRange;
  /** Containers running to Ready. @defaultValue 0.5–3 s */
  readonly readiness: LatencyRange;
  /** Deletion requested to containers stopped, capped by the grace period. @defaultValue 0.5–2 s */
  readonly termination: LatencyRange;
  /** A write to the informer caches, in the `informer` observation model. @defaultValue 2–60 ms */
  readonly informer: LatencyRange;
}

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  /** @defaultValue 0 */
  readonly seed?: string | number;
  /**
   * Where pod addresses come from: `overlay` (10.244.0.0/16, as kind) or `vpc` (the node's
   * subnet, as the Amazon VPC CNI on EKS). @defaultValue 'overlay'
   */
  readonly podNetwork?: PodNetwork;
  /**
   * `incremental` passes look only at the nodes whose inputs changed since the DaemonSet's last
   * pass; `full` passes look at every node, as upstream does. Both give the same trace.
   * @defaultValue 'incremental'
   */
  readonly syncMode?: 'incremental' | 'full';
  readonly latencies?: Partial<Latencies>;
  /** @defaultValue 20 s */
  readonly podGCPeriod?: number;
  /** @defaultValue 40 s */
  readonly podGCQuarantine?: number;
  /** @defaultValue 12500 */
  readonly terminatedPodGCThreshold?: number;
  /**
   * kube-controller-manager's `--min-resync-period`, in ms: its informers resync every period
   * times a seeded factor in [1, 2), and at each resync the DaemonSet informer's update handler
   * queues every DaemonSet (see `runInformerResync`); a controller restart draws a new period.
   * 0 turns the resync off. @defaultValue 12 h
   */
  readonly minResyncPeriod?: number;
  /** Keep the trace in memory; off saves memory in long runs (see `traceLimit` and `traceSink`). @defaultValue true */
  readonly trace?: boolean;
  /**
   * Keep only the latest this-many trace entries in memory (a ring, amortised O(1) per entry);
   * `Simulation.traceDropped` counts the rest. @defaultValue unlimited
   */
  readonly traceLimit?: number;
  /**
   * Receives every trace entry as it is recorded, whether or not the trace is kept: with
   * `trace: false` the trace is streamed (e.g. as NDJSON to a file) and memory stays flat.
   * The sink must not write to the simulation. @defaultValue none
   */
  readonly traceSink?: (entry: TraceEntry) => void;
  /**
   * `instant`: controllers see every write at once, as in upstream's unit tests. `informer`:
   * writes reach the controllers' caches after a seeded lag (`latencies.informer`), in order,
   * as through watches in a real cluster. @defaultValue 'instant'
   */
  readonly observation?: 'instant' | 'informer';
  /**
   * Trace each watch delivery to the controllers' informer cache under `informer` observation
   * (`WatchDelivered Pod ns/name ADDED written=00:00:01.066`, the time of the write it carries), so
   * a reader or the view can draw how far the cache trails the API server. Off, deliveries are
   * not traced and existing traces stay as they were. @defaultValue false
   */
  readonly traceWatchDeliveries?: boolean;
  /**
   * Whether the DaemonSet controller waits for its own creates and deletes to be observed
   * (expectations) before acting again. Turning it off shows why it exists: under `informer`
   * observation, duplicate pods. @defaultValue true
   */
  readonly expectations?: boolean;
  /**
   * How containers of each image behave on the kubelet, by image reference or repository:
   * pull failures, latencies, crashes, readiness that never comes, admission failures, logs.
   * Images not listed start, become ready and run with the default latencies. @defaultValue {}
   */
  readonly images?: ImageBehaviours;
  /**
   * PriorityClasses beside the built-in `system-node-critical` (2000001000) and
   * `system-cluster-critical` (2000000000), by name. @defaultValue {}
   */
  readonly priorityClasses?: Readonly<Record<string, PriorityClassInfo>>;
  /** kube-controller-manager's `--node-monitor-grace-period`. @defaultValue 50 s */
  readonly nodeMonitorGracePeriod?: number;
  /**
   * The livelock guard's limits: how often a DaemonSet may re-queue itself at one instant, and
   * how many events one instant may take, before the item is set aside with backoff and the
   * run call throws `SimulationError('Livelock')`.
   * @defaultValue `{ maxRequeuesPerInstant: 50, maxEventsPerInstant: 1000000 }`
   */
  readonly livelock?: LivelockOptions;
  /**
   * What a request event's unknown fields do: `Strict` rejects it (`strict decoding error:
   * unknown field "spec.foo"`), `Ignore` drops them, as the API server's `fieldValidation`.
   * @defaultValue 'Strict'
   */
  readonly fieldValidation?: Exclude<FieldValidation, 'Warn'>;
  /**
   * Objects the cluster starts with, stored as given (status, owners, finalizers, deletion marks,
   * conditions) after the API server's decoding and validation; no controller runs at
   * construction: their informers' handlers queue work for the first step (see `loadFixture`).
   * A bad object throws in the API server's words and no simulation is built. @defaultValue none
   */
  readonly fixture?: ClusterFixture;
  /** The DaemonSet controller's most creates or deletes per pass (`BurstReplicas`). @defaultValue 250 */
  readonly burstReplicas?: number;
  /**
   * The DaemonSet controller's backoff for failed daemon pods, per node: first delay and cap in
   * ms (`flowcontrol.NewBackOff(initial, max)`). @defaultValue `{ initial: 1000, max: 900000 }`
   */
  readonly failedPodsBackoff?: { readonly initial?: number; readonly max?: number };
  /** The first batch of the DaemonSet controller's `slowStartBatch` creates. @defaultValue 1 */
  readonly slowStartInitialBatchSize?: number;
  /**
   * Seeded API faults: the DaemonSet controller's requests that a rule matches fail with the
   * rule's error, by probability or on the nth match, and the controller reacts as upstream's
   * (slow start stops, expectations are lowered, the key is re-queued with backoff, a status
   * write is retried after a GET); every injected failure is in the trace. Drawn from an RNG
   * stream of their own, so a run without faults is unchanged. Switch rules with
   * `Simulation.enableFault` / `disableFault`. A rule with `watch` (a `WatchFaultRule`, under
   * `informer` observation only) breaks or delays the controllers' watch of one kind instead:
   * dropped writes are healed by a relist after the reflector's backoff. @defaultValue none
   */
  readonly faults?: readonly (FaultRule | WatchFaultRule)[];
  /**
   * KEP-5647's staleness check for the DaemonSet controller (`StaleControllerConsistencyDaemonSet`):
   * a pass is deferred while the controller's informer cache has not yet seen the resourceVersion
   * of its own latest write for that DaemonSet, or, after a restart, the resourceVersion current
   * when it started; the delivery of those writes queues the DaemonSet again. Only matters under
   * `informer` observation. @defaultValue false (upstream 1.36 turns it on by default)
   */
  readonly staleControllerConsistency?: boolean;
}

/** Limits of the livelock guard (the simulation's `LivelockGuard`). */
export interface LivelockOptions {
  /**
   * How many times in a row a DaemonSet's sync may re-queue itself at one instant before it is
   * set aside. Its own writes wake a DaemonSet a few times at most before it settles; a
   * DaemonSet that never sees its pods (a selector no pod can match) would wake itself forever.
   * @defaultValue 50
   */
  readonly maxRequeuesPerInstant?: number;
  /**
   * How many component events may be processed at one instant, with no request in between,
   * before the one at hand is set aside. @defaultValue 1000000
   */
  readonly maxEventsPerInstant?: number;
}
