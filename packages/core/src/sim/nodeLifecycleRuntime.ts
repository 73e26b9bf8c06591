import { notReadyPodStatus } from '../controllers/kubelet/kubeletPodStatus.js';
import { tryUpdateNodeHealth } from '../controllers/nodelifecycle/nodeConditions.js';
import {
  NODE_LIFECYCLE_COMPONENT,
  doNoExecuteTaintingPass,
} from '../controllers/nodelifecycle/nodeTaints.js';
import { taintEvictionDecision } from '../controllers/nodelifecycle/taintEviction.js';
import { objectKey } from '../model/objects.js';
import { isPodReady } from '../model/podConditions.js';
import { writePodStatus } from './podWrites.js';
import { evictForTaint } from './processTaintEviction.js';
import { writeNode } from './writePath.js';
import type { SimulationCore } from './simulationCore.js';

/** `monitorNodeHealth` for one node: Unknown conditions after missed heartbeats (and pods marked not ready), then the NoExecute taints. */
export function monitorNodeHealth(core: SimulationCore, name: string): void {
  let node = core.store.getNode(name);
  if (node === undefined) return;
  const unknown = tryUpdateNodeHealth(
    node,
    core.clock,
    core.kubeletDown.get(name),
    core.nodeMonitorGracePeriod,
  );
  if (unknown !== undefined) {
    writeNode(
      core,
      node,
      { ...unknown, metadata: { ...unknown.metadata, resourceVersion: core.context.nextResourceVersion() } },
      NODE_LIFECYCLE_COMPONENT,
      'status',
    );
    // MarkPodsNotReady: the pods of an unreachable node are no longer Ready.
    const pods = [...core.store.podsOnNode(name)]
      .filter((p) => p.spec.nodeName === name)
      .sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
    for (const pod of pods) {
      if (!isPodReady(pod)) continue;
      writePodStatus(
        core,
        pod,
        notReadyPodStatus(pod, core.clock),
        NODE_LIFECYCLE_COMPONENT,
        'ready=false (node unreachable)',
      );
    }
    node = core.store.getNode(name)!;
  }
  const tainted = doNoExecuteTaintingPass(node, core.clock);
  if (tainted !== undefined)
    writeNode(
      core,
      node,
      { ...tainted, metadata: { ...tainted.metadata, resourceVersion: core.context.nextResourceVersion() } },
      NODE_LIFECYCLE_COMPONENT,
      'update',
    );
}

/** A `TaintEvictionDue`: the timer fires and the pod is evicted if its node's NoExecute taints still call for it. */
export function runTaintEviction(core: SimulationCore, key: string, uid: string): void {
  const timer = core.evictionTimers.get(key);
  if (timer === undefined || timer.uid !== uid || timer.at !== core.clock) return;
  core.evictionTimers.delete(key);
  const pod = core.store.getPod(key);
  if (pod === undefined || pod.metadata.uid !== uid) return;
  const node = pod.spec.nodeName === undefined ? undefined : core.store.getNode(pod.spec.nodeName);
  if (node === undefined || taintEvictionDecision(pod, node).kind === 'none') return;
  evictForTaint(core, pod);
}
