import type { BackoffEntry } from '../controllers/kubelet/crashLoopBackOff.js';
import type { ImageBehaviour, ImageBehaviours } from '../controllers/kubelet/imageBehaviour.js';
import { imageBehaviourOf } from '../controllers/kubelet/imageBehaviour.js';
import { NODE_MONITOR_GRACE_PERIOD } from '../controllers/nodelifecycle/nodeConditions.js';
import type { PriorityClassInfo } from '../controllers/scheduler/priorityClasses.js';
import type { SimTime } from '../model/time.js';
import { SECOND } from '../model/time.js';
import { Rng } from '../random/rng.js';
import { ClusterStore } from './clusterStore.js';
import { EventQueue } from './eventQueue.js';
import type { ServerContext } from './serverContext.js';
import { uidFromCounter } from './serverContext.js';
import type { SimEvent } from './simEvent.js';
import type { Latencies, LatencyRange, SimulationOptions } from './simulationOptions.js';
import type { WatchEvent } from './watchEvent.js';
import type { TraceWriteEntry } from './trace.js';
import { TraceLog } from './traceLog.js';

/** A simulator event that is periodic upkeep or a retry loop: it does not keep the cluster from being quiet. */
export function isBackgroundEvent(event: SimEvent): boolean {
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
  /** The API server's storage: the truth, what snapshots show. */
  readonly store = new ClusterStore();
  /** What the controllers see: the store itself (instant observation) or a lagging replica (informer). */
  readonly cache: ClusterStore;
  readonly useExpectations: boolean;
  lastDelivery = 0;
  readonly queue = new EventQueue<SimEvent>();
  readonly rng: Rng;
  readonly latencies: Latencies;
  readonly syncMode: 'incremental' | 'full';
  readonly podGCPeriod: number;
  readonly podGCQuarantine: number;
  readonly terminatedPodGCThreshold: number;
  /** Whether trace entries go anywhere (memory or a sink); when false nothing builds them. */
  readonly keepTrace: boolean;
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
  /** Updates refused for a stale resourceVersion; a pass that caused one is retried. */
  conflicts = 0;
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
  readonly syncDue = new Map<string, SimTime>();
  /** DaemonSet key to the earliest time a delayed sync of it (`enqueueAfter`) is queued. */
  readonly syncWaiting = new Map<string, SimTime>();
  /** DaemonSet key to nodes whose inputs changed since its last pass (`'all'` for every node). */
  readonly dirty = new Map<string, Set<string> | 'all'>();
  readonly gcDue = new Set<string>();
  podGCQuarantineState: ReadonlyMap<string, SimTime> = new Map();
  readonly unschedulable = new Map<string, string>();
  /** Involved-object uid, type, reason, message, component to the event key: the recorder's aggregation cache. */
  readonly eventCache = new Map<string, string>();
  readonly context: ServerContext;
  readonly images: ImageBehaviours;
  readonly priorityClasses: Readonly<Record<string, PriorityClassInfo>>;
  readonly nodeMonitorGracePeriod: number;
  /** Nodes whose kubelet stopped posting status, to the time it stopped. */
  readonly kubeletDown = new Map<string, SimTime>();
  /** The kubelets' container restart backoff entries, by `<pod uid>/<container>`. */
  readonly crashBackoff = new Map<string, BackoffEntry>();
  /** The kubelets' image pull backoff entries, by `<pod uid>/<container>`. */
  readonly pullBackoff = new Map<string, BackoffEntry>();
  /** The taint eviction controller's timers: pod key to pod uid, fire time and when the timer started. */
  readonly evictionTimers = new Map<string, { uid: string; at: SimTime; createdAt: SimTime }>();
  /** Unschedulable pod keys by the node they target (`''` for pods that target none). */
  readonly unschedulableByNode = new Map<string, Set<string>>();
  readonly unschedulableTarget = new Map<string, string>();

  constructor(options: SimulationOptions) {
    this.rng = Rng.fromSeed(options.seed ?? 0);
    this.latencies = { ...DEFAULT_LATENCIES, ...options.latencies };
    this.syncMode = options.syncMode ?? 'incremental';
    this.podGCPeriod = options.podGCPeriod ?? 20 * SECOND;
    this.podGCQuarantine = options.podGCQuarantine ?? 40 * SECOND;
    this.terminatedPodGCThreshold = options.terminatedPodGCThreshold ?? 12500;
    this.traceLog = new TraceLog({
      keep: options.trace ?? true,
      ...(options.traceLimit === undefined ? {} : { limit: options.traceLimit }),
      ...(options.traceSink === undefined ? {} : { sink: options.traceSink }),
    });
    this.keepTrace = this.traceLog.recording;
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
  }

  /** Queues an event, counting the ones that are not PodGC's period so quiescence is O(1). */
  pushEvent(at: SimTime, event: SimEvent): void {
    if (!isBackgroundEvent(event)) this.busyEvents++;
    this.queue.push(at, event);
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
    if (this.keepTrace)
      this.traceLog.record({
        entry: 'write',
        at: this.clock,
        verb,
        kind,
        key,
        by,
        detail: typeof detail === 'string' ? detail : detail(),
      });
  }
}
