import { SCHEDULER_COMPONENT, schedulePod } from '../controllers/scheduler/schedulePod.js';
import { toTimestamp } from '../model/time.js';
import { markUnschedulable, UNSCHEDULABLE_FLUSH } from './schedulingQueue.js';
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
