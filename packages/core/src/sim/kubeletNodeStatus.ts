import {
  nextMonitorPass,
  withHealthyConditions,
  withNodeCondition,
} from '../controllers/nodelifecycle/nodeConditions.js';
import { objectKey } from '../model/objects.js';
import { isPodReady } from '../model/podConditions.js';
import type { NodeConditionInput } from './simEvent.js';
import { recordKillingEvents } from './recordKubeletEvents.js';
import { restartsOf } from './kubeletRuntime.js';
import type { SimulationCore } from './simulationCore.js';
import { requireNode, writeNode } from './writePath.js';

/** The kubelet is back: it posts healthy conditions and resumes every pod bound to its node. */
export function resumeKubelet(core: SimulationCore, name: string): void {
  const node = requireNode(core, name);
  if (!core.kubeletDown.delete(name)) return;
  const healthy = withHealthyConditions(node, core.clock);
  if (healthy !== undefined)
    writeNode(
      core,
      node,
      { ...healthy, metadata: { ...healthy.metadata, resourceVersion: core.context.nextResourceVersion() } },
      'kubelet',
      'status',
    );
  core.pushEvent(nextMonitorPass(core.clock), { type: 'NodeHealthChecked', name });
  const pods = [...core.store.podsOnNode(name)]
    .filter((p) => p.spec.nodeName === name)
    .sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
  for (const pod of pods) {
    const key = objectKey(pod.metadata);
    const uid = pod.metadata.uid;
    if (pod.metadata.deletionTimestamp !== undefined) {
      recordKillingEvents(core, pod);
      core.pushEvent(core.clock + core.draw(core.latencies.termination), { type: 'PodTerminated', key, uid });
    } else if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') {
      continue;
    } else if (pod.status.phase !== 'Running' && pod.status.podIP === undefined) {
      core.pushEvent(core.clock + core.draw(core.latencies.containerStart), {
        type: 'ContainerStarted',
        key,
        uid,
      });
    } else if (!isPodReady(pod)) {
      core.pushEvent(core.clock + core.draw(core.latencies.readiness), {
        type: 'PodReady',
        key,
        uid,
        restarts: restartsOf(pod),
      });
    }
  }
}

/** `NodeHeartbeatsStopped`: the node's kubelet stops posting status; the node lifecycle controller notices after the grace period. */
export function stopKubelet(core: SimulationCore, name: string): void {
  requireNode(core, name);
  if (core.kubeletDown.has(name)) return;
  core.kubeletDown.set(name, core.clock);
  core.pushEvent(nextMonitorPass(core.clock + core.nodeMonitorGracePeriod), {
    type: 'NodeHealthChecked',
    name,
  });
}

/** `NodeConditionSet`: the kubelet posts one node condition; a Ready change is checked by the node lifecycle controller's next pass. */
export function setNodeCondition(core: SimulationCore, name: string, c: NodeConditionInput): void {
  const node = requireNode(core, name);
  const updated = withNodeCondition(node, c.type, c.status, core.clock, c.reason, c.message);
  if (updated === undefined) return;
  writeNode(
    core,
    node,
    { ...updated, metadata: { ...updated.metadata, resourceVersion: core.context.nextResourceVersion() } },
    'kubelet',
    'status',
  );
  if (c.type === 'Ready') core.pushEvent(nextMonitorPass(core.clock), { type: 'NodeHealthChecked', name });
}
