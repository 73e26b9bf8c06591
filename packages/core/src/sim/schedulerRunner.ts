import { SCHEDULER_COMPONENT, schedulePod } from '../controllers/scheduler/schedulePod.js';
import { countsOnNode } from '../controllers/scheduler/nodeUsage.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { SECOND, toTimestamp } from '../model/time.js';
import { perform } from './writePath.js';
import type { SimulationCore } from './simulationCore.js';

/** A `SchedulingAttempted`: one scheduling cycle for the pod, binding it or parking it as unschedulable. Upstream counterpart: `scheduleOne`. */
export function runScheduler(core: SimulationCore, key: string, uid: string): void {
  const pod = core.cache.getPod(key);
  if (
    pod === undefined ||
    pod.metadata.uid !== uid ||
    (pod.spec.nodeName ?? '') !== '' ||
    pod.metadata.deletionTimestamp !== undefined
  )
    return;
  const actions = schedulePod(core.cache, pod, toTimestamp(core.clock));
  for (const action of actions) perform(core, action, SCHEDULER_COMPONENT);
  if (!actions.some((a) => a.type === 'recordEvent' && a.reason === 'FailedScheduling')) return;
  const current = core.store.getPod(key);
  if (current !== undefined && current.metadata.uid === uid) markUnschedulable(core, current);
  // The scheduler flushes unschedulable pods back to its queue every 5 minutes
  // (podMaxInUnschedulablePodsDuration). Deviation: a retry is queued only when this attempt
  // changed the pod's PodScheduled condition; an identical failure parks the pod until one of
  // its node changes, which saves an endless retry that would change nothing but an event count.
  if (actions.some((a) => a.type === 'updatePod' && a.pod.metadata.uid === uid))
    core.pushEvent(core.clock + UNSCHEDULABLE_FLUSH, { type: 'SchedulingAttempted', key, uid });
}

/**
 * What the scheduler and the kubelets do after a pod leaves a node's accounting (removed, or
 * Succeeded/Failed): unschedulable pods that target the node, or no node, are tried again,
 * as the scheduler's `AssignedPodDelete` event moves them back to the active queue.
 */
export function afterPodWrite(core: SimulationCore, old: Pod, pod: Pod | undefined): void {
  const nodeName = old.spec.nodeName;
  if (nodeName === undefined || nodeName === '') return;
  const freed = pod === undefined ? countsOnNode(old) : countsOnNode(old) && !countsOnNode(pod);
  if (!freed) return;
  for (const bucket of [nodeName, '']) {
    const keys = core.unschedulableByNode.get(bucket);
    if (keys === undefined) continue;
    for (const key of [...keys].sort()) {
      const uid = core.unschedulable.get(key);
      if (uid === undefined) continue;
      clearUnschedulable(core, key);
      core.pushEvent(core.clock + core.draw(core.latencies.scheduling), {
        type: 'SchedulingAttempted',
        key,
        uid,
      });
    }
  }
}

function markUnschedulable(core: SimulationCore, pod: Pod): void {
  const key = objectKey(pod.metadata);
  clearUnschedulable(core, key);
  core.unschedulable.set(key, pod.metadata.uid);
  const target = getTargetNodeName(pod) ?? '';
  core.unschedulableTarget.set(key, target);
  let set = core.unschedulableByNode.get(target);
  if (set === undefined) {
    set = new Set();
    core.unschedulableByNode.set(target, set);
  }
  set.add(key);
}

/** Takes a pod key off the scheduler's unschedulable list. */
export function clearUnschedulable(core: SimulationCore, key: string): void {
  if (!core.unschedulable.delete(key)) return;
  const node = core.unschedulableTarget.get(key) ?? '';
  core.unschedulableTarget.delete(key);
  const set = core.unschedulableByNode.get(node);
  if (set === undefined) return;
  set.delete(key);
  if (set.size === 0) core.unschedulableByNode.delete(node);
}

/** How long an unschedulable pod waits before the scheduler tries it again. */
const UNSCHEDULABLE_FLUSH = 5 * 60 * SECOND;
