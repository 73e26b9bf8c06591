import type { Taint } from 'kubernetes-types/core/v1.js';
import type { ControllerRevision, DaemonSet, KubeEvent, Namespace, Node, Pod } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { formatSimTime } from '../model/time.js';

/** The kinds the controllers watch through informers. */
export type WatchedKind = 'Node' | 'Pod' | 'DaemonSet' | 'ControllerRevision';

/** An object the controllers watch. */
export type WatchedObject = Node | Pod | DaemonSet | ControllerRevision;

/**
 * Every stored kind `Simulation.watch` reports: the watched kinds plus Events and Namespaces,
 * which no simulated controller watches. Upstream counterpart: the API server's watchable resources.
 */
export type StoredKind = WatchedKind | 'Event' | 'Namespace';

/** An object of a {@link StoredKind}. */
export type StoredObject = WatchedObject | KubeEvent | Namespace;

/** How a DaemonSet delete treats its dependents (`metav1.DeletionPropagation`). */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** A node as a scenario describes it; the simulator fills in status, capacity and addresses. */
export interface NodeInput {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
  /** Capacity such as `{ cpu: '4', memory: '16Gi', pods: '110' }`; allocatable equals it. */
  readonly capacity?: Readonly<Record<string, string>>;
  /** The node's InternalIP. @defaultValue derived from the order nodes joined */
  readonly internalIP?: string;
}

/** A change to an existing node: label and annotation edits (`null` removes), taints added or removed, cordon. */
export interface NodeChange {
  readonly labels?: Readonly<Record<string, string | null>>;
  readonly annotations?: Readonly<Record<string, string | null>>;
  readonly addTaints?: readonly Taint[];
  /** Taints to remove, matched by key and, when given, effect. */
  readonly removeTaints?: readonly { readonly key: string; readonly effect?: string }[];
  readonly unschedulable?: boolean;
}

/** A node condition as the kubelet reports it. */
export interface NodeConditionInput {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/**
 * Everything that can happen in the simulation, as past-tense facts: requests from scenarios
 * and API clients, controller work-queue items, and the kubelet's and scheduler's progress.
 * Upstream has no counterpart: these are the moments a real cluster's components act.
 */
export type SimEvent =
  | { readonly type: 'NodeAdded'; readonly node: NodeInput }
  | { readonly type: 'NodeRemoved'; readonly name: string }
  | { readonly type: 'NodeUpdated'; readonly name: string; readonly change: NodeChange }
  /** A manifest applied as `kubectl apply` would: create, or update the existing object. */
  | { readonly type: 'ManifestApplied'; readonly manifest: unknown }
  | {
      readonly type: 'DaemonSetDeleted';
      readonly namespace: string;
      readonly name: string;
      readonly propagationPolicy: PropagationPolicy;
    }
  /**
   * A pod delete (`DeleteOptions`): `gracePeriodSeconds` overrides the pod's
   * `terminationGracePeriodSeconds`; 0, or `force`, removes it at once (`--grace-period=0 --force`).
   */
  | {
      readonly type: 'PodDeleted';
      readonly namespace: string;
      readonly name: string;
      readonly gracePeriodSeconds?: number;
      readonly force?: boolean;
    }
  /** The DaemonSet controller's work queue hands out a key. */
  | { readonly type: 'DaemonSetSync'; readonly key: string }
  /** The garbage collector processes an owner. */
  | { readonly type: 'GarbageCollectorSync'; readonly uid: string }
  /** PodGC's 20-second period elapsed. */
  | { readonly type: 'PodGCPeriod' }
  /** The DaemonSet informer's resync period elapsed (kube-controller-manager's `--min-resync-period`, jittered). */
  | { readonly type: 'InformerResync' }
  /** A broken watch's informer lists its kind again, after the reflector's backoff (see `WatchFaultRule`). */
  | { readonly type: 'InformerRelist'; readonly kind: WatchedKind }
  /** The scheduler takes a pending pod off its queue. */
  | { readonly type: 'SchedulingAttempted'; readonly key: string; readonly uid: string }
  /** The kubelet pulled the images and started the containers. */
  | { readonly type: 'ContainerStarted'; readonly key: string; readonly uid: string }
  /** The readiness probe succeeded (for the container instances counted by `restarts`, when given). */
  | { readonly type: 'PodReady'; readonly key: string; readonly uid: string; readonly restarts?: number }
  /** A container's process exited (its image's `crashAfter`). */
  | {
      readonly type: 'ContainerExited';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
    }
  /** The kubelet's next sync after an exit inside the restart backoff window: `CrashLoopBackOff`. */
  | {
      readonly type: 'ContainerBackedOff';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
    }
  /** The kubelet restarted an exited container (after its backoff). */
  | {
      readonly type: 'ContainerRestarted';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
    }
  /** The kubelet's next sync after a failed pull: `ImagePullBackOff`. */
  | {
      readonly type: 'ImagePullBackedOff';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
    }
  /** The kubelet tries a failed image pull again. */
  | {
      readonly type: 'ImagePullRetried';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
    }
  /** The readiness probe of a container instance (counted by `restarts`) whose image never turns ready fails. */
  | {
      readonly type: 'ReadinessProbeFailed';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
      readonly restarts: number;
    }
  /**
   * A tick of a container instance's liveness or startup probe worker; `failures` counts the
   * instance's consecutive failures before this tick (the worker's `resultRun`).
   */
  | {
      readonly type: 'ContainerProbed';
      readonly probe: 'liveness' | 'startup';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
      readonly restarts: number;
      /** When the instance started, in ms (the status's `startedAt` has whole seconds). */
      readonly startedAt: SimTime;
      readonly failures: number;
    }
  /** A container instance the kubelet killed for a failed liveness or startup probe has stopped, with `exitCode`. */
  | {
      readonly type: 'ContainerKilled';
      readonly key: string;
      readonly uid: string;
      readonly container: string;
      readonly restarts: number;
      readonly exitCode: number;
    }
  /** The node's kubelet stops posting status and stops acting (`failNode`): its pods stay as they are in the API. */
  | { readonly type: 'NodeHeartbeatsStopped'; readonly name: string }
  /** The node's kubelet is back: healthy conditions, and it resumes its pods (`recoverNode`). */
  | { readonly type: 'NodeHeartbeatsResumed'; readonly name: string }
  /** The kubelet reports a node condition, such as `MemoryPressure=True` or `Ready=False`. */
  | { readonly type: 'NodeConditionSet'; readonly name: string; readonly condition: NodeConditionInput }
  /** The node lifecycle controller's periodic health check reaches this node (`monitorNodeHealth`). */
  | { readonly type: 'NodeHealthChecked'; readonly name: string }
  /** A pod's `tolerationSeconds` for a NoExecute taint ran out (the taint eviction controller's timer). */
  | { readonly type: 'TaintEvictionDue'; readonly key: string; readonly uid: string }
  /** The kubelet stopped a terminating pod's containers and removed it. */
  | { readonly type: 'PodTerminated'; readonly key: string; readonly uid: string }
  /** In the informer observation model: a write reaches the controllers' informer caches. */
  | {
      readonly type: 'WatchDelivered';
      readonly kind: WatchedKind;
      readonly key: string;
      readonly object: WatchedObject | undefined;
      /** The written object's resourceVersion (a delete's own): the cache has seen every write before it once it lands. */
      readonly rv: number;
      /** The watch event's type, as the informer's handlers tell add, update and delete apart. */
      readonly watchType: 'ADDED' | 'MODIFIED' | 'DELETED';
      /** When the API server stored the write this delivery carries. */
      readonly writtenAt: SimTime;
    };

/** The names of every simulator event. */
export type SimEventType = SimEvent['type'];

/** A one-line description of an event for the trace. */
export function describeSimEvent(event: SimEvent): string {
  switch (event.type) {
    case 'NodeAdded':
      return event.node.name;
    case 'NodeRemoved':
    case 'NodeUpdated':
    case 'NodeHeartbeatsStopped':
    case 'NodeHeartbeatsResumed':
    case 'NodeHealthChecked':
      return event.name;
    case 'NodeConditionSet':
      return `${event.name} ${event.condition.type}=${event.condition.status}`;
    case 'ContainerExited':
    case 'ContainerBackedOff':
    case 'ContainerRestarted':
    case 'ImagePullBackedOff':
    case 'ImagePullRetried':
    case 'ReadinessProbeFailed':
    case 'ContainerKilled':
      return `${event.key} ${event.container}`;
    case 'ContainerProbed':
      return `${event.key} ${event.container} ${event.probe}`;
    case 'TaintEvictionDue':
      return event.key;
    case 'ManifestApplied': {
      const m = event.manifest as {
        kind?: unknown;
        metadata?: { name?: unknown; namespace?: unknown };
      } | null;
      const ns = typeof m?.metadata?.namespace === 'string' ? `${m.metadata.namespace}/` : '';
      return `${String(m?.kind ?? '?')} ${ns}${String(m?.metadata?.name ?? '?')}`;
    }
    case 'DaemonSetDeleted':
      return `${event.namespace}/${event.name} propagationPolicy=${event.propagationPolicy}`;
    case 'PodDeleted':
      return `${event.namespace}/${event.name}${event.gracePeriodSeconds === undefined ? '' : ` gracePeriodSeconds=${event.gracePeriodSeconds}`}${event.force === true ? ' force' : ''}`;
    case 'DaemonSetSync':
    case 'SchedulingAttempted':
    case 'ContainerStarted':
    case 'PodReady':
    case 'PodTerminated':
      return event.key;
    case 'GarbageCollectorSync':
      return event.uid;
    case 'WatchDelivered':
      return `${event.kind} ${event.key} ${event.watchType} written=${formatSimTime(event.writtenAt)}`;
    case 'PodGCPeriod':
      return '';
    case 'InformerResync':
      return 'daemonsets';
    case 'InformerRelist':
      return event.kind;
  }
}
