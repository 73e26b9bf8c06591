import { canonicalJson } from '../api/canonicalJson.js';
import { defaultPodSpec } from '../api/defaultPodSpec.js';
import { generateName } from '../api/nameGenerator.js';
import { toPlainData } from '../api/sanitizeManifest.js';
import { validateObjectMeta } from '../api/validateName.js';
import { formatInvalidError } from '../api/fieldError.js';
import { DAEMONSET_CONTROLLER_COMPONENT } from '../controllers/daemonset/constants.js';
import { nodeShouldRunDaemonPod } from '../controllers/daemonset/nodeShouldRunDaemonPod.js';
import { cleanupHistoryActions, rollingUpdateActions, syncDaemonSet } from '../controllers/daemonset/syncDaemonSet.js';
import { lowerExpectations, satisfiedExpectations } from '../controllers/daemonset/expectations.js';
import { updateDaemonSetStatus } from '../controllers/daemonset/updateDaemonSetStatus.js';
import { FINALIZER_FOREGROUND_DELETION, FINALIZER_ORPHAN, garbageCollect } from '../controllers/garbagecollector/garbageCollect.js';
import {
  admittedPodStatus,
  containerExitedPodStatus,
  containerRestartedPodStatus,
  crashLoopBackOffPodStatus,
  formatGoDuration,
  imagePullPodStatus,
  notReadyPodStatus,
  partlyRunningPodStatus,
  readyExceptPodStatus,
  rejectedPodStatus,
} from '../controllers/kubelet/kubeletPodStatus.js';
import type { BackoffEntry } from '../controllers/kubelet/crashLoopBackOff.js';
import { nextBackOff, restartAt } from '../controllers/kubelet/crashLoopBackOff.js';
import type { ImageBehaviour, ImageBehaviours } from '../controllers/kubelet/imageBehaviour.js';
import { imageBehaviourOf } from '../controllers/kubelet/imageBehaviour.js';
import { admitPod } from '../controllers/kubelet/admitPod.js';
import type { LogOptions } from '../controllers/kubelet/containerLogs.js';
import { containerLogs } from '../controllers/kubelet/containerLogs.js';
import { nextMonitorPass, NODE_MONITOR_GRACE_PERIOD, tryUpdateNodeHealth, withHealthyConditions, withNodeCondition } from '../controllers/nodelifecycle/nodeConditions.js';
import { doNoExecuteTaintingPass, doNoScheduleTaintingPass, NODE_LIFECYCLE_COMPONENT } from '../controllers/nodelifecycle/nodeTaints.js';
import { TAINT_EVICTION_COMPONENT, taintEvictionDecision } from '../controllers/nodelifecycle/taintEviction.js';
import type { PriorityClassInfo } from '../controllers/scheduler/priorityClasses.js';
import { resolvePriority } from '../controllers/scheduler/priorityClasses.js';
import { tolerationsTolerateTaint } from '../model/taints.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../model/wellKnownTaints.js';
import type { Action, InvolvedObject, NewPod } from '../controllers/plan.js';
import { gcPods, PODGC_COMPONENT } from '../controllers/podgc/gcPods.js';
import { SCHEDULER_COMPONENT, schedulePod } from '../controllers/scheduler/schedulePod.js';
import { countsOnNode } from '../controllers/scheduler/nodeUsage.js';
import { getPodQOS } from '../kubectl/describePod.js';
import { SimulationError } from '../errors.js';
import { labelSelectorMatches } from '../model/labelSelector.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import type { ControllerRevision, DaemonSet, KubeEvent, Namespace, Node, Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { getControllerOf } from '../model/ownerReferences.js';
import { isPodReady } from '../model/podConditions.js';
import type { SimTime } from '../model/time.js';
import { parseTimestamp, SECOND, SIM_EPOCH_MS, toTimestamp } from '../model/time.js';
import type { RngState } from '../random/rng.js';
import { Rng } from '../random/rng.js';
import type { DaemonSetManifest } from './admitDaemonSet.js';
import { admitDaemonSet } from './admitDaemonSet.js';
import type { ClusterSnapshot, MutableDaemonSetMemory } from './clusterStore.js';
import { ClusterStore } from './clusterStore.js';
import type { ClusterView } from './clusterView.js';
import { EventQueue } from './eventQueue.js';
import { changeNode, newNode } from './newNode.js';
import type { ServerContext } from './serverContext.js';
import { uidFromCounter } from './serverContext.js';
import type { NodeLease } from './nodeLease.js';
import { nodeLease } from './nodeLease.js';
import type { PropagationPolicy, SimEvent, StoredKind, StoredObject, WatchedKind, WatchedObject } from './simEvent.js';
import { describeSimEvent } from './simEvent.js';
import type { TraceEntry, TraceWriteEntry } from './trace.js';

/**
 * One write as a Kubernetes watch reports it (`watch.Event`): the type and the object after it
 * (or, for DELETED, as it was, stamped with the resourceVersion of its deletion).
 */
export interface WatchEvent {
  readonly kind: StoredKind;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: StoredObject;
}

/**
 * What {@link Simulation.dryRun} found: the object the event would store (undefined for a
 * delete, or when nothing would change), as `?dryRun=All` answers. Upstream counterpart: the
 * registry's dry-run path, which runs admission and validation and skips the storage write.
 */
export interface DryRunResult {
  readonly object: StoredObject | undefined;
}

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
  /** Keep the trace; off saves memory in long benchmarks. @defaultValue true */
  readonly trace?: boolean;
  /**
   * `instant`: controllers see every write at once, as in upstream's unit tests. `informer`:
   * writes reach the controllers' caches after a seeded lag (`latencies.informer`), in order,
   * as through watches in a real cluster. @defaultValue 'instant'
   */
  readonly observation?: 'instant' | 'informer';
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
}

/** A simulator event that is periodic upkeep or a retry loop: it does not keep the cluster from being quiet. */
function isBackgroundEvent(event: SimEvent): boolean {
  switch (event.type) {
    case 'PodGCPeriod':
    case 'ContainerRestarted':
    case 'ContainerBackedOff':
    case 'ImagePullBackedOff':
    case 'ImagePullRetried':
      return true;
    default:
      return false;
  }
}

/** The toleration the DefaultTolerationSeconds admission plugin adds for `key` (300 s). */
const DEFAULT_TOLERATION_SECONDS = 300;

const DEFAULT_LATENCIES: Latencies = {
  scheduling: { min: 5, max: 50 },
  containerStart: { min: 1000, max: 4000 },
  readiness: { min: 500, max: 3000 },
  termination: { min: 500, max: 2000 },
  informer: { min: 2, max: 60 },
};

const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Which of the kinds a scenario may apply the simulator accepts, by apiVersion and kind. */
const SUPPORTED_KINDS = new Map([
  ['apps/v1 DaemonSet', 'DaemonSet'],
  ['v1 Node', 'Node'],
  ['v1 Namespace', 'Namespace'],
  ['v1 Pod', 'Pod'],
]);

/**
 * A simulated cluster: the store, the virtual clock, the event queue, the seeded RNG and the
 * controllers, advanced one event at a time. The only writer of cluster state.
 * Upstream has no counterpart: this plays the API server, etcd, kube-controller-manager's
 * DaemonSet, PodGC and garbage-collector controllers, the scheduler and every kubelet.
 */
export class Simulation {
  /** The API server's storage: the truth, what snapshots show. */
  private readonly store = new ClusterStore();
  /** What the controllers see: the store itself (instant observation) or a lagging replica (informer). */
  private readonly cache: ClusterStore;
  private readonly useExpectations: boolean;
  private lastDelivery = 0;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly rng: Rng;
  private readonly latencies: Latencies;
  private readonly syncMode: 'incremental' | 'full';
  private readonly podGCPeriod: number;
  private readonly podGCQuarantine: number;
  private readonly terminatedPodGCThreshold: number;
  private readonly keepTrace: boolean;
  private readonly traceLog: TraceEntry[] = [];
  private clock: SimTime = 0;
  private uids = 0;
  private resourceVersion = 0;
  private nodeOrdinal = 0;
  private eventCounter = 0;
  private processed = 0;
  private podIPs = 0;
  /** Pending events other than PodGC's period. */
  private busyEvents = 0;
  private readonly watchers = new Set<(event: WatchEvent) => void>();
  /** Updates refused for a stale resourceVersion; a pass that caused one is retried. */
  private conflicts = 0;
  /** KubeEvents in recording order with their expiry, for the API server's event TTL. */
  private readonly eventExpiry: { readonly key: string; readonly at: SimTime }[] = [];
  private eventExpiryHead = 0;
  /** DaemonSet key to the time a sync of it is queued without delay. */
  private readonly syncDue = new Map<string, SimTime>();
  /** DaemonSet key to the earliest time a delayed sync of it (`enqueueAfter`) is queued. */
  private readonly syncWaiting = new Map<string, SimTime>();
  /** DaemonSet key to nodes whose inputs changed since its last pass (`'all'` for every node). */
  private readonly dirty = new Map<string, Set<string> | 'all'>();
  private readonly gcDue = new Set<string>();
  private podGCQuarantineState: ReadonlyMap<string, SimTime> = new Map();
  private readonly unschedulable = new Map<string, string>();
  /** Involved-object uid, type, reason, message, component to the event key: the recorder's aggregation cache. */
  private readonly eventCache = new Map<string, string>();
  private readonly context: ServerContext;
  private readonly images: ImageBehaviours;
  private readonly priorityClasses: Readonly<Record<string, PriorityClassInfo>>;
  private readonly nodeMonitorGracePeriod: number;
  /** Nodes whose kubelet stopped posting status, to the time it stopped. */
  private readonly kubeletDown = new Map<string, SimTime>();
  /** The kubelets' container restart backoff entries, by `<pod uid>/<container>`. */
  private readonly crashBackoff = new Map<string, BackoffEntry>();
  /** The kubelets' image pull backoff entries, by `<pod uid>/<container>`. */
  private readonly pullBackoff = new Map<string, BackoffEntry>();
  /** The taint eviction controller's timers: pod key to pod uid, fire time and when the timer started. */
  private readonly evictionTimers = new Map<string, { uid: string; at: SimTime; createdAt: SimTime }>();
  /** Unschedulable pod keys by the node they target (`''` for pods that target none). */
  private readonly unschedulableByNode = new Map<string, Set<string>>();
  private readonly unschedulableTarget = new Map<string, string>();

  constructor(options: SimulationOptions = {}) {
    this.rng = Rng.fromSeed(options.seed ?? 0);
    this.latencies = { ...DEFAULT_LATENCIES, ...options.latencies };
    this.syncMode = options.syncMode ?? 'incremental';
    this.podGCPeriod = options.podGCPeriod ?? 20 * SECOND;
    this.podGCQuarantine = options.podGCQuarantine ?? 40 * SECOND;
    this.terminatedPodGCThreshold = options.terminatedPodGCThreshold ?? 12500;
    this.keepTrace = options.trace ?? true;
    this.cache = options.observation === 'informer' ? new ClusterStore() : this.store;
    this.useExpectations = options.expectations ?? true;
    this.images = options.images ?? {};
    this.priorityClasses = options.priorityClasses ?? {};
    this.nodeMonitorGracePeriod = options.nodeMonitorGracePeriod ?? NODE_MONITOR_GRACE_PERIOD;
    const clock = (): SimTime => this.clock;
    this.context = {
      get now() {
        return clock();
      },
      rng: this.rng,
      nextUid: () => uidFromCounter(++this.uids),
      nextResourceVersion: () => String(++this.resourceVersion),
    };
    for (const name of INITIAL_NAMESPACES) {
      const ns: Namespace = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, uid: this.context.nextUid(), resourceVersion: this.context.nextResourceVersion(), creationTimestamp: toTimestamp(0), labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      };
      this.store.putNamespace(ns);
      if (this.cache !== this.store) this.cache.putNamespace(ns);
    }
    this.pushEvent(this.podGCPeriod, { type: 'PodGCPeriod' });
  }

  // --- public API ---

  /** The current simulated time. */
  get now(): SimTime {
    return this.clock;
  }

  /** How many events have been processed. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** How many events are waiting. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** The live state, read-only: what the API server stores now. */
  get view(): ClusterView {
    return this.store;
  }

  /** What the controllers see: the live state under instant observation, a lagging cache under informer observation. */
  get controllerView(): ClusterView {
    return this.cache;
  }

  /** The trace so far: every processed event and write. */
  get trace(): readonly TraceEntry[] {
    return this.traceLog;
  }

  /**
   * Calls `listener` after every write of a Node, Pod, DaemonSet, ControllerRevision, Event or
   * Namespace to the store, as a Kubernetes watch would report it (a deletion carries a fresh
   * resourceVersion); returns the function that unsubscribes.
   * For API servers and UIs: the listener must not write to the simulation.
   */
  watch(listener: (event: WatchEvent) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /**
   * What `kubectl logs <pod> [-c container] [--previous] [--since-time] [--tail] [--timestamps]`
   * prints for a pod now, `podKey` being `namespace/name`. Pure: reading logs changes nothing.
   * Throws `SimulationError('NotFound')` for a missing pod and `BadRequest` as the kubelet answers
   * (container name required, container waiting to start, no previous container).
   */
  logs(podKey: string, container?: string, options: LogOptions = {}): string {
    const pod = this.store.getPod(podKey);
    if (pod === undefined) throw new SimulationError('NotFound', `pods "${podKey.slice(podKey.indexOf('/') + 1)}" not found`, { path: 'metadata.name' });
    const node = pod.spec.nodeName === undefined ? undefined : this.store.getNode(pod.spec.nodeName);
    return containerLogs(pod, node, this.images, this.clock, container, options);
  }

  /** The behaviour configured for an image (see {@link SimulationOptions.images}); `{}` for unlisted images. */
  imageBehaviour(image: string): ImageBehaviour {
    return imageBehaviourOf(this.images, image);
  }

  /** Whether the node's kubelet has stopped posting status (`NodeHeartbeatsStopped`). */
  heartbeatsStopped(nodeName: string): boolean {
    return this.kubeletDown.has(nodeName);
  }

  /**
   * The heartbeat Lease of node `name` in `kube-node-lease` as it reads now, or undefined for
   * no such node; computed from the node and its heartbeat state (see {@link nodeLease}).
   */
  nodeLease(name: string): NodeLease | undefined {
    const node = this.store.getNode(name);
    return node === undefined ? undefined : nodeLease(node, this.clock, this.kubeletDown.get(name));
  }

  /** Every node's heartbeat Lease in `kube-node-lease`, sorted by name. */
  nodeLeases(): readonly NodeLease[] {
    return this.store.nodeNames().map((n) => this.nodeLease(n)!);
  }

  /**
   * Checks a request event without applying it, as `--dry-run=server` does: the same lookups,
   * admission, defaulting and validation, throwing the same `SimulationError`s, and returns the
   * object that would be stored. Pure: no state, counter or RNG changes, nothing traced.
   * Deviation: the returned object's uid and resourceVersion are placeholders (`''`), and a
   * generated pod name is drawn from a copy of the RNG; only request events (node, manifest and
   * delete events) are accepted, others throw `BadRequest`.
   */
  dryRun(event: SimEvent): DryRunResult {
    const ctx: ServerContext = { now: this.clock, rng: Rng.fromState(this.rng.state()), nextUid: () => '', nextResourceVersion: () => '' };
    switch (event.type) {
      case 'NodeAdded':
        if (this.store.getNode(event.node.name) !== undefined) throw new SimulationError('AlreadyExists', `nodes "${event.node.name}" already exists`, { path: 'metadata.name' });
        return { object: newNode(event.node, this.nodeOrdinal, ctx) };
      case 'NodeUpdated':
        return { object: changeNode(this.requireNode(event.name), event.change, ctx) };
      case 'NodeRemoved':
        this.requireNode(event.name);
        return { object: undefined };
      case 'DaemonSetDeleted':
        if (this.store.getDaemonSet(`${event.namespace}/${event.name}`) === undefined) throw new SimulationError('NotFound', `daemonsets.apps "${event.name}" not found`, { path: 'metadata.name' });
        return { object: undefined };
      case 'PodDeleted':
        if (this.store.getPod(`${event.namespace}/${event.name}`) === undefined) throw new SimulationError('NotFound', `pods "${event.name}" not found`, { path: 'metadata.name' });
        return { object: undefined };
      case 'ManifestApplied':
        return { object: this.admitManifest(toPlainData(event.manifest), ctx) };
      default:
        throw new SimulationError('BadRequest', `dryRun: ${event.type} is not a request event`, { path: 'type' });
    }
  }

  /** The RNG's state, to show that it is carried in the simulation. */
  get rngState(): RngState {
    return this.rng.state();
  }

  /** The cluster's objects now, as immutable maps that later steps never change; O(1). */
  snapshot(): ClusterSnapshot & { readonly time: SimTime } {
    return { time: this.clock, ...this.store.snapshot() };
  }

  /**
   * Queues `event` at time `at` (default: now). Throws `SimulationError('TimeInPast')` for a
   * time before now, and checks a manifest's shape at once so a hostile one never waits in the queue.
   */
  schedule(event: SimEvent, at: SimTime = this.clock): void {
    if (!Number.isInteger(at) || at < this.clock) {
      throw new SimulationError('TimeInPast', `at: Invalid value: ${at}: must be an integer number of milliseconds not before the current time ${this.clock}`, { path: 'at' });
    }
    if (event.type === 'ManifestApplied') event = { type: 'ManifestApplied', manifest: toPlainData(event.manifest) };
    this.pushEvent(at, event);
  }

  /**
   * Queues `event` now and processes events up to and including it; rethrows the error
   * that rejected it. The usual way to act on the simulation.
   */
  submit(event: SimEvent): void {
    this.schedule(event);
    this.runUntil(this.clock);
  }

  /** Processes the next event; returns false when the queue is empty. Rethrows a rejection. */
  step(): boolean {
    const next = this.queue.pop();
    if (next === undefined) return false;
    this.clock = next.at;
    this.processed++;
    const event = next.item;
    if (!isBackgroundEvent(event)) this.busyEvents--;
    if (this.keepTrace && !isQuietEvent(event)) this.traceLog.push({ entry: 'event', at: next.at, seq: next.seq, type: event.type, detail: describeSimEvent(event) });
    try {
      this.process(event);
    } catch (error) {
      if (error instanceof SimulationError) {
        this.traceLog.push({ entry: 'rejected', at: this.clock, type: event.type, message: error.message });
      }
      throw error;
    }
    return true;
  }

  /** Processes every event due at or before `at`, then sets the clock to `at`. */
  runUntil(at: SimTime): void {
    if (at < this.clock) throw new SimulationError('TimeInPast', `at: Invalid value: ${at}: must not be before the current time ${this.clock}`, { path: 'at' });
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.at > at) break;
      this.step();
    }
    this.clock = at;
  }

  /** Advances the clock by `duration` milliseconds, processing what falls due. */
  advance(duration: number): void {
    this.runUntil(this.clock + duration);
  }

  /**
   * Runs until nothing is left to do but PodGC's idle periods; returns the time reached.
   * Throws `SimulationError('ExpectationFailed')` if the cluster is still busy after `limit`.
   */
  runUntilQuiet(limit: number = 24 * 60 * 60 * SECOND): SimTime {
    const deadline = this.clock + limit;
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined) return this.clock;
      if (this.isQuiet()) return this.clock;
      if (next.at > deadline) break;
      this.step();
    }
    throw new SimulationError('ExpectationFailed', `runUntilQuiet: the cluster was still busy after ${limit} ms of simulated time`);
  }

  // --- event processing ---

  /** Queues an event, counting the ones that are not PodGC's period so quiescence is O(1). */
  private pushEvent(at: SimTime, event: SimEvent): void {
    if (!isBackgroundEvent(event)) this.busyEvents++;
    this.queue.push(at, event);
  }

  private isQuiet(): boolean {
    if (this.podGCQuarantineState.size > 0) return false;
    // Pods bound to a missing node still await PodGC; unbound ones that nobody owns wait forever, as in a real cluster.
    for (const nodeName of this.store.orphanedNodeNames()) {
      for (const pod of this.store.podsOnNode(nodeName)) if (pod.spec.nodeName === nodeName) return false;
    }
    return this.busyEvents === 0;
  }

  private process(event: SimEvent): void {
    switch (event.type) {
      case 'NodeAdded':
        return this.addNode(event.node);
      case 'NodeRemoved':
        return this.removeNode(event.name);
      case 'NodeUpdated': {
        const node = this.requireNode(event.name);
        return this.writeNode(node, changeNode(node, event.change, this.context), 'user', 'update');
      }
      case 'ManifestApplied':
        return this.applyManifest(event.manifest);
      case 'DaemonSetDeleted':
        return this.deleteDaemonSet(event.namespace, event.name, event.propagationPolicy);
      case 'PodDeleted': {
        const key = `${event.namespace}/${event.name}`;
        const pod = this.store.getPod(key);
        if (pod === undefined) throw new SimulationError('NotFound', `pods "${event.name}" not found`, { path: 'metadata.name' });
        const grace = event.gracePeriodSeconds;
        if (grace !== undefined && (!Number.isInteger(grace) || grace < 0)) {
          throw new SimulationError('Invalid', `DeleteOptions.meta.k8s.io "" is invalid: gracePeriodSeconds: Invalid value: ${grace}: must be a non-negative integer`, { path: 'gracePeriodSeconds' });
        }
        if (event.force === true || grace === 0) return this.deletePod(pod, 'user', true);
        if (grace === undefined) return this.perform({ type: 'deletePod', key, uid: pod.metadata.uid }, 'user');
        return this.deletePod(pod, 'user', false, grace);
      }
      case 'DaemonSetSync':
        return this.runDaemonSetSync(event.key);
      case 'GarbageCollectorSync': {
        this.gcDue.delete(event.uid);
        const conflictsBefore = this.conflicts;
        // The garbage collector confirms an owner's absence with a live read, so it reads the store.
        for (const action of garbageCollect(this.store, event.uid)) this.perform(action, 'garbage-collector');
        // Retried by the garbage collector's rate-limited queue (first step 5 ms).
        if (this.conflicts !== conflictsBefore) this.enqueueGarbageCollector(event.uid, 5);
        return;
      }
      case 'PodGCPeriod':
        return this.runPodGC();
      case 'SchedulingAttempted':
        return this.runScheduler(event.key, event.uid);
      case 'ContainerStarted':
      case 'PodReady':
      case 'PodTerminated':
      case 'ContainerExited':
      case 'ContainerBackedOff':
      case 'ContainerRestarted':
      case 'ImagePullBackedOff':
      case 'ImagePullRetried':
        return this.runKubelet(event);
      case 'NodeHeartbeatsStopped': {
        this.requireNode(event.name);
        if (this.kubeletDown.has(event.name)) return;
        this.kubeletDown.set(event.name, this.clock);
        this.pushEvent(nextMonitorPass(this.clock + this.nodeMonitorGracePeriod), { type: 'NodeHealthChecked', name: event.name });
        return;
      }
      case 'NodeHeartbeatsResumed':
        return this.resumeKubelet(event.name);
      case 'NodeConditionSet': {
        const node = this.requireNode(event.name);
        const c = event.condition;
        const updated = withNodeCondition(node, c.type, c.status, this.clock, c.reason, c.message);
        if (updated === undefined) return;
        this.writeNode(node, { ...updated, metadata: { ...updated.metadata, resourceVersion: this.context.nextResourceVersion() } }, 'kubelet', 'status');
        if (c.type === 'Ready') this.pushEvent(nextMonitorPass(this.clock), { type: 'NodeHealthChecked', name: event.name });
        return;
      }
      case 'NodeHealthChecked':
        return this.monitorNodeHealth(event.name);
      case 'TaintEvictionDue':
        return this.runTaintEviction(event.key, event.uid);
      case 'WatchDelivered':
        return this.deliver(event.kind, event.key, event.object);
    }
  }

  private requireNode(name: string): Node {
    const node = this.store.getNode(name);
    if (node === undefined) throw new SimulationError('NotFound', `nodes "${name}" not found`, { path: 'metadata.name' });
    return node;
  }

  private addNode(input: { readonly name: string }): void {
    if (this.store.getNode(input.name) !== undefined) throw new SimulationError('AlreadyExists', `nodes "${input.name}" already exists`, { path: 'metadata.name' });
    const node = newNode(input, this.nodeOrdinal, this.context);
    this.nodeOrdinal++;
    this.writeNode(undefined, node, 'kubelet', 'create');
  }

  private removeNode(name: string): void {
    const node = this.requireNode(name);
    this.store.removeNode(name);
    this.recordWrite('delete', 'Node', name, 'user', '');
    this.notify('Node', name, node, undefined);
  }

  private writeNode(old: Node | undefined, node: Node, by: string, verb: 'create' | 'update' | 'status'): void {
    if (old !== undefined && old === node) return;
    this.store.putNode(node);
    this.recordWrite(verb, 'Node', node.metadata.name, by, describeNode(node));
    this.notify('Node', node.metadata.name, old, node);
    // The node lifecycle controller's NoSchedule tainting pass runs on every node update.
    // Deviation: it reads the live node (no informer lag), so its write never conflicts.
    const tainted = doNoScheduleTaintingPass(node, this.clock);
    if (tainted !== undefined) {
      this.writeNode(node, { ...tainted, metadata: { ...tainted.metadata, resourceVersion: this.context.nextResourceVersion() } }, NODE_LIFECYCLE_COMPONENT, 'update');
      return;
    }
    // The taint eviction controller reacts to NoExecute taint changes.
    if (noExecuteTaints(old) !== noExecuteTaints(node)) {
      const name = node.metadata.name;
      const pods = [...this.store.podsOnNode(name)].filter((p) => p.spec.nodeName === name).sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
      for (const pod of pods) this.processTaintEviction(pod);
    }
  }

  // --- node lifecycle and taint eviction ---

  /** `monitorNodeHealth` for one node: Unknown conditions after missed heartbeats (and pods marked not ready), then the NoExecute taints. */
  private monitorNodeHealth(name: string): void {
    let node = this.store.getNode(name);
    if (node === undefined) return;
    const unknown = tryUpdateNodeHealth(node, this.clock, this.kubeletDown.get(name), this.nodeMonitorGracePeriod);
    if (unknown !== undefined) {
      this.writeNode(node, { ...unknown, metadata: { ...unknown.metadata, resourceVersion: this.context.nextResourceVersion() } }, NODE_LIFECYCLE_COMPONENT, 'status');
      // MarkPodsNotReady: the pods of an unreachable node are no longer Ready.
      const pods = [...this.store.podsOnNode(name)].filter((p) => p.spec.nodeName === name).sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
      for (const pod of pods) {
        if (!isPodReady(pod)) continue;
        this.writePodStatus(pod, notReadyPodStatus(pod, this.clock), NODE_LIFECYCLE_COMPONENT, 'ready=false (node unreachable)');
      }
      node = this.store.getNode(name)!;
    }
    const tainted = doNoExecuteTaintingPass(node, this.clock);
    if (tainted !== undefined) this.writeNode(node, { ...tainted, metadata: { ...tainted.metadata, resourceVersion: this.context.nextResourceVersion() } }, NODE_LIFECYCLE_COMPONENT, 'update');
  }

  /** The kubelet is back: it posts healthy conditions and resumes every pod bound to its node. */
  private resumeKubelet(name: string): void {
    const node = this.requireNode(name);
    if (!this.kubeletDown.delete(name)) return;
    const healthy = withHealthyConditions(node, this.clock);
    if (healthy !== undefined) this.writeNode(node, { ...healthy, metadata: { ...healthy.metadata, resourceVersion: this.context.nextResourceVersion() } }, 'kubelet', 'status');
    this.pushEvent(nextMonitorPass(this.clock), { type: 'NodeHealthChecked', name });
    const pods = [...this.store.podsOnNode(name)].filter((p) => p.spec.nodeName === name).sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
    for (const pod of pods) {
      const key = objectKey(pod.metadata);
      const uid = pod.metadata.uid;
      if (pod.metadata.deletionTimestamp !== undefined) {
        this.pushEvent(this.clock + this.draw(this.latencies.termination), { type: 'PodTerminated', key, uid });
      } else if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') {
        continue;
      } else if (pod.status.phase !== 'Running' && pod.status.podIP === undefined) {
        this.pushEvent(this.clock + this.draw(this.latencies.containerStart), { type: 'ContainerStarted', key, uid });
      } else if (!isPodReady(pod)) {
        this.pushEvent(this.clock + this.draw(this.latencies.readiness), { type: 'PodReady', key, uid, restarts: restartsOf(pod) });
      }
    }
  }

  /** `processPodOnNode` of the taint eviction controller: evict now, start a timer, or cancel one. */
  private processTaintEviction(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const nodeName = pod.spec.nodeName;
    const node = nodeName === undefined ? undefined : this.store.getNode(nodeName);
    if (node === undefined || pod.metadata.deletionTimestamp !== undefined) {
      this.evictionTimers.delete(key);
      return;
    }
    const decision = taintEvictionDecision(pod, node);
    if (decision.kind === 'none') {
      this.evictionTimers.delete(key);
      return;
    }
    if (decision.kind === 'now') {
      this.evictionTimers.delete(key);
      this.evictForTaint(pod);
      return;
    }
    const existing = this.evictionTimers.get(key);
    // An eviction already scheduled keeps its start (upstream's taintEvictionQueue).
    if (existing !== undefined && existing.uid === pod.metadata.uid) return;
    const at = this.clock + decision.ms;
    this.evictionTimers.set(key, { uid: pod.metadata.uid, at, createdAt: this.clock });
    this.pushEvent(at, { type: 'TaintEvictionDue', key, uid: pod.metadata.uid });
  }

  private runTaintEviction(key: string, uid: string): void {
    const timer = this.evictionTimers.get(key);
    if (timer === undefined || timer.uid !== uid || timer.at !== this.clock) return;
    this.evictionTimers.delete(key);
    const pod = this.store.getPod(key);
    if (pod === undefined || pod.metadata.uid !== uid) return;
    const node = pod.spec.nodeName === undefined ? undefined : this.store.getNode(pod.spec.nodeName);
    if (node === undefined || taintEvictionDecision(pod, node).kind === 'none') return;
    this.evictForTaint(pod);
  }

  /** Deletes a pod for a NoExecute taint, as `addConditionAndDeletePod` does: DisruptionTarget, an event, a graceful delete. */
  private evictForTaint(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) return;
    const key = objectKey(pod.metadata);
    this.recordEvent(involvedOf(pod), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, TAINT_EVICTION_COMPONENT);
    const conditions = [
      ...(pod.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastProbeTime: null as unknown as string, lastTransitionTime: toTimestamp(this.clock) },
    ];
    this.writePodStatus(pod, { ...pod.status, conditions }, TAINT_EVICTION_COMPONENT, 'DisruptionTarget=True DeletionByTaintManager');
    const current = this.store.getPod(key);
    if (current !== undefined) this.deletePod(current, TAINT_EVICTION_COMPONENT, false);
  }

  /** The checks every manifest passes first: a JSON object of a supported kind with valid metadata. */
  private checkManifest(manifest: unknown): { readonly kind: string; readonly namespace: string; readonly m: { metadata?: { name?: unknown; namespace?: unknown } } } {
    const m = manifest as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new SimulationError('BadRequest', 'Object \'Kind\' is missing in manifest: not a JSON object');
    if (typeof m.kind !== 'string' || m.kind === '') throw new SimulationError('BadRequest', "Object 'Kind' is missing in manifest", { path: 'kind' });
    if (typeof m.apiVersion !== 'string' || m.apiVersion === '') throw new SimulationError('BadRequest', "Object 'apiVersion' is missing in manifest", { path: 'apiVersion' });
    const kind = SUPPORTED_KINDS.get(`${m.apiVersion} ${m.kind}`);
    if (kind === undefined) throw new SimulationError('BadRequest', `no matches for kind "${m.kind}" in version "${m.apiVersion}"`, { path: 'kind' });
    const metaErrors = validateObjectMeta(m.metadata as never, kind !== 'Node' && kind !== 'Namespace');
    if (metaErrors.length > 0 && kind !== 'DaemonSet') {
      throw new SimulationError('Invalid', formatInvalidError(kind, '', typeof m.metadata?.name === 'string' ? m.metadata.name : '', metaErrors), { causes: metaErrors });
    }
    const namespace = typeof m.metadata?.namespace === 'string' && m.metadata.namespace !== '' ? m.metadata.namespace : 'default';
    return { kind, namespace, m };
  }

  /** What applying `manifest` would store, checked as {@link applyManifest} checks it, stamped through `ctx`; nothing is written. */
  private admitManifest(manifest: unknown, ctx: ServerContext): StoredObject | undefined {
    const { kind, namespace, m } = this.checkManifest(manifest);
    const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
    switch (kind) {
      case 'DaemonSet': {
        this.requireNamespace(namespace);
        const existing = this.store.getDaemonSet(`${namespace}/${name}`);
        if (existing?.metadata.deletionTimestamp !== undefined) {
          throw new SimulationError('Conflict', `Operation cannot be fulfilled on daemonsets.apps "${name}": object is being deleted`, { path: 'metadata.name' });
        }
        return admitDaemonSet(manifest as DaemonSetManifest, namespace, existing, ctx);
      }
      case 'Node': {
        const node = manifest as { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: { taints?: []; unschedulable?: boolean } };
        const existing = this.store.getNode(name);
        if (existing === undefined) {
          return newNode(
            {
              name,
              ...(node.metadata.labels === undefined ? {} : { labels: node.metadata.labels }),
              ...(node.metadata.annotations === undefined ? {} : { annotations: node.metadata.annotations }),
              ...(node.spec?.taints === undefined ? {} : { taints: node.spec.taints }),
              ...(node.spec?.unschedulable === undefined ? {} : { unschedulable: node.spec.unschedulable }),
            },
            this.nodeOrdinal,
            ctx,
          );
        }
        const labels: Record<string, string | null> = { ...node.metadata.labels };
        for (const k of Object.keys(existing.metadata.labels ?? {})) if (!(k in labels)) labels[k] = null;
        return changeNode(existing, { labels, removeTaints: existing.spec.taints ?? [], addTaints: node.spec?.taints ?? [], unschedulable: node.spec?.unschedulable === true }, ctx);
      }
      case 'Namespace':
        return (
          this.store.getNamespace(name) ?? {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name, uid: '', resourceVersion: '', creationTimestamp: toTimestamp(this.clock), labels: { 'kubernetes.io/metadata.name': name } },
            spec: { finalizers: ['kubernetes'] },
            status: { phase: 'Active' },
          }
        );
      default: {
        this.requireNamespace(namespace);
        const pod = manifest as { metadata: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: NewPod['spec'] };
        if (name !== '' && this.store.getPod(`${namespace}/${name}`) !== undefined) {
          throw new SimulationError('AlreadyExists', `pods "${name}" already exists`, { path: 'metadata.name' });
        }
        if (pod.spec === undefined || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
          throw new SimulationError('Invalid', `Pod "${name}" is invalid: spec.containers: Required value`, { path: 'spec.containers' });
        }
        const spec = this.admitPodSpec(defaultPodSpec(pod.spec));
        return {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { ...pod.metadata, name: name === '' ? generateName(pod.metadata.generateName ?? '', ctx.rng) : name, namespace, uid: '', resourceVersion: '', creationTimestamp: toTimestamp(this.clock) },
          spec,
          status: { phase: 'Pending', qosClass: qosClassOf(spec) },
        };
      }
    }
  }

  private applyManifest(manifest: unknown): void {
    const { kind, namespace, m } = this.checkManifest(manifest);
    switch (kind) {
      case 'DaemonSet': {
        this.requireNamespace(namespace);
        const name = typeof m.metadata?.name === 'string' ? m.metadata.name : '';
        const existing = this.store.getDaemonSet(`${namespace}/${name}`);
        if (existing?.metadata.deletionTimestamp !== undefined) {
          throw new SimulationError('Conflict', `Operation cannot be fulfilled on daemonsets.apps "${name}": object is being deleted`, { path: 'metadata.name' });
        }
        const ds = admitDaemonSet(manifest as DaemonSetManifest, namespace, existing, this.context);
        if (ds === existing) return;
        this.writeDaemonSet(ds, existing === undefined ? 'create' : 'update', 'user');
        return;
      }
      case 'Node': {
        const node = manifest as { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: { taints?: []; unschedulable?: boolean } };
        const existing = this.store.getNode(node.metadata.name);
        if (existing === undefined) {
          return this.addNode({
            name: node.metadata.name,
            ...(node.metadata.labels === undefined ? {} : { labels: node.metadata.labels }),
            ...(node.metadata.annotations === undefined ? {} : { annotations: node.metadata.annotations }),
            ...(node.spec?.taints === undefined ? {} : { taints: node.spec.taints }),
            ...(node.spec?.unschedulable === undefined ? {} : { unschedulable: node.spec.unschedulable }),
          });
        }
        const labels: Record<string, string | null> = { ...node.metadata.labels };
        for (const k of Object.keys(existing.metadata.labels ?? {})) if (!(k in labels)) labels[k] = null;
        const changed = changeNode(existing, { labels, removeTaints: existing.spec.taints ?? [], addTaints: node.spec?.taints ?? [], unschedulable: node.spec?.unschedulable === true }, this.context);
        if (canonicalJson({ ...changed.metadata, resourceVersion: '' }) === canonicalJson({ ...existing.metadata, resourceVersion: '' }) && canonicalJson(changed.spec) === canonicalJson(existing.spec)) return;
        return this.writeNode(existing, changed, 'user', 'update');
      }
      case 'Namespace': {
        const name = String(m.metadata?.name);
        if (this.store.getNamespace(name) !== undefined) return;
        const ns: Namespace = {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, uid: this.context.nextUid(), resourceVersion: this.context.nextResourceVersion(), creationTimestamp: toTimestamp(this.clock), labels: { 'kubernetes.io/metadata.name': name } },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        };
        this.store.putNamespace(ns);
        this.recordWrite('create', 'Namespace', name, 'user', '');
        this.emit('Namespace', undefined, ns);
        return;
      }
      case 'Pod': {
        this.requireNamespace(namespace);
        const pod = manifest as { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: NewPod['spec'] };
        if (this.store.getPod(`${namespace}/${pod.metadata.name}`) !== undefined) {
          throw new SimulationError('AlreadyExists', `pods "${pod.metadata.name}" already exists`, { path: 'metadata.name' });
        }
        if (pod.spec === undefined || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
          throw new SimulationError('Invalid', `Pod "${pod.metadata.name}" is invalid: spec.containers: Required value`, { path: 'spec.containers' });
        }
        this.createPod({ metadata: { ...pod.metadata, namespace }, spec: pod.spec }, 'user', undefined);
        return;
      }
    }
  }

  private requireNamespace(namespace: string): void {
    if (this.store.getNamespace(namespace) === undefined) throw new SimulationError('NotFound', `namespaces "${namespace}" not found`, { path: 'metadata.namespace' });
  }

  private deleteDaemonSet(namespace: string, name: string, policy: PropagationPolicy): void {
    const key = `${namespace}/${name}`;
    const ds = this.store.getDaemonSet(key);
    if (ds === undefined) throw new SimulationError('NotFound', `daemonsets.apps "${name}" not found`, { path: 'metadata.name' });
    if (policy === 'Background') {
      this.removeDaemonSetObject(ds, 'user');
      return;
    }
    if (ds.metadata.deletionTimestamp !== undefined) return;
    const finalizer = policy === 'Foreground' ? FINALIZER_FOREGROUND_DELETION : FINALIZER_ORPHAN;
    const updated: DaemonSet = {
      ...ds,
      metadata: {
        ...ds.metadata,
        deletionTimestamp: toTimestamp(this.clock),
        deletionGracePeriodSeconds: 0,
        finalizers: [...(ds.metadata.finalizers ?? []), finalizer],
        resourceVersion: this.context.nextResourceVersion(),
      },
    };
    this.writeDaemonSet(updated, 'update', 'user', `deletionTimestamp set, finalizer ${finalizer}`);
    this.enqueueGarbageCollector(ds.metadata.uid);
  }

  private removeDaemonSetObject(ds: DaemonSet, by: string): void {
    const key = objectKey(ds.metadata);
    this.store.removeDaemonSet(key);
    this.recordWrite('delete', 'DaemonSet', key, by, '');
    this.notify('DaemonSet', key, ds, undefined);
  }

  private writeDaemonSet(ds: DaemonSet, verb: 'create' | 'update' | 'status', by: string, detail = `generation=${ds.metadata.generation}`): void {
    const key = objectKey(ds.metadata);
    const old = this.store.getDaemonSet(key);
    this.store.putDaemonSet(ds);
    this.recordWrite(verb, 'DaemonSet', key, by, detail);
    this.notify('DaemonSet', key, old, ds);
  }

  // --- controllers ---

  private runDaemonSetSync(key: string): void {
    const conflictsBefore = this.conflicts;
    this.syncPass(key);
    // A failed pass is retried by the rate-limited work queue, whose first delay is 5 ms.
    if (this.conflicts !== conflictsBefore) this.enqueueDaemonSet(key, 'all', 5);
  }

  private syncPass(key: string): void {
    if (this.syncDue.get(key) === this.clock) this.syncDue.delete(key);
    if (this.syncWaiting.get(key) === this.clock) this.syncWaiting.delete(key);
    const dirty = this.dirty.get(key);
    this.dirty.delete(key);
    const nodes = this.syncMode === 'full' || dirty === undefined || dirty === 'all' ? undefined : [...dirty].sort();
    if (nodes !== undefined && nodes.length === 0) return;
    const plan = syncDaemonSet(this.cache, key, this.clock, nodes === undefined ? {} : { nodes });
    if (plan.forget) return;
    // A pass that stopped before manage (expectations pending, being deleted, a collision)
    // has decided nothing about its nodes: the next pass looks at them again.
    if (!plan.managed && dirty !== undefined) {
      if (dirty === 'all') this.dirty.set(key, 'all');
      else for (const n of dirty) this.markDirty(key, n);
    }
    const memory = this.cache.mutableDaemonSetMemory(key);
    for (const [k, v] of plan.backoffUpdates) memory.backoff.set(k, v);
    // SetExpectations comes before the API calls, whose observation lowers it.
    if (plan.expectations !== undefined) this.setExpectations(memory, plan.expectations);
    // A node this pass acted on is decided again next pass, as a full pass would: under informer
    // observation its cache entry may not show the write yet (without expectations, a duplicate).
    const acted: string[] = [];
    const act = (action: Action): void => {
      if (action.type === 'createPod') acted.push(action.nodeName);
      else if (action.type === 'deletePod') {
        const target = this.cache.getPod(action.key);
        if (target !== undefined) acted.push(getTargetNodeName(target) ?? '');
      }
      this.perform(action, DAEMONSET_CONTROLLER_COMPONENT);
    };
    for (const action of plan.actions) act(action);
    if (plan.statusHash !== undefined && plan.rollingUpdate && satisfiedExpectations(memory.expectations, this.clock)) {
      const rollout = rollingUpdateActions(this.cache, key, plan.statusHash, this.clock);
      this.setExpectations(memory, rollout.expectations);
      for (const action of rollout.actions) act(action);
    }
    if (plan.cleanupHistory) for (const action of cleanupHistoryActions(this.cache, key)) this.perform(action, DAEMONSET_CONTROLLER_COMPONENT);
    if (plan.statusHash !== undefined) {
      const status = updateDaemonSetStatus(this.cache, key, plan.statusHash, nodes, plan.updateObservedGen, this.clock);
      if (status.replaceLedger) memory.ledger.clear();
      for (const [node, flags] of status.ledger) {
        if (flags === undefined) memory.ledger.delete(node);
        else memory.ledger.set(node, flags);
      }
      memory.counts = status.counts;
      for (const action of status.actions) this.perform(action, DAEMONSET_CONTROLLER_COMPONENT);
      if (status.requeueAfter !== undefined) this.enqueueDaemonSet(key, 'all', status.requeueAfter);
    }
    for (const node of plan.stillDirty) this.markDirty(key, node);
    for (const node of acted) this.markDirty(key, node);
    if (plan.requeueAfter !== undefined) this.enqueueDaemonSet(key, [], plan.requeueAfter);
  }

  private runPodGC(): void {
    this.pushEvent(this.clock + this.podGCPeriod, { type: 'PodGCPeriod' });
    this.expireEvents();
    const plan = gcPods(this.cache, this.clock, this.podGCQuarantineState, this.cache.orphanedNodeNames(), {
      terminatedPodThreshold: this.terminatedPodGCThreshold,
      quarantine: this.podGCQuarantine,
    });
    this.podGCQuarantineState = plan.quarantine;
    if (plan.actions.length > 0 && this.keepTrace) this.traceLog.push({ entry: 'event', at: this.clock, seq: -1, type: 'PodGCPeriod', detail: '' });
    for (const action of plan.actions) this.perform(action, PODGC_COMPONENT);
  }

  private runScheduler(key: string, uid: string): void {
    const pod = this.cache.getPod(key);
    if (pod === undefined || pod.metadata.uid !== uid || (pod.spec.nodeName ?? '') !== '' || pod.metadata.deletionTimestamp !== undefined) return;
    const actions = schedulePod(this.cache, pod, toTimestamp(this.clock));
    for (const action of actions) this.perform(action, SCHEDULER_COMPONENT);
    if (!actions.some((a) => a.type === 'recordEvent' && a.reason === 'FailedScheduling')) return;
    const current = this.store.getPod(key);
    if (current !== undefined && current.metadata.uid === uid) this.markUnschedulable(current);
    // The scheduler flushes unschedulable pods back to its queue every 5 minutes
    // (podMaxInUnschedulablePodsDuration). Deviation: a retry is queued only when this attempt
    // changed the pod's PodScheduled condition; an identical failure parks the pod until one of
    // its node changes, which saves an endless retry that would change nothing but an event count.
    if (actions.some((a) => a.type === 'updatePod' && a.pod.metadata.uid === uid)) this.pushEvent(this.clock + UNSCHEDULABLE_FLUSH, { type: 'SchedulingAttempted', key, uid });
  }

  private runKubelet(event: Extract<SimEvent, { type: 'ContainerStarted' | 'PodReady' | 'PodTerminated' | 'ContainerExited' | 'ContainerBackedOff' | 'ContainerRestarted' | 'ImagePullBackedOff' | 'ImagePullRetried' }>): void {
    const pod = this.store.getPod(event.key);
    if (pod === undefined || pod.metadata.uid !== event.uid) return;
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined) return;
    const node = this.store.getNode(nodeName);
    if (node === undefined) return;
    // A kubelet that stopped does nothing; it picks its pods up again when it is back (resumeKubelet).
    if (this.kubeletDown.has(nodeName)) return;
    if (event.type === 'PodTerminated') {
      this.removePod(pod, 'kubelet');
      return;
    }
    if (pod.metadata.deletionTimestamp !== undefined) return;
    if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return;
    const key = event.key;
    const uid = event.uid;
    switch (event.type) {
      case 'ContainerStarted': {
        // Admission (the kubelet's `canAdmitPod`): a pod that does not fit, or whose image is set to fail here, fails.
        const rejection = admitPod(pod, node, this.store.podsOnNode(nodeName), (image) => imageBehaviourOf(this.images, image));
        if (rejection !== undefined) {
          this.writePodStatus(pod, rejectedPodStatus(pod, rejection.reason, rejection.message), 'kubelet', `phase=Failed reason=${rejection.reason}`);
          this.recordEvent(involvedOf(pod), 'Warning', rejection.reason, rejection.message, 'kubelet');
          return;
        }
        // A hostNetwork pod shares its node's address; others get one from the pod network.
        const n = pod.spec.hostNetwork === true ? this.podIPs : ++this.podIPs;
        const ip = pod.spec.hostNetwork === true && pod.status.hostIP !== undefined ? pod.status.hostIP : `10.244.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`;
        const waiting = new Map<string, { reason: string; message: string }>();
        for (const c of pod.spec.containers) {
          if (this.behaviour(c.image).pull === 'fail') waiting.set(c.name, { reason: 'ErrImagePull', message: pullErrorMessage(c.image ?? '') });
        }
        const started = this.writePodStatus(pod, partlyRunningPodStatus(pod, ip, this.clock, waiting), 'kubelet', waiting.size === 0 ? 'phase=Running' : `phase=Pending ${[...waiting.keys()].map((c) => `${c}=ErrImagePull`).join(' ')}`);
        for (const c of pod.spec.containers) {
          if (waiting.has(c.name)) this.imagePullFailed(started, c.name, c.image ?? '');
        }
        this.containersStarted(started, pod.spec.containers.filter((c) => !waiting.has(c.name)).map((c) => c.name));
        return;
      }
      case 'PodReady': {
        if (event.restarts !== undefined && event.restarts !== restartsOf(pod)) return;
        const never = new Set(pod.spec.containers.filter((c) => this.behaviour(c.image).ready === false).map((c) => c.name));
        const status = readyExceptPodStatus(pod, this.clock, never);
        if (canonicalJson(status) === canonicalJson(pod.status)) return;
        this.writePodStatus(pod, status, 'kubelet', isReadyStatus(status) ? 'ready=true' : `ready=false (${[...never].sort().join(',') || 'containers not running'})`);
        return;
      }
      case 'ContainerExited': {
        const spec = pod.spec.containers.find((c) => c.name === event.container);
        const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
        if (spec === undefined || cs?.state?.running === undefined) return;
        const exitCode = this.behaviour(spec.image).exitCode ?? 1;
        const exited = this.writePodStatus(pod, containerExitedPodStatus(pod, event.container, exitCode, this.clock), 'kubelet', `${event.container} exited code=${exitCode}`);
        const policy = pod.spec.restartPolicy ?? 'Always';
        if (!(policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0))) return;
        const entry = this.crashBackoff.get(`${uid}/${event.container}`);
        const at = restartAt(entry, this.clock);
        if (at > this.clock) {
          this.pushEvent(Math.min(at, this.clock + SECOND), { type: 'ContainerBackedOff', key, uid, container: event.container });
          this.recordEvent(involvedOf(exited), 'Warning', 'BackOff', `Back-off restarting failed container ${event.container} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`, 'kubelet');
        }
        this.pushEvent(at, { type: 'ContainerRestarted', key, uid, container: event.container });
        return;
      }
      case 'ContainerBackedOff': {
        const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
        const entry = this.crashBackoff.get(`${uid}/${event.container}`);
        if (cs?.state?.terminated === undefined || entry === undefined) return;
        this.writePodStatus(pod, crashLoopBackOffPodStatus(pod, event.container, entry.backoff), 'kubelet', `${event.container} CrashLoopBackOff back-off ${formatGoDuration(entry.backoff)}`);
        return;
      }
      case 'ContainerRestarted': {
        const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
        const finished = cs?.state?.terminated?.finishedAt;
        if (cs === undefined || cs.state?.running !== undefined || finished === undefined && cs.lastState?.terminated === undefined) return;
        const finishedAt = parseTimestamp(finished ?? cs.lastState!.terminated!.finishedAt!);
        const backoffKey = `${uid}/${event.container}`;
        this.crashBackoff.set(backoffKey, nextBackOff(this.crashBackoff.get(backoffKey), finishedAt, this.clock));
        const restarted = this.writePodStatus(pod, containerRestartedPodStatus(pod, event.container, this.clock), 'kubelet', `${event.container} restarted restartCount=${cs.restartCount + 1}`);
        this.containersStarted(restarted, [event.container]);
        return;
      }
      case 'ImagePullBackedOff': {
        const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
        if (cs?.state?.waiting?.reason !== 'ErrImagePull') return;
        const image = pod.spec.containers.find((c) => c.name === event.container)?.image ?? '';
        this.writePodStatus(pod, imagePullPodStatus(pod, event.container, 'ImagePullBackOff', `Back-off pulling image "${image}"`), 'kubelet', `${event.container} ImagePullBackOff`);
        this.recordEvent(involvedOf(pod), 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet');
        this.recordEvent(involvedOf(pod), 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet');
        return;
      }
      case 'ImagePullRetried': {
        const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
        const spec = pod.spec.containers.find((c) => c.name === event.container);
        if (spec === undefined || cs?.state?.waiting === undefined) return;
        if (this.behaviour(spec.image).pull === 'fail') {
          const failed = this.writePodStatus(pod, imagePullPodStatus(pod, event.container, 'ErrImagePull', pullErrorMessage(spec.image ?? '')), 'kubelet', `${event.container} ErrImagePull`);
          this.imagePullFailed(failed, event.container, spec.image ?? '');
          return;
        }
        const restarted = this.writePodStatus(pod, containerRestartedPodStatus(pod, event.container, this.clock), 'kubelet', `${event.container} started`);
        this.containersStarted(restarted, [event.container]);
        return;
      }
    }
  }

  private behaviour(image: string | undefined): ImageBehaviour {
    return imageBehaviourOf(this.images, image);
  }

  /** After containers (re)started: the readiness probe's success, and each crashing container's exit. */
  private containersStarted(pod: Pod, names: readonly string[]): void {
    if (names.length === 0) return;
    const key = objectKey(pod.metadata);
    const uid = pod.metadata.uid;
    const specs = pod.spec.containers.filter((c) => names.includes(c.name));
    const configured = specs.map((c) => this.behaviour(c.image).readinessDelay).filter((r): r is LatencyRange => r !== undefined);
    if (specs.some((c) => this.behaviour(c.image).ready !== false)) {
      const delay = configured.length === 0 ? this.draw(this.latencies.readiness) : Math.max(...configured.map((r) => this.draw(r)));
      this.pushEvent(this.clock + delay, { type: 'PodReady', key, uid, restarts: restartsOf(pod) });
    }
    for (const c of specs) {
      const crashAfter = this.behaviour(c.image).crashAfter;
      if (crashAfter !== undefined) this.pushEvent(this.clock + crashAfter, { type: 'ContainerExited', key, uid, container: c.name });
    }
  }

  /** A failed pull: `Failed` events, then `ImagePullBackOff` on the next sync and a retry when the pull backoff ends. */
  private imagePullFailed(pod: Pod, container: string, image: string): void {
    const key = objectKey(pod.metadata);
    const uid = pod.metadata.uid;
    this.recordEvent(involvedOf(pod), 'Warning', 'Failed', `Failed to pull image "${image}": ${pullErrorMessage(image)}`, 'kubelet');
    this.recordEvent(involvedOf(pod), 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet');
    const backoffKey = `${uid}/${container}`;
    const entry = nextBackOff(this.pullBackoff.get(backoffKey), this.clock, this.clock);
    this.pullBackoff.set(backoffKey, entry);
    this.pushEvent(this.clock + SECOND, { type: 'ImagePullBackedOff', key, uid, container });
    this.pushEvent(this.clock + entry.backoff, { type: 'ImagePullRetried', key, uid, container });
  }

  private draw(range: LatencyRange): number {
    return range.min === range.max ? range.min : this.rng.between(range.min, range.max);
  }

  // --- the write path ---

  private perform(action: Action, by: string): void {
    switch (action.type) {
      case 'createPod':
        this.createPod(action.pod, by, action.recordedBy);
        return;
      case 'deletePod': {
        const pod = this.store.getPod(action.key);
        if (pod === undefined || pod.metadata.uid !== action.uid) return;
        this.deletePod(pod, by, action.force === true);
        if (action.recordedBy !== undefined) this.recordEvent(action.recordedBy.involvedObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, action.recordedBy.component);
        return;
      }
      case 'updatePod': {
        const old = this.store.getPod(objectKey(action.pod.metadata));
        if (old === undefined || old.metadata.uid !== action.pod.metadata.uid) return;
        if (old.metadata.resourceVersion !== action.pod.metadata.resourceVersion) return this.conflict('Pod', objectKey(old.metadata), by);
        const pod: Pod = { ...action.pod, metadata: { ...action.pod.metadata, resourceVersion: this.context.nextResourceVersion() } };
        this.store.putPod(pod);
        this.recordWrite('update', 'Pod', objectKey(pod.metadata), by, action.reason);
        this.notify('Pod', objectKey(pod.metadata), old, pod);
        this.afterPodWrite(old, pod);
        return;
      }
      case 'bindPod': {
        const old = this.store.getPod(action.key);
        if (old === undefined || old.metadata.uid !== action.uid) return;
        const node = this.store.getNode(action.nodeName);
        const bound: Pod = { ...old, metadata: { ...old.metadata, resourceVersion: this.context.nextResourceVersion() }, spec: { ...old.spec, nodeName: action.nodeName } };
        const { nominatedNodeName: _n, ...status } = bound.status;
        const pod: Pod = { ...bound, status: admittedPodStatus({ ...bound, status }, node, this.clock) };
        this.store.putPod(pod);
        this.clearUnschedulable(action.key);
        this.recordWrite('bind', 'Pod', action.key, by, `node=${action.nodeName}`);
        this.recordEvent(involvedOf(pod), 'Normal', 'Scheduled', `Successfully assigned ${action.key} to ${action.nodeName}`, SCHEDULER_COMPONENT);
        this.notify('Pod', objectKey(pod.metadata), old, pod);
        this.processTaintEviction(pod);
        return;
      }
      case 'createRevision': {
        const r = action.revision;
        const key = `${r.metadata.namespace}/${r.metadata.name}`;
        if (this.store.getRevision(key) !== undefined) return;
        const revision: ControllerRevision = {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: { ...r.metadata, uid: this.context.nextUid(), resourceVersion: this.context.nextResourceVersion(), creationTimestamp: toTimestamp(this.clock) },
          data: r.data as NonNullable<ControllerRevision['data']>,
          revision: r.revision,
        };
        this.store.putRevision(revision);
        this.recordWrite('create', 'ControllerRevision', key, by, `revision=${r.revision}`);
        this.notify('ControllerRevision', key, undefined, revision);
        return;
      }
      case 'updateRevision': {
        const key = objectKey(action.revision.metadata);
        const old = this.store.getRevision(key);
        if (old === undefined || old.metadata.uid !== action.revision.metadata.uid) return;
        if (old.metadata.resourceVersion !== action.revision.metadata.resourceVersion) return this.conflict('ControllerRevision', key, by);
        const revision = { ...action.revision, metadata: { ...action.revision.metadata, resourceVersion: this.context.nextResourceVersion() } };
        this.store.putRevision(revision);
        this.recordWrite('update', 'ControllerRevision', key, by, `${action.reason} revision=${revision.revision}`);
        this.notify('ControllerRevision', key, old, revision);
        return;
      }
      case 'deleteRevision': {
        const old = this.store.getRevision(action.key);
        if (old === undefined || old.metadata.uid !== action.uid) return;
        this.store.removeRevision(action.key);
        this.recordWrite('delete', 'ControllerRevision', action.key, by, '');
        this.notify('ControllerRevision', action.key, old, undefined);
        return;
      }
      case 'updateDaemonSetStatus': {
        const ds = this.store.getDaemonSet(action.key);
        if (ds === undefined) return;
        // Upstream retries a failed status write once after a fresh read; writing onto the live object is that retry.
        const updated: DaemonSet = { ...ds, metadata: { ...ds.metadata, resourceVersion: this.context.nextResourceVersion() }, status: action.status };
        this.writeDaemonSet(updated, 'status', by, describeDaemonSetStatus(updated));
        return;
      }
      case 'updateDaemonSet': {
        const old = this.store.getDaemonSet(objectKey(action.daemonSet.metadata));
        if (old === undefined || old.metadata.uid !== action.daemonSet.metadata.uid) return;
        if (old.metadata.resourceVersion !== action.daemonSet.metadata.resourceVersion) return this.conflict('DaemonSet', objectKey(old.metadata), by);
        this.writeDaemonSet({ ...action.daemonSet, metadata: { ...action.daemonSet.metadata, resourceVersion: this.context.nextResourceVersion() } }, 'update', by, action.reason);
        return;
      }
      case 'removeDaemonSet': {
        const ds = this.store.getDaemonSet(action.key);
        if (ds === undefined || ds.metadata.uid !== action.uid) return;
        this.removeDaemonSetObject(ds, by);
        return;
      }
      case 'updateNode': {
        const old = this.store.getNode(action.node.metadata.name);
        if (old === undefined) return;
        this.writeNode(old, { ...action.node, metadata: { ...action.node.metadata, resourceVersion: this.context.nextResourceVersion() } }, by, 'update');
        return;
      }
      case 'recordEvent':
        this.recordEvent(action.involvedObject, action.eventType, action.reason, action.message, action.component);
        return;
    }
  }

  /**
   * An update made from a stale copy: the API server answers 409 Conflict and writes nothing;
   * the controller's pass fails and its work queue retries it (see {@link conflicts}).
   */
  private conflict(kind: string, key: string, by: string): void {
    this.conflicts++;
    if (this.keepTrace) this.traceLog.push({ entry: 'rejected', at: this.clock, type: `update ${kind} ${key} [${by}]`, message: `Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again` });
  }

  private createPod(draft: NewPod, by: string, recordedBy: { involvedObject: InvolvedObject; component: string } | undefined): void {
    const namespace = draft.metadata.namespace;
    let name = draft.metadata.name;
    if (name === undefined || name === '') {
      // The API server retries a generated name that is taken (RetryGenerateName, GA in 1.32).
      do name = generateName(draft.metadata.generateName ?? '', this.rng);
      while (this.store.getPod(`${namespace}/${name}`) !== undefined);
    }
    // A controller's pod comes from a template the API server already defaulted when the
    // DaemonSet was admitted; defaulting is idempotent, so only users' pods need it here.
    const spec = this.admitPodSpec(recordedBy === undefined ? defaultPodSpec(draft.spec) : draft.spec);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...draft.metadata, name, namespace, uid: this.context.nextUid(), resourceVersion: this.context.nextResourceVersion(), creationTimestamp: toTimestamp(this.clock) },
      spec,
      status: { phase: 'Pending', qosClass: qosClassOf(spec) },
    };
    const key = `${namespace}/${name}`;
    this.store.putPod(pod);
    this.recordWrite('create', 'Pod', key, by, `node=${getTargetNodeName(pod) ?? '<none>'}`);
    if (recordedBy !== undefined) this.recordEvent(recordedBy.involvedObject, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, recordedBy.component);
    this.notify('Pod', key, undefined, pod);
  }

  /**
   * The admission plugins that change a new pod's spec: Priority (`spec.priority` and
   * `preemptionPolicy` from `priorityClassName`) and DefaultTolerationSeconds (not-ready and
   * unreachable NoExecute tolerated for 300 s unless the pod tolerates them already).
   * Mirrors plugin/pkg/admission/priority and plugin/pkg/admission/defaulttolerationseconds.
   */
  private admitPodSpec(spec: Pod['spec']): Pod['spec'] {
    let out = spec;
    const priority = spec.priority === undefined ? resolvePriority(spec.priorityClassName, this.priorityClasses) : undefined;
    if (priority !== undefined) out = { ...out, priority: priority.priority, preemptionPolicy: priority.preemptionPolicy };
    const missing = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE].filter((key) => !tolerationsTolerateTaint(spec.tolerations, { key, effect: 'NoExecute' }));
    if (missing.length > 0) {
      out = { ...out, tolerations: [...(spec.tolerations ?? []), ...missing.map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }))] };
    }
    return out;
  }

  /**
   * Deletes a pod as the API server does: unbound and terminal pods, and forced deletes, go at
   * once; a running pod gets a deletionTimestamp and its kubelet stops it within the grace period.
   */
  private deletePod(pod: Pod, by: string, force: boolean, gracePeriodSeconds?: number): void {
    const key = objectKey(pod.metadata);
    const unbound = pod.spec.nodeName === undefined || pod.spec.nodeName === '';
    const terminal = pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded';
    if (force || unbound || terminal) {
      this.removePod(pod, by);
      return;
    }
    if (pod.metadata.deletionTimestamp !== undefined) return;
    const grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const terminating: Pod = {
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: toTimestamp(this.clock + grace * SECOND), deletionGracePeriodSeconds: grace, resourceVersion: this.context.nextResourceVersion() },
    };
    this.store.putPod(terminating);
    this.recordWrite('update', 'Pod', key, by, `terminating grace=${grace}s`);
    this.notify('Pod', key, pod, terminating);
  }

  private removePod(pod: Pod, by: string): void {
    const key = objectKey(pod.metadata);
    this.store.removePod(key);
    this.clearUnschedulable(key);
    this.evictionTimers.delete(key);
    for (const c of pod.spec.containers) {
      this.crashBackoff.delete(`${pod.metadata.uid}/${c.name}`);
      this.pullBackoff.delete(`${pod.metadata.uid}/${c.name}`);
    }
    this.recordWrite('delete', 'Pod', key, by, '');
    this.notify('Pod', key, pod, undefined);
    this.afterPodWrite(pod, undefined);
  }

  private writePodStatus(pod: Pod, status: Pod['status'], by: string, detail: string): Pod {
    const updated: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: this.context.nextResourceVersion() }, status };
    this.store.putPod(updated);
    this.recordWrite('status', 'Pod', objectKey(pod.metadata), by, detail);
    this.notify('Pod', objectKey(pod.metadata), pod, updated);
    this.afterPodWrite(pod, updated);
    return updated;
  }

  /**
   * What the scheduler and the kubelets do after a pod leaves a node's accounting (removed, or
   * Succeeded/Failed): unschedulable pods that target the node, or no node, are tried again,
   * as the scheduler's `AssignedPodDelete` event moves them back to the active queue.
   */
  private afterPodWrite(old: Pod, pod: Pod | undefined): void {
    const nodeName = old.spec.nodeName;
    if (nodeName === undefined || nodeName === '') return;
    const freed = pod === undefined ? countsOnNode(old) : countsOnNode(old) && !countsOnNode(pod);
    if (!freed) return;
    for (const bucket of [nodeName, '']) {
      const keys = this.unschedulableByNode.get(bucket);
      if (keys === undefined) continue;
      for (const key of [...keys].sort()) {
        const uid = this.unschedulable.get(key);
        if (uid === undefined) continue;
        this.clearUnschedulable(key);
        this.pushEvent(this.clock + this.draw(this.latencies.scheduling), { type: 'SchedulingAttempted', key, uid });
      }
    }
  }

  private markUnschedulable(pod: Pod): void {
    const key = objectKey(pod.metadata);
    this.clearUnschedulable(key);
    this.unschedulable.set(key, pod.metadata.uid);
    const target = getTargetNodeName(pod) ?? '';
    this.unschedulableTarget.set(key, target);
    let set = this.unschedulableByNode.get(target);
    if (set === undefined) {
      set = new Set();
      this.unschedulableByNode.set(target, set);
    }
    set.add(key);
  }

  private clearUnschedulable(key: string): void {
    if (!this.unschedulable.delete(key)) return;
    const node = this.unschedulableTarget.get(key) ?? '';
    this.unschedulableTarget.delete(key);
    const set = this.unschedulableByNode.get(node);
    if (set === undefined) return;
    set.delete(key);
    if (set.size === 0) this.unschedulableByNode.delete(node);
  }

  /**
   * Records a KubeEvent, merging a repeat of the same object, type, reason, message and
   * source into one event with a higher count, as client-go's event correlator does.
   * Deviation: the "(combined from similar events)" aggregation and the spam filter are not modelled.
   */
  private recordEvent(involved: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const cacheKey = eventCacheKey(involved, type, reason, message, component);
    const timestamp = toTimestamp(this.clock);
    const existingKey = this.eventCache.get(cacheKey);
    const existing = existingKey === undefined ? undefined : this.store.kubeEvents.get(existingKey);
    if (existing !== undefined) {
      const updated: KubeEvent = { ...existing, count: existing.count + 1, lastTimestamp: timestamp, metadata: { ...existing.metadata, resourceVersion: this.context.nextResourceVersion() } };
      this.store.putEvent(updated);
      this.recordWrite('record', 'Event', existingKey!, component, `${type} ${reason} (x${updated.count}) ${JSON.stringify(message)}`);
      this.emit('Event', existing, updated);
      return;
    }
    const namespace = involved.namespace ?? 'default';
    // Upstream names an event `<object>.<UnixNano in hex>`; here the milliseconds in hex and a
    // six-digit hex counter stand in for the nanoseconds, unique and deterministic.
    const name = `${involved.name}.${(SIM_EPOCH_MS + this.clock).toString(16)}${(this.eventCounter++ % 0x1000000).toString(16).padStart(6, '0')}`;
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: this.context.nextUid(), resourceVersion: this.context.nextResourceVersion(), creationTimestamp: timestamp },
      involvedObject: { ...involved },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      source: { component },
      reportingComponent: component,
      reportingInstance: '',
    };
    const key = `${namespace}/${name}`;
    this.store.putEvent(event);
    this.eventCache.set(cacheKey, key);
    this.eventExpiry.push({ key, at: this.clock + EVENT_TTL });
    this.recordWrite('record', 'Event', key, component, `${type} ${reason} ${JSON.stringify(message)}`);
    this.emit('Event', undefined, event);
  }

  /**
   * Drops KubeEvents not seen for an hour, as the API server's `--event-ttl` (default 1h) does;
   * swept on PodGC's period to keep the sweep off the hot path. Not traced: it is storage upkeep.
   */
  private expireEvents(): void {
    while (this.eventExpiryHead < this.eventExpiry.length) {
      const next = this.eventExpiry[this.eventExpiryHead]!;
      if (next.at > this.clock) break;
      this.eventExpiryHead++;
      const event = this.store.kubeEvents.get(next.key);
      if (event === undefined) continue;
      const lastSeen = parseTimestamp(event.lastTimestamp);
      if (lastSeen + EVENT_TTL > this.clock) {
        this.eventExpiry.push({ key: next.key, at: lastSeen + EVENT_TTL });
        continue;
      }
      this.store.removeEvent(next.key);
      this.eventCache.delete(eventCacheKey(event.involvedObject, event.type, event.reason, event.message, event.source.component ?? ''));
      this.emit('Event', event, undefined);
    }
    if (this.eventExpiryHead > 1024 && this.eventExpiryHead * 2 > this.eventExpiry.length) {
      this.eventExpiry.splice(0, this.eventExpiryHead);
      this.eventExpiryHead = 0;
    }
  }

  private recordWrite(verb: TraceWriteEntry['verb'], kind: string, key: string, by: string, detail: string): void {
    if (this.keepTrace) this.traceLog.push({ entry: 'write', at: this.clock, verb, kind, key, by, detail });
  }

  // --- handlers: which controllers care about a change ---

  private onNodeChanged(old: Node | undefined, node: Node): void {
    const labelsOrTaintsChanged =
      old === undefined || canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(node.metadata.labels ?? {}) || canonicalJson(old.spec.taints ?? []) !== canonicalJson(node.spec.taints ?? []);
    if (!labelsOrTaintsChanged) return;
    const name = node.metadata.name;
    for (const key of this.cache.daemonSetKeys()) {
      const ds = this.cache.getDaemonSet(key)!;
      this.markDirty(key, name);
      // The node-update queue wakes only the DaemonSets this node changes something for.
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      let hasPod = false;
      for (const pod of this.cache.podsOnNode(name)) {
        if (getControllerOf(pod.metadata)?.uid === ds.metadata.uid) {
          hasPod = true;
          break;
        }
      }
      if ((shouldRun && !hasPod) || (!shouldContinueRunning && hasPod) || (hasPod && ds.status.numberMisscheduled > 0)) this.enqueueDaemonSet(key, [name]);
    }
    for (const pod of this.cache.podsOnNode(name)) {
      const key = objectKey(pod.metadata);
      if (this.unschedulable.get(key) === pod.metadata.uid) {
        this.clearUnschedulable(key);
        this.pushEvent(this.clock + this.draw(this.latencies.scheduling), { type: 'SchedulingAttempted', key, uid: pod.metadata.uid });
      }
    }
  }

  private onPodChanged(old: Pod | undefined, pod: Pod | undefined): void {
    const current = (pod ?? old)!;
    const key = objectKey(current.metadata);
    const oldNode = old === undefined ? undefined : getTargetNodeName(old);
    const newNode = pod === undefined ? undefined : getTargetNodeName(pod);
    const nodes = [...new Set([oldNode, newNode].filter((n): n is string => n !== undefined))];
    const oldOwner = old === undefined ? undefined : getControllerOf(old.metadata);
    const newOwner = pod === undefined ? undefined : getControllerOf(pod.metadata);
    // DaemonSet controller: wake the owner, or the DaemonSets that could adopt an orphan.
    const owners = new Set<string>();
    for (const ref of [oldOwner, newOwner]) {
      if (ref?.kind !== 'DaemonSet') continue;
      const dsKey = `${current.metadata.namespace}/${ref.name}`;
      if (this.cache.getDaemonSet(dsKey)?.metadata.uid === ref.uid) owners.add(dsKey);
    }
    const ownedBy = new Set(owners);
    const orphanChanged = newOwner === undefined && pod !== undefined && (old === undefined || oldOwner !== undefined || canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(pod.metadata.labels ?? {}));
    if (orphanChanged) {
      for (const dsKey of this.cache.daemonSetKeys()) {
        const ds = this.cache.getDaemonSet(dsKey)!;
        if (ds.metadata.namespace === pod.metadata.namespace && labelSelectorMatches(ds.spec.selector, pod.metadata.labels)) owners.add(dsKey);
      }
    }
    for (const dsKey of [...owners].sort()) {
      if (ownedBy.has(dsKey)) this.observe(dsKey, old, pod);
      this.enqueueDaemonSet(dsKey, nodes.length > 0 ? nodes : ['']);
      const ds = this.cache.getDaemonSet(dsKey)!;
      const minReadySeconds = ds.spec.minReadySeconds ?? 0;
      if (minReadySeconds > 0 && old !== undefined && pod !== undefined && !isPodReady(old) && isPodReady(pod)) {
        this.enqueueDaemonSet(dsKey, nodes, (minReadySeconds + 1) * SECOND);
      }
    }
    // Garbage collector: a dependent whose owner is gone (possible when the controller's cache
    // still showed a deleted owner), or an owner waiting for its dependents to go.
    if (newOwner !== undefined && newOwner.kind === 'DaemonSet' && !ownedBy.has(`${current.metadata.namespace}/${newOwner.name}`)) this.enqueueGarbageCollector(newOwner.uid);
    if (pod === undefined) {
      for (const ref of current.metadata.ownerReferences ?? []) {
        if (this.ownerAwaitsDependents(current.metadata.namespace, ref.name, ref.uid)) this.enqueueGarbageCollector(ref.uid);
      }
    }
    if (pod === undefined) return;
    // Scheduler: a new pending pod.
    if (old === undefined && (pod.spec.nodeName ?? '') === '') {
      this.pushEvent(this.clock + this.draw(this.latencies.scheduling), { type: 'SchedulingAttempted', key, uid: pod.metadata.uid });
    }
    // Kubelet: a pod just bound to its node, or just asked to terminate.
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '' || this.cache.getNode(nodeName) === undefined) return;
    if ((old?.spec.nodeName ?? '') === '' && pod.metadata.deletionTimestamp === undefined && !this.kubeletDown.has(nodeName)) {
      this.pushEvent(this.clock + this.draw(this.latencies.containerStart), { type: 'ContainerStarted', key, uid: pod.metadata.uid });
    }
    if (old !== undefined && old.metadata.deletionTimestamp === undefined && pod.metadata.deletionTimestamp !== undefined) {
      const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * SECOND;
      const stops = pod.spec.containers.map((c) => this.behaviour(c.image).stopLatency).filter((d): d is number => d !== undefined);
      // Containers that outlast the grace period are killed (SIGKILL) when it ends.
      const stop = stops.length === 0 ? this.draw(this.latencies.termination) : Math.max(...stops);
      if (!this.kubeletDown.has(nodeName)) this.pushEvent(this.clock + Math.min(grace, stop), { type: 'PodTerminated', key, uid: pod.metadata.uid });
    }
  }

  /**
   * Deviation: upstream also wakes the owning DaemonSet on every revision write; the only
   * revision writes here are the controller's own, made in a pass that already acts on them.
   */
  private onRevisionChanged(old: ControllerRevision | undefined, revision: ControllerRevision | undefined): void {
    if (revision !== undefined) {
      const ref = getControllerOf(revision.metadata);
      if (ref?.kind === 'DaemonSet' && this.cache.getDaemonSet(`${revision.metadata.namespace}/${ref.name}`)?.metadata.uid !== ref.uid) this.enqueueGarbageCollector(ref.uid);
      return;
    }
    if (old === undefined) return;
    const ref = getControllerOf(old.metadata);
    if (ref?.kind === 'DaemonSet' && this.ownerAwaitsDependents(old.metadata.namespace, ref.name, ref.uid)) this.enqueueGarbageCollector(ref.uid);
  }

  /**
   * Wakes a DaemonSet on create and on spec or metadata changes. Deviation: upstream wakes it
   * on every update, its own status writes included; such a pass can only find nothing to do.
   */
  private onDaemonSetChanged(key: string, old: DaemonSet | undefined, ds: DaemonSet | undefined): void {
    if (ds === undefined) {
      this.dirty.delete(key);
      if (old !== undefined && this.cache.dependentsOf(old.metadata.uid).length > 0) this.enqueueGarbageCollector(old.metadata.uid);
      return;
    }
    if (old !== undefined && old.metadata.generation === ds.metadata.generation && old.metadata.deletionTimestamp === ds.metadata.deletionTimestamp && (old.status.collisionCount ?? 0) === (ds.status.collisionCount ?? 0) && old.metadata.finalizers === ds.metadata.finalizers) return;
    this.enqueueDaemonSet(key, 'all');
  }

  /**
   * Passes a write to the controllers: at once under instant observation, or through the
   * informer caches after a seeded lag, in write order.
   */
  private notify(kind: WatchedKind, key: string, old: WatchedObject | undefined, obj: WatchedObject | undefined): void {
    this.emit(kind, old, obj);
    if (this.cache === this.store) {
      this.handle(kind, key, old, obj);
      return;
    }
    const at = Math.max(this.lastDelivery, this.clock + this.draw(this.latencies.informer));
    this.lastDelivery = at;
    this.pushEvent(at, { type: 'WatchDelivered', kind, key, object: obj });
  }

  /**
   * Reports a write to `watch` listeners; a deletion takes a fresh resourceVersion (etcd's
   * revision of the delete), drawn whether or not anyone listens so numbering never depends on it.
   */
  private emit(kind: StoredKind, old: StoredObject | undefined, obj: StoredObject | undefined): void {
    if (obj === undefined && old !== undefined) {
      const rv = this.context.nextResourceVersion();
      if (this.watchers.size === 0) return;
      const deleted = { ...old, metadata: { ...old.metadata, resourceVersion: rv } } as StoredObject;
      for (const watcher of this.watchers) watcher({ kind, type: 'DELETED', object: deleted });
      return;
    }
    if (this.watchers.size === 0 || obj === undefined) return;
    for (const watcher of this.watchers) watcher({ kind, type: old === undefined ? 'ADDED' : 'MODIFIED', object: obj });
  }

  /** A watch event reaches the informer cache: update the cache, then run the handlers. */
  private deliver(kind: WatchedKind, key: string, obj: WatchedObject | undefined): void {
    const c = this.cache;
    switch (kind) {
      case 'Node': {
        const old = c.getNode(key);
        if (obj === undefined) c.removeNode(key);
        else c.putNode(obj as Node);
        return this.handle(kind, key, old, obj);
      }
      case 'Pod': {
        const old = c.getPod(key);
        if (obj === undefined) c.removePod(key);
        else c.putPod(obj as Pod);
        return this.handle(kind, key, old, obj);
      }
      case 'DaemonSet': {
        const old = c.getDaemonSet(key);
        if (obj === undefined) c.removeDaemonSet(key);
        else c.putDaemonSet(obj as DaemonSet);
        return this.handle(kind, key, old, obj);
      }
      case 'ControllerRevision': {
        const old = c.getRevision(key);
        if (obj === undefined) c.removeRevision(key);
        else c.putRevision(obj as ControllerRevision);
        return this.handle(kind, key, old, obj);
      }
    }
  }

  private handle(kind: WatchedKind, key: string, old: WatchedObject | undefined, obj: WatchedObject | undefined): void {
    switch (kind) {
      case 'Node':
        if (obj === undefined) {
          // Upstream has no node-delete handler: DaemonSets notice on their next pass.
          for (const dsKey of this.cache.daemonSetKeys()) this.markDirty(dsKey, key);
          return;
        }
        return this.onNodeChanged(old as Node | undefined, obj as Node);
      case 'Pod':
        return this.onPodChanged(old as Pod | undefined, obj as Pod | undefined);
      case 'DaemonSet':
        return this.onDaemonSetChanged(key, old as DaemonSet | undefined, obj as DaemonSet | undefined);
      case 'ControllerRevision':
        return this.onRevisionChanged(old as ControllerRevision | undefined, obj as ControllerRevision | undefined);
    }
  }



  private ownerAwaitsDependents(namespace: string, name: string, uid: string): boolean {
    const owner = this.cache.getDaemonSet(`${namespace}/${name}`);
    return owner !== undefined && owner.metadata.uid === uid && owner.metadata.deletionTimestamp !== undefined;
  }

  private setExpectations(memory: MutableDaemonSetMemory, expected: { readonly add: number; readonly del: number }): void {
    if (this.useExpectations) memory.expectations = { add: expected.add, del: expected.del, timestamp: this.clock };
  }

  /** Records what the informer shows of a DaemonSet's own creates and deletes (`CreationObserved`, `DeletionObserved`). */
  private observe(dsKey: string, old: Pod | undefined, pod: Pod | undefined): void {
    const memory = this.cache.mutableDaemonSetMemory(dsKey);
    if (memory.expectations === undefined) return;
    const created = old === undefined && pod !== undefined && pod.metadata.deletionTimestamp === undefined;
    const deleted = (pod === undefined && old !== undefined) || (pod !== undefined && pod.metadata.deletionTimestamp !== undefined && (old === undefined || old.metadata.deletionTimestamp === undefined));
    if (created || deleted) memory.expectations = lowerExpectations(memory.expectations, created ? 1 : 0, deleted ? 1 : 0);
  }

  private markDirty(key: string, node: string): void {
    const d = this.dirty.get(key);
    if (d === 'all') return;
    if (d === undefined) this.dirty.set(key, new Set([node]));
    else d.add(node);
  }

  /** Adds a DaemonSet key to the work queue (deduplicated while waiting), with the nodes to look at. */
  private enqueueDaemonSet(key: string, nodes: readonly string[] | 'all', after = 0): void {
    if (nodes === 'all') this.dirty.set(key, 'all');
    else for (const n of nodes) this.markDirty(key, n);
    // Like client-go's delaying work queue: a key waits at most once in the queue proper and
    // at most once, at its earliest time, among the delayed adds.
    const at = this.clock + after;
    const pending = after === 0 ? this.syncDue : this.syncWaiting;
    const due = pending.get(key);
    if (due !== undefined && due <= at) return;
    pending.set(key, at);
    this.pushEvent(at, { type: 'DaemonSetSync', key });
  }

  private enqueueGarbageCollector(uid: string, after = 0): void {
    if (this.gcDue.has(uid)) return;
    this.gcDue.add(uid);
    this.pushEvent(this.clock + after, { type: 'GarbageCollectorSync', uid });
  }
}

const qosCache = new WeakMap<object, string>();

/** The pod's QoS class as the API server records it on create, memoised per containers list. */
function qosClassOf(spec: Pod['spec']): string {
  let qos = qosCache.get(spec.containers);
  if (qos === undefined) {
    qos = getPodQOS({ spec, status: {} } as Pod);
    qosCache.set(spec.containers, qos);
  }
  return qos;
}

/** How long an unschedulable pod waits before the scheduler tries it again. */
const UNSCHEDULABLE_FLUSH = 5 * 60 * SECOND;

/** How long a KubeEvent lives after it was last seen (kube-apiserver `--event-ttl`). */
const EVENT_TTL = 60 * 60 * SECOND;

function eventCacheKey(involved: { readonly uid?: string }, type: string, reason: string, message: string, component: string): string {
  return `${involved.uid ?? ''}\u0000${type}\u0000${reason}\u0000${message}\u0000${component}`;
}

/**
 * PodGC's periods are traced only when they write something, so idle clusters stay quiet;
 * watch deliveries are not traced, the handler work they cause is.
 */
function isQuietEvent(event: SimEvent): boolean {
  return event.type === 'PodGCPeriod' || event.type === 'WatchDelivered';
}

/** The NoExecute taints of a node as one comparable string. */
function noExecuteTaints(node: Node | undefined): string {
  return (node?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute').map((t) => `${t.key}=${t.value ?? ''}`).sort().join(',');
}

/** The sum of the pod's container restart counts: which container instances a readiness probe is for. */
function restartsOf(pod: Pod): number {
  let n = 0;
  for (const s of pod.status.containerStatuses ?? []) n += s.restartCount;
  return n;
}

function isReadyStatus(status: Pod['status']): boolean {
  return status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** containerd's answer for an image that does not exist, as the kubelet reports it. */
function pullErrorMessage(image: string): string {
  const ref = image.includes('/') ? image : `docker.io/library/${image}`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

function involvedOf(pod: Pod): InvolvedObject {
  return { kind: 'Pod', apiVersion: 'v1', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
}

function describeNode(node: Node): string {
  const taints = (node.spec.taints ?? []).map((t) => `${t.key}${t.value === undefined || t.value === '' ? '' : `=${t.value}`}:${t.effect}`);
  return `${taints.length > 0 ? `taints=${taints.join(',')}` : 'taints=<none>'}${node.spec.unschedulable === true ? ' unschedulable' : ''}`;
}

function describeDaemonSetStatus(ds: DaemonSet): string {
  const s = ds.status;
  return `desired=${s.desiredNumberScheduled} current=${s.currentNumberScheduled} ready=${s.numberReady} available=${s.numberAvailable ?? 0} updated=${s.updatedNumberScheduled ?? 0} misscheduled=${s.numberMisscheduled} observedGeneration=${s.observedGeneration ?? 0}`;
}

/** Creates a simulated cluster with the four initial namespaces and PodGC running. */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options);
}
