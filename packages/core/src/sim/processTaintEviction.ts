import {
  TAINT_EVICTION_COMPONENT,
  taintEvictionDecision,
} from '../controllers/nodelifecycle/taintEviction.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { toTimestamp } from '../model/time.js';
import { deletePod, writePodStatus } from './podWrites.js';
import { involvedOf, recordEvent } from './recordEvent.js';
import type { SimulationCore } from './simulationCore.js';

// The taint eviction controller's reaction to a pod or node write. It sits in the write path,
// above the pod writes, because upstream's controller evicts at once when a NoExecute taint is
// not tolerated: that eviction is part of the same instant's writes, in this order.

/** `processPodOnNode` of the taint eviction controller: evict now, start a timer, or cancel one. */
export function processTaintEviction(core: SimulationCore, pod: Pod): void {
  const key = objectKey(pod.metadata);
  const nodeName = pod.spec.nodeName;
  const node = nodeName === undefined ? undefined : core.store.getNode(nodeName);
  if (node === undefined || pod.metadata.deletionTimestamp !== undefined) {
    core.evictionTimers.delete(key);
    return;
  }
  const decision = taintEvictionDecision(pod, node);
  if (decision.kind === 'none') {
    core.evictionTimers.delete(key);
    return;
  }
  if (decision.kind === 'now') {
    core.evictionTimers.delete(key);
    evictForTaint(core, pod);
    return;
  }
  const existing = core.evictionTimers.get(key);
  // An eviction already scheduled keeps its start (upstream's taintEvictionQueue).
  if (existing !== undefined && existing.uid === pod.metadata.uid) return;
  const at = core.clock + decision.ms;
  core.evictionTimers.set(key, { uid: pod.metadata.uid, at, createdAt: core.clock });
  core.pushEvent(at, { type: 'TaintEvictionDue', key, uid: pod.metadata.uid });
}

/** Deletes a pod for a NoExecute taint, as `addConditionAndDeletePod` does: DisruptionTarget, an event, a graceful delete. */
export function evictForTaint(core: SimulationCore, pod: Pod): void {
  if (pod.metadata.deletionTimestamp !== undefined) return;
  const key = objectKey(pod.metadata);
  recordEvent(
    core,
    involvedOf(pod),
    'Normal',
    'TaintManagerEviction',
    `Marking for deletion Pod ${key}`,
    TAINT_EVICTION_COMPONENT,
  );
  const conditions = [
    ...(pod.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
    {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: toTimestamp(core.clock),
    },
  ];
  writePodStatus(
    core,
    pod,
    { ...pod.status, conditions },
    TAINT_EVICTION_COMPONENT,
    'DisruptionTarget=True DeletionByTaintManager',
  );
  const current = core.store.getPod(key);
  if (current !== undefined) deletePod(core, current, TAINT_EVICTION_COMPONENT, false);
}
