import { notReadyPodStatus } from '../controllers/kubelet/kubeletPodStatus.js';
import { tryUpdateNodeHealth } from '../controllers/nodelifecycle/nodeConditions.js';
import {
  NODE_LIFECYCLE_COMPONENT,
  doNoExecuteTaintingPass,
} from '../controllers/nodelifecycle/nodeTaints.js';
import {
  TAINT_EVICTION_COMPONENT,
  taintEvictionDecision,
} from '../controllers/nodelifecycle/taintEviction.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { isPodReady } from '../model/podConditions.js';
import { toTimestamp } from '../model/time.js';
import { deletePod, writeNode, writePodStatus } from './writePath.js';
import { involvedOf, recordEvent } from './recordEvent.js';
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

/** Deletes a pod for a NoExecute taint, as `addConditionAndDeletePod` does: DisruptionTarget, an event, a graceful delete. */
function evictForTaint(core: SimulationCore, pod: Pod): void {
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
