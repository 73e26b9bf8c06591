import { countsOnNode } from '../controllers/scheduler/nodeUsage.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { SECOND } from '../model/time.js';
import { JournaledSet } from './journal.js';
import type { SimulationCore } from './simulationCore.js';

// The scheduler's side of the informer handlers: which pods wait as unschedulable and when a
// write frees room for them. It only queues work; binding is the scheduler runner's.

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

/** Parks a pod on the scheduler's unschedulable list, by the node it targets, until a node change or a freed node retries it. */
export function markUnschedulable(core: SimulationCore, pod: Pod): void {
  const key = objectKey(pod.metadata);
  clearUnschedulable(core, key);
  core.unschedulable.set(key, pod.metadata.uid);
  const target = getTargetNodeName(pod) ?? '';
  core.unschedulableTarget.set(key, target);
  let set = core.unschedulableByNode.get(target);
  if (set === undefined) {
    set = new JournaledSet(core.journal);
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

/** How long an unschedulable pod waits before the scheduler tries it again (`podMaxInUnschedulablePodsDuration`). */
export const UNSCHEDULABLE_FLUSH = 5 * 60 * SECOND;
