import { DAEMONSET_CONTROLLER_COMPONENT } from '../controllers/daemonset/constants.js';
import { NODE_LIFECYCLE_COMPONENT } from '../controllers/nodelifecycle/nodeTaints.js';
import { TAINT_EVICTION_COMPONENT } from '../controllers/nodelifecycle/taintEviction.js';
import type { InvolvedObject } from '../controllers/plan.js';
import { PODGC_COMPONENT } from '../controllers/podgc/gcPods.js';
import { SCHEDULER_COMPONENT } from '../controllers/scheduler/schedulePod.js';
import { itemExponentialFailureDelay } from '../controllers/workqueue/itemExponentialFailureRateLimiter.js';
import { SimulationError } from '../errors.js';
import { enqueueDaemonSet, enqueueGarbageCollector } from './enqueueDaemonSet.js';
import { involvedOf, recordEvent } from './recordEvent.js';
import type { LivelockCatch } from './livelockGuard.js';
import type { SimEvent } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';

/** The component that handles an event and the key of its work item, as errors and the trace name them. */
export interface WorkItem {
  readonly component: string;
  readonly key: string;
}

/**
 * Whether an event is a request from outside the cluster's components (a user's API call or a
 * scenario's fault): its rejection is the caller's answer, thrown to it, while a component's
 * failure is recovered by {@link handleCrash}.
 */
export function isRequestEvent(event: SimEvent): boolean {
  switch (event.type) {
    case 'NodeAdded':
    case 'NodeRemoved':
    case 'NodeUpdated':
    case 'ManifestApplied':
    case 'DaemonSetDeleted':
    case 'PodDeleted':
    case 'NodeHeartbeatsStopped':
    case 'NodeHeartbeatsResumed':
    case 'NodeConditionSet':
      return true;
    default:
      return false;
  }
}

/** The component and work-item key of a component event (see {@link WorkItem}). */
export function workItemOf(event: SimEvent): WorkItem {
  switch (event.type) {
    case 'DaemonSetSync':
      return { component: DAEMONSET_CONTROLLER_COMPONENT, key: event.key };
    case 'GarbageCollectorSync':
      return { component: 'garbage-collector', key: event.uid };
    case 'PodGCPeriod':
      return { component: PODGC_COMPONENT, key: 'gc' };
    case 'SchedulingAttempted':
      return { component: SCHEDULER_COMPONENT, key: event.key };
    case 'TaintEvictionDue':
      return { component: TAINT_EVICTION_COMPONENT, key: event.key };
    case 'NodeHealthChecked':
      return { component: NODE_LIFECYCLE_COMPONENT, key: event.name };
    case 'WatchDelivered':
      return { component: 'informer', key: `${event.kind} ${event.key}` };
    case 'InformerRelist':
      return { component: 'informer', key: event.kind };
    case 'ContainerStarted':
    case 'PodReady':
    case 'PodTerminated':
    case 'ContainerExited':
    case 'ContainerBackedOff':
    case 'ContainerRestarted':
    case 'ImagePullBackedOff':
    case 'ImagePullRetried':
    case 'ReadinessProbeFailed':
    case 'ContainerProbed':
    case 'ContainerKilled':
      return { component: 'kubelet', key: event.key };
    default:
      return { component: 'user', key: event.type };
  }
}

/**
 * Recovers a component event that threw, after the caller took its writes back: the panic is
 * logged to the trace and as a Warning KubeEvent (reason `ControllerPanic`) on the object the
 * item is about, and the item is re-queued with the rate limiter's backoff. Returns the
 * `SimulationError('ControllerPanic')` the run call reports.
 * Mirrors `utilruntime.HandleCrash` (which logs "Observed a panic") followed by the work
 * queue's `AddRateLimited`. Deviation: upstream's HandleCrash re-panics by default, so
 * kube-controller-manager exits, restarts and retries the key; here the component carries on
 * and only the failed item waits.
 */
export function handleCrash(core: SimulationCore, event: SimEvent, error: unknown): SimulationError {
  const item = workItemOf(event);
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const message = `Observed a panic in ${item.component} processing ${event.type} ${item.key}: ${cause}`;
  const delay = requeueRateLimited(core, event, item);
  report(core, event, item, 'ControllerPanic', message, delay);
  return new SimulationError('ControllerPanic', message, { path: item.key });
}

/**
 * Sets aside an item the livelock guard caught (see `LivelockGuard`): it is not processed now
 * but re-queued with the rate limiter's backoff, so the clock moves on and the rest of the
 * cluster keeps running; traced and recorded as a Warning KubeEvent (reason `Livelock`).
 * Returns the `SimulationError('Livelock')` the run call reports.
 * Upstream has no counterpart: a real controller in such a loop burns CPU until it is fixed.
 */
export function parkLivelock(core: SimulationCore, event: SimEvent, caught: LivelockCatch): SimulationError {
  const item = workItemOf(event);
  const message =
    'requeues' in caught
      ? `Livelock: ${item.component} re-queued ${item.key} ${caught.requeues} times without the clock moving; set aside with backoff`
      : `Livelock: ${caught.events} events at one instant with no request between; ${item.component}'s ${event.type} ${item.key} set aside with backoff`;
  const delay = requeueRateLimited(core, event, item);
  report(core, event, item, 'Livelock', message, delay);
  return new SimulationError('Livelock', message, { path: item.key });
}

/**
 * Whether a DaemonSet sync comes while its key waits out a failure's backoff; if so the sync is
 * dropped (its nodes stay marked for the retry at the end of the backoff, which does the work),
 * so that the informer's wake-ups do not undo the backoff.
 * Deviation: client-go's `Add` of an item waiting in the delaying queue adds it at once.
 */
export function dropWhileBackingOff(core: SimulationCore, event: SimEvent): boolean {
  if (event.type !== 'DaemonSetSync' || core.backingOff.size === 0) return false;
  const until = core.backingOff.get(event.key);
  if (until === undefined) return false;
  if (core.clock >= until) {
    core.backingOff.delete(event.key);
    return false;
  }
  if (core.syncDue.get(event.key) === core.clock) core.syncDue.delete(event.key);
  if (core.syncWaiting.get(event.key) === core.clock) core.syncWaiting.delete(event.key);
  return true;
}

/** Resets the rate limiter's failure count of an item that succeeded (the work queue's `Forget`). */
export function forgetWorkItem(core: SimulationCore, event: SimEvent): void {
  if (core.failures.size === 0) return;
  const item = workItemOf(event);
  core.failures.delete(`${item.component}\u0000${item.key}`);
}

function requeueRateLimited(core: SimulationCore, event: SimEvent, item: WorkItem): number {
  const failureKey = `${item.component}\u0000${item.key}`;
  const failures = core.failures.get(failureKey) ?? 0;
  core.failures.set(failureKey, failures + 1);
  const delay = itemExponentialFailureDelay(failures);
  switch (event.type) {
    case 'DaemonSetSync':
      // The item leaves the queue: a sync that was due now no longer is.
      if (core.syncDue.get(event.key) === core.clock) core.syncDue.delete(event.key);
      if (core.syncWaiting.get(event.key) === core.clock) core.syncWaiting.delete(event.key);
      enqueueDaemonSet(core, event.key, 'all', delay);
      core.backingOff.set(event.key, core.clock + delay);
      return delay;
    case 'GarbageCollectorSync':
      core.gcDue.delete(event.uid);
      enqueueGarbageCollector(core, event.uid, delay);
      return delay;
    case 'PodGCPeriod':
      // PodGC runs on its period (`wait.Until`), not from a rate-limited queue.
      core.pushEvent(core.clock + core.podGCPeriod, event);
      return core.podGCPeriod;
    default:
      core.pushEvent(core.clock + delay, event);
      return delay;
  }
}

function report(
  core: SimulationCore,
  event: SimEvent,
  item: WorkItem,
  reason: string,
  message: string,
  delay: number,
): void {
  if (core.keepTrace)
    core.traceLog.record({
      entry: 'rejected',
      at: core.clock,
      type: `${event.type} ${item.key} [${item.component}]`,
      message: `${message}; retrying in ${delay}ms`,
    });
  const involved = involvedObjectOf(core, event);
  if (involved !== undefined) recordEvent(core, involved, 'Warning', reason, message, item.component);
}

/** The object a failed item is about, as it is stored now, for the Warning KubeEvent. */
function involvedObjectOf(core: SimulationCore, event: SimEvent): InvolvedObject | undefined {
  const store = core.store;
  switch (event.type) {
    case 'DaemonSetSync':
      return daemonSetRef(store.getDaemonSet(event.key));
    case 'GarbageCollectorSync': {
      for (const key of store.daemonSetKeys()) {
        const ds = store.getDaemonSet(key);
        if (ds?.metadata.uid === event.uid) return daemonSetRef(ds);
      }
      // The owner is gone (a background delete): the event goes on its first dependent pod.
      const dependent = store.dependentsOf(event.uid).find((ref) => ref.startsWith('Pod:'));
      return dependent === undefined ? undefined : podRef(core, dependent.slice('Pod:'.length));
    }
    case 'NodeHealthChecked': {
      const node = store.getNode(event.name);
      return node === undefined
        ? undefined
        : { kind: 'Node', apiVersion: 'v1', name: node.metadata.name, uid: node.metadata.uid };
    }
    case 'WatchDelivered':
      if (event.kind === 'DaemonSet') return daemonSetRef(store.getDaemonSet(event.key));
      if (event.kind !== 'Pod') return undefined;
      return podRef(core, event.key);
    case 'PodGCPeriod':
      return undefined;
    default:
      return 'key' in event ? podRef(core, event.key) : undefined;
  }
}

function podRef(core: SimulationCore, key: string): InvolvedObject | undefined {
  const pod = core.store.getPod(key);
  return pod === undefined ? undefined : involvedOf(pod);
}

function daemonSetRef(
  ds: { readonly metadata: { name: string; namespace: string; uid: string } } | undefined,
): InvolvedObject | undefined {
  if (ds === undefined) return undefined;
  return {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    name: ds.metadata.name,
    namespace: ds.metadata.namespace,
    uid: ds.metadata.uid,
  };
}
