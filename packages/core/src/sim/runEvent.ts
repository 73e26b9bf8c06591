import { applyManifest } from './applyManifest.js';
import { runDaemonSetSync } from './daemonSetRunner.js';
import { runGarbageCollector } from './garbageCollectorRunner.js';
import { deliver } from './handlers.js';
import { runInformerResync } from './informerResync.js';
import { runInformerRelist } from './relistInformer.js';
import { runKubelet } from './kubeletRuntime.js';
import { resumeKubelet, setNodeCondition, stopKubelet } from './kubeletNodeStatus.js';
import { changeNode } from './newNode.js';
import { monitorNodeHealth, runTaintEviction } from './nodeLifecycleRuntime.js';
import { runPodGC } from './podGCRunner.js';
import { runReadinessProbe } from './proberRuntime.js';
import { runContainerProbe } from './containerProbeRuntime.js';
import { finishProbeKill } from './probeKillRuntime.js';
import { runScheduler } from './schedulerRunner.js';
import { SimulationError } from '../errors.js';
import type { Queued } from './eventQueue.js';
import {
  dropWhileBackingOff,
  forgetWorkItem,
  handleCrash,
  isRequestEvent,
  parkLivelock,
} from './handleCrash.js';
import type { LivelockGuard } from './livelockGuard.js';
import type { SimEvent } from './simEvent.js';
import { describeSimEvent } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import { isBackgroundEvent } from './simulationCore.js';
import { deleteDaemonSet } from './deleteDaemonSet.js';
import { addNode, deletePodRequest, removeNode, requireNode, writeNode } from './writePath.js';

/**
 * Runs one event's work: the request it carries, or the component it wakes. The event loop's
 * dispatch; upstream has none, since there each component is its own process reacting to watches.
 */
function processEvent(core: SimulationCore, event: SimEvent): void {
  switch (event.type) {
    case 'NodeAdded':
      return addNode(core, event.node);
    case 'NodeRemoved':
      return removeNode(core, event.name);
    case 'NodeUpdated': {
      const node = requireNode(core, event.name);
      return writeNode(core, node, changeNode(node, event.change, core.context), 'user', 'update');
    }
    case 'ManifestApplied':
      return applyManifest(core, event.manifest);
    case 'DaemonSetDeleted':
      return deleteDaemonSet(core, event.namespace, event.name, event.propagationPolicy);
    case 'PodDeleted':
      return deletePodRequest(core, event);
    case 'DaemonSetSync':
      runDaemonSetSync(core, event.key);
      return;
    case 'GarbageCollectorSync':
      return runGarbageCollector(core, event.uid);
    case 'PodGCPeriod':
      return runPodGC(core);
    case 'InformerResync':
      return runInformerResync(core);
    case 'InformerRelist':
      return runInformerRelist(core, event.kind);
    case 'SchedulingAttempted':
      return runScheduler(core, event.key, event.uid);
    case 'ContainerStarted':
    case 'PodReady':
    case 'PodTerminated':
    case 'ContainerExited':
    case 'ContainerBackedOff':
    case 'ContainerRestarted':
    case 'ImagePullBackedOff':
    case 'ImagePullRetried':
      return runKubelet(core, event);
    case 'ReadinessProbeFailed':
      return runReadinessProbe(core, event);
    case 'ContainerProbed':
      return runContainerProbe(core, event);
    case 'ContainerKilled':
      return finishProbeKill(core, event);
    case 'NodeHeartbeatsStopped':
      return stopKubelet(core, event.name);
    case 'NodeHeartbeatsResumed':
      return resumeKubelet(core, event.name);
    case 'NodeConditionSet':
      return setNodeCondition(core, event.name, event.condition);
    case 'NodeHealthChecked':
      return monitorNodeHealth(core, event.name);
    case 'TaintEvictionDue':
      return runTaintEviction(core, event.key, event.uid);
    case 'WatchDelivered':
      return deliver(core, event.kind, event.key, event.object);
  }
}

/**
 * Runs one popped event: moves the clock, traces it, admits it past the livelock guard, and
 * commits its writes or rolls them back. True when it ran or was dropped; a recovered failure
 * (a component that threw) comes back as its error; a rejected request rethrows.
 */
export function runEvent(
  core: SimulationCore,
  guard: LivelockGuard,
  next: Queued<SimEvent>,
): true | SimulationError {
  const event = next.item;
  // An event due before a clock set past it (`setClock`) runs late, at the current time.
  if (next.at > core.clock) core.clock = next.at;
  if (!isBackgroundEvent(event)) core.busyEvents--;
  if (dropWhileBackingOff(core, event)) return true;
  if (core.keepTrace && (!isQuietEvent(event) || (core.traceDeliveries && event.type === 'WatchDelivered')))
    core.traceLog.record({
      entry: 'event',
      at: core.clock,
      seq: next.seq,
      type: event.type,
      detail: describeSimEvent(event),
    });
  const request = isRequestEvent(event);
  const livelock = guard.admit(core.clock, event, request);
  if (livelock !== undefined) return parkLivelock(core, event, livelock);
  core.beginEvent();
  try {
    processEvent(core, event);
  } catch (error) {
    core.rollbackEvent();
    if (!request) return handleCrash(core, event, error);
    if (error instanceof SimulationError && core.keepTrace)
      core.traceLog.record({ entry: 'rejected', at: core.clock, type: event.type, message: error.message });
    throw error;
  }
  core.commitEvent();
  // A DaemonSet that woke itself again at this instant, or whose pass failed on an API error or
  // was deferred, has not settled: its failures stay counted.
  if (event.type !== 'DaemonSetSync') forgetWorkItem(core, event);
  else if (core.syncError === undefined && guard.synced(core, event.key)) forgetWorkItem(core, event);
  return true;
}

/**
 * PodGC's periods are traced only when they write something, so idle clusters stay quiet;
 * watch deliveries are traced only when asked (`traceWatchDeliveries`); the handler work they cause always is.
 */
function isQuietEvent(event: SimEvent): boolean {
  return event.type === 'PodGCPeriod' || event.type === 'WatchDelivered';
}
