import type { PodNetwork } from '../controllers/kubelet/allocatePodIP.js';
import type { DaemonSetControllerOptions } from '../controllers/daemonset/daemonSetControllerOptions.js';
import type { BackoffEntry } from '../controllers/kubelet/crashLoopBackOff.js';
import { daemonSetControllerSettings } from './daemonSetControllerSettings.js';
import { minResyncPeriodSetting } from './minResyncPeriod.js';
import type { ImageBehaviour, ImageBehaviours } from '../controllers/kubelet/imageBehaviour.js';
import { imageBehaviourOf } from '../controllers/kubelet/imageBehaviour.js';
import { NODE_MONITOR_GRACE_PERIOD } from '../controllers/nodelifecycle/nodeConditions.js';
import type { PriorityClassInfo } from '../controllers/scheduler/priorityClasses.js';
import type { SimTime } from '../model/time.js';
import { SECOND } from '../model/time.js';
import { Rng } from '../random/rng.js';
import { ClusterStore } from './clusterStore.js';
import type { ArmedCrash } from './crashController.js';
import type { InjectedFault } from './faultInjector.js';
import { FaultInjector } from './faultInjector.js';
import { validateFaultRules } from './faultRule.js';
import type { FaultRule } from './faultRule.js';
import { isWatchFaultRule } from './watchFaultRule.js';
import { checkWatchObservation, WatchFaults } from './watchFaults.js';
import { EventQueue } from './eventQueue.js';
import { Journal, JournaledMap, JournaledSet } from './journal.js';
import type { ServerContext } from './serverContext.js';
import { uidFromCounter } from './serverContext.js';
import type { SimEvent } from './simEvent.js';
import type { Latencies, LatencyRange, SimulationOptions } from './simulationOptions.js';
import type { WatchEvent } from './watchEvent.js';
import type { TraceEntry, TraceRejectedEntry, TraceWriteEntry } from './trace.js';
import { TraceLog } from './traceLog.js';

/** A simulator event that is periodic upkeep or a retry loop: it does not keep the cluster from being quiet. */
export function isBackgroundEvent(event: SimEvent): boolean {
  switch (event.type) {
    case 'PodGCPeriod':
    case 'InformerResync':
    case 'ContainerRestarted':
    case 'ContainerBackedOff':
    case 'ImagePullBackedOff':
    case 'ImagePullRetried':
    case 'ReadinessProbeFailed':
    case 'ContainerProbed':
    case 'ContainerKilled':
      return true;
    default:
      return false;
  }
}

const DEFAULT_LATENCIES: Latencies = {
  scheduling: { min: 5, max: 50 },
  containerStart: { min: 1000, max: 4000 },
  readiness: { min: 500, max: 3000 },
  termination: { min: 500, max: 2000 },
  informer: { min: 2, max: 60 },
};

/**
 * The state a {@link Simulation} shares with the files that play its parts (the write path, the
 * informer handlers, the controller runners, the kubelets and the node lifecycle controller):
 * configuration, the store and the controllers' cache, the clock, the queue, the RNG, counters
 * and each component's private memory. Internal to the package: not exported from the barrel.
 * Upstream has no counterpart: this is what the API server, etcd and the components keep.
 */
export class SimulationCore {
  /** The undo log of the event being processed: every write below goes through it. */
  readonly journal = new Journal();
  /** The API server's storage: the truth, what snapshots show. */
  readonly store = new ClusterStore(this.journal);
  /** What the controllers see: the store itself (instant observation) or a lagging replica (informer). */
  readonly cache: ClusterStore;
  readonly useExpectations: boolean;
  lastDelivery = 0;
  readonly queue = new EventQueue<SimEvent>();
  readonly rng: Rng;
  /** The simulation's seed, for identifiers made up from it without drawing from the RNG (container IDs). */
  readonly seed: string | number;
  readonly latencies: Latencies;
  readonly syncMode: 'incremental' | 'full';
  readonly podGCPeriod: number;
  readonly podGCQuarantine: number;
  readonly terminatedPodGCThreshold: number;
  /** kube-controller-manager's `--min-resync-period` in ms; 0 when its informers never resync. */
  readonly minResyncPeriod: number;
  /** The resync period of the current informer factory (`resyncPeriod`). */
  resyncEvery = 0;
  /** How many informer factories were started (construction and each controller restart). */
  resyncGeneration = 0;
  /** When the DaemonSet informer's pending resync is due; undefined when it never resyncs. */
  resyncAt: SimTime | undefined = undefined;
  /** The DaemonSet controller's burst, failed-pod backoff and slow-start settings. */
  readonly daemonSetController: DaemonSetControllerOptions;
  /** Writes and refusals of a one-pass call (`Simulation.syncDaemonSet`), collected whether or not the trace is kept. */
  capture: TraceEntry[] | undefined;
  /** Whether trace entries go anywhere (memory or a sink); when false nothing builds them. */
  readonly keepTrace: boolean;
  /** Whether watch deliveries are traced ({@link SimulationOptions.traceWatchDeliveries}). */
  readonly traceDeliveries: boolean;
  readonly traceLog: TraceLog;
  clock: SimTime = 0;
  uids = 0;
  resourceVersion = 0;
  nodeOrdinal = 0;
  eventCounter = 0;
  podIPs = 0;
  /** Pending events other than PodGC's period. */
  busyEvents = 0;
  readonly watchers = new Set<(event: WatchEvent) => void>();
  /** Watch notifications of the event being processed, sent when it commits. */
  readonly pendingWatch: WatchEvent[] = [];
  /** The counters and lengths {@link beginEvent} saw, for {@link rollbackEvent}. */
  private readonly saved = {
    uids: 0,
    resourceVersion: 0,
    nodeOrdinal: 0,
    eventCounter: 0,
    podIPs: 0,
    busyEvents: 0,
    conflicts: 0,
    lastDelivery: 0,
    eventExpiryLength: 0,
    eventExpiryHead: 0,
    podGCQuarantineState: new Map() as ReadonlyMap<string, SimTime>,
    queueSeq: 0,
  };
  /** The rate limiter's failures in a row by component and work-item key (`handleCrash`); not taken back with an event. */
  readonly failures = new Map<string, number>();
  /** DaemonSet keys waiting out a failure's backoff, to the time of their retry (`dropWhileBackingOff`). */
  readonly backingOff = new Map<string, SimTime>();
  /** Updates refused for a stale resourceVersion; a pass that caused one is retried. */
  conflicts = 0;
  /** The fault rules and their state (see `FaultRule`); undefined when there are none, so no request is checked. */
  readonly faults: FaultInjector | undefined;
  /** The watch fault rules and the informers' state under them; undefined when there are none, so no write is checked. */
  readonly watchFaults: WatchFaults | undefined;
  /** The first injected fault of the DaemonSet pass being run, for its rate-limited re-queue; undefined when none. */
  syncError: InjectedFault | undefined = undefined;
  /** A crash of the DaemonSet controller waiting for its countdown of requests (`crashController` with `afterWrites`). */
  crashArmed: ArmedCrash | undefined = undefined;
  /** Whether the DaemonSet controller defers a pass until its cache has seen its own last writes (KEP-5647). */
  readonly staleControllerConsistency: boolean;
  /** With {@link staleControllerConsistency}: the resourceVersion of the DaemonSet controller's latest write per DaemonSet. */
  readonly writtenRV: Map<string, number> = new JournaledMap(this.journal);
  /** With {@link staleControllerConsistency}: the resourceVersion at the controller's last restart, which every pass waits for. */
  staleFloor = 0;
  /**
   * KubeEvents in recording order with their expiry, for the API server's event TTL, as three
   * parallel columns (event key, expiry, aggregation-cache key) rather than an object per event:
   * no allocation per recorded event, and the sweep drops its consumed prefix in one splice.
   */
  readonly eventExpiry = {
    keys: [] as string[],
    at: [] as SimTime[],
    cacheKeys: [] as string[],
    head: 0,
  };
  /** DaemonSet key to the time a sync of it is queued without delay. */
  readonly syncDue: Map<string, SimTime> = new JournaledMap(this.journal);
  /** DaemonSet key to the earliest time a delayed sync of it (`enqueueAfter`) is queued. */
  readonly syncWaiting: Map<string, SimTime> = new JournaledMap(this.journal);
  /** DaemonSet key to nodes whose inputs changed since its last pass (`'all'` for every node). */
  readonly dirty: Map<string, Set<string> | 'all'> = new JournaledMap(this.journal);
  readonly gcDue: Set<string> = new JournaledSet(this.journal);
  podGCQuarantineState: ReadonlyMap<string, SimTime> = new Map();
  readonly unschedulable: Map<string, string> = new JournaledMap(this.journal);
  /** Involved-object uid, type, reason, message, component to the event key: the recorder's aggregation cache. */
  readonly eventCache: Map<string, string> = new JournaledMap(this.journal);
  readonly context: ServerContext;
  readonly images: ImageBehaviours;
  readonly priorityClasses: Readonly<Record<string, PriorityClassInfo>>;
  readonly nodeMonitorGracePeriod: number;
  /** Where pod addresses come from (`SimulationOptions.podNetwork`). */
  readonly podNetwork: PodNetwork;
  /** Nodes whose kubelet stopped posting status, to the time it stopped. */
  readonly kubeletDown: Map<string, SimTime> = new JournaledMap(this.journal);
  /** The kubelets' container restart backoff entries, by `<pod uid>/<container>`. */
  readonly crashBackoff: Map<string, BackoffEntry> = new JournaledMap(this.journal);
  /** The kubelets' image pull backoff entries, by `<pod uid>/<container>`. */
  readonly pullBackoff: Map<string, BackoffEntry> = new JournaledMap(this.journal);
  /** The taint eviction controller's timers: pod key to pod uid, fire time and when the timer started. */
  readonly evictionTimers: Map<string, { uid: string; at: SimTime; createdAt: SimTime }> = new JournaledMap(
    this.journal,
  );
  /** Unschedulable pod keys by the node they target (`''` for pods that target none). */
  readonly unschedulableByNode: Map<string, Set<string>> = new JournaledMap(this.journal);
  readonly unschedulableTarget: Map<string, string> = new JournaledMap(this.journal);

  constructor(options: SimulationOptions) {
    this.seed = options.seed ?? 0;
    this.rng = Rng.fromSeed(this.seed);
    this.latencies = { ...DEFAULT_LATENCIES, ...options.latencies };
    this.syncMode = options.syncMode ?? 'incremental';
    this.podGCPeriod = options.podGCPeriod ?? 20 * SECOND;
    this.podGCQuarantine = options.podGCQuarantine ?? 40 * SECOND;
    this.terminatedPodGCThreshold = options.terminatedPodGCThreshold ?? 12500;
    this.daemonSetController = daemonSetControllerSettings(options);
    this.minResyncPeriod = minResyncPeriodSetting(options.minResyncPeriod);
    this.traceLog = new TraceLog({
      keep: options.trace ?? true,
      ...(options.traceLimit === undefined ? {} : { limit: options.traceLimit }),
      ...(options.traceSink === undefined ? {} : { sink: options.traceSink }),
    });
    this.keepTrace = this.traceLog.recording;
    this.traceDeliveries = options.traceWatchDeliveries ?? false;
    this.cache = options.observation === 'informer' ? new ClusterStore(this.journal) : this.store;
    this.useExpectations = options.expectations ?? true;
    this.staleControllerConsistency = options.staleControllerConsistency ?? false;
    const rules =
      options.faults === undefined ? [] : validateFaultRules(options.faults, 'faults', 'createSimulation: ');
    checkWatchObservation(rules, options.observation);
    const apiRules = rules.filter((r): r is FaultRule => !isWatchFaultRule(r));
    const watchRules = rules.filter(isWatchFaultRule);
    this.faults =
      apiRules.length === 0 ? undefined : new FaultInjector(apiRules, options.seed ?? 0, this.journal);
    this.watchFaults =
      watchRules.length === 0 ? undefined : new WatchFaults(watchRules, options.seed ?? 0, this.journal);
    this.images = options.images ?? {};
    this.priorityClasses = options.priorityClasses ?? {};
    this.nodeMonitorGracePeriod = options.nodeMonitorGracePeriod ?? NODE_MONITOR_GRACE_PERIOD;
    this.podNetwork = options.podNetwork ?? 'overlay';
    const clock = (): SimTime => this.clock;
    this.context = {
      get now() {
        return clock();
      },
      rng: this.rng,
      nextUid: () => uidFromCounter(++this.uids),
      nextResourceVersion: () => String(++this.resourceVersion),
    };
  }

  /**
   * Queues an event, counting the ones that are not PodGC's period so quiescence is O(1).
   * Throws for a time that is not a whole millisecond at or after now (a NaN drawn from bad
   * data would break the heap's order): inside an event, that is a panic the event recovers from.
   */
  pushEvent(at: SimTime, event: SimEvent): void {
    if (!Number.isSafeInteger(at) || at < this.clock)
      throw new RangeError(
        `pushEvent: ${event.type} at ${at}: not a whole millisecond at or after ${this.clock}`,
      );
    if (!isBackgroundEvent(event)) this.busyEvents++;
    this.queue.push(at, event);
  }

  /**
   * Opens the journal for one event: every write until {@link commitEvent} or
   * {@link rollbackEvent} can be taken back, and watch notifications wait for the commit.
   */
  beginEvent(): void {
    this.saved.uids = this.uids;
    this.saved.resourceVersion = this.resourceVersion;
    this.saved.nodeOrdinal = this.nodeOrdinal;
    this.saved.eventCounter = this.eventCounter;
    this.saved.podIPs = this.podIPs;
    this.saved.busyEvents = this.busyEvents;
    this.saved.conflicts = this.conflicts;
    this.saved.lastDelivery = this.lastDelivery;
    this.saved.eventExpiryLength = this.eventExpiry.keys.length;
    this.saved.eventExpiryHead = this.eventExpiry.head;
    this.saved.podGCQuarantineState = this.podGCQuarantineState;
    this.saved.queueSeq = this.queue.nextSequence;
    this.rng.checkpoint();
    this.faults?.rng.checkpoint();
    this.watchFaults?.rng.checkpoint();
    this.traceLog.begin();
    this.journal.begin();
  }

  /** Keeps the event's writes and tells the watchers about them. */
  commitEvent(): void {
    this.journal.commit();
    this.rng.release();
    this.faults?.rng.release();
    this.watchFaults?.rng.release();
    this.traceLog.commit();
    const pending = this.pendingWatch;
    if (pending.length === 0) return;
    for (const event of pending) for (const watcher of this.watchers) watcher(event);
    pending.length = 0;
  }

  /** Takes back everything the event did: store, cache, memories, counters, RNG, queue, expiry columns and trace. */
  rollbackEvent(): void {
    this.journal.rollback();
    this.rng.restore();
    this.faults?.rng.restore();
    this.watchFaults?.rng.restore();
    const s = this.saved;
    this.uids = s.uids;
    this.resourceVersion = s.resourceVersion;
    this.nodeOrdinal = s.nodeOrdinal;
    this.eventCounter = s.eventCounter;
    this.podIPs = s.podIPs;
    this.busyEvents = s.busyEvents;
    this.conflicts = s.conflicts;
    this.lastDelivery = s.lastDelivery;
    const expiry = this.eventExpiry;
    expiry.keys.length = s.eventExpiryLength;
    expiry.at.length = s.eventExpiryLength;
    expiry.cacheKeys.length = s.eventExpiryLength;
    expiry.head = s.eventExpiryHead;
    this.podGCQuarantineState = s.podGCQuarantineState;
    this.traceLog.rollback();
    this.queue.discardFrom(s.queueSeq);
    this.pendingWatch.length = 0;
  }

  /** A latency drawn from the seeded RNG; a one-point range draws nothing. */
  draw(range: LatencyRange): number {
    return range.min === range.max ? range.min : this.rng.between(range.min, range.max);
  }

  /** The behaviour configured for an image (`{}` for unlisted images). */
  behaviour(image: string | undefined): ImageBehaviour {
    return imageBehaviourOf(this.images, image);
  }

  /**
   * Appends a write to the trace, when the trace goes anywhere. A detail that costs more than a
   * short template (a node's taints, a DaemonSet's status counts, a quoted event message) is
   * passed as a function, so a run with `trace: false` never builds it: those strings were
   * built and dropped on every write of node churn.
   */
  recordWrite(
    verb: TraceWriteEntry['verb'],
    kind: string,
    key: string,
    by: string,
    detail: string | (() => string),
  ): void {
    if (this.keepTrace || this.capture !== undefined) {
      const entry: TraceWriteEntry = {
        entry: 'write',
        at: this.clock,
        verb,
        kind,
        key,
        by,
        detail: typeof detail === 'string' ? detail : detail(),
      };
      if (this.keepTrace) this.traceLog.record(entry);
      this.capture?.push(entry);
    }
  }

  /** Traces a request the API server refused (a conflict, an injected fault), and captures it for a one-pass call. */
  recordRejected(type: string, message: string): void {
    if (!this.keepTrace && this.capture === undefined) return;
    const entry: TraceRejectedEntry = { entry: 'rejected', at: this.clock, type, message };
    if (this.keepTrace) this.traceLog.record(entry);
    this.capture?.push(entry);
  }
}
