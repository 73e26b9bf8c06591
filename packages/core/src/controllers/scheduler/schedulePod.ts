import type { Taint } from 'kubernetes-types/core/v1.js';
import { getTargetNodeName, requiredNodeAffinityMatches } from '../../model/nodeAffinity.js';
import type { Node, Pod } from '../../model/objects.js';
import { objectKey } from '../../model/objects.js';
import { findMatchingUntoleratedTaint } from '../../model/taints.js';
import { TAINT_NODE_UNSCHEDULABLE } from '../../model/wellKnownTaints.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import { involvedObjectOf } from '../plan.js';

/** Source component of the scheduler's KubeEvents. */
export const SCHEDULER_COMPONENT = 'default-scheduler';

const noScheduleOrNoExecute = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** Why a node cannot take the pod, in the scheduler's words, or undefined when it fits. */
function filter(pod: Pod, node: Node): string | undefined {
  if (node.spec.unschedulable === true && !pod.spec.tolerations?.some((t) => (t.key === TAINT_NODE_UNSCHEDULABLE || (t.key ?? '') === '' && t.operator === 'Exists') && (t.effect ?? 'NoSchedule') === 'NoSchedule')) {
    return 'node(s) were unschedulable';
  }
  if (!requiredNodeAffinityMatches(pod.spec, node)) return "node(s) didn't match Pod's node affinity/selector";
  const taint = findMatchingUntoleratedTaint(node.spec.taints, pod.spec.tolerations, noScheduleOrNoExecute);
  if (taint !== undefined) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  return undefined;
}

/**
 * One scheduling cycle for a pending pod: binds it to the first node that passes the filters
 * (node unschedulable, node affinity and selector, NoSchedule/NoExecute taints), or records
 * `FailedScheduling` and leaves it Pending.
 * Mirrors the default scheduler's filter plugins NodeUnschedulable, NodeAffinity and
 * TaintToleration (pkg/scheduler/framework/plugins) and its `FailedScheduling` message.
 * Deviations: resources, host ports and preemption come with the scheduler's next iteration;
 * a daemon pod's `metadata.name` affinity narrows the candidates to its node as upstream's
 * NodeAffinity PreFilter does, and the other nodes are reported as not satisfying it;
 * among several feasible nodes the first by name wins (no scoring). `now` is the condition's
 * transition timestamp.
 */
export function schedulePod(view: ClusterView, pod: Pod, now: string): Action[] {
  const target = pod.spec.nodeName === undefined || pod.spec.nodeName === '' ? getTargetNodeName(pod) : undefined;
  const candidates = target !== undefined ? [target] : view.nodeNames();
  const total = view.nodeCount();
  const reasons = new Map<string, number>();
  for (const name of candidates) {
    const node = view.getNode(name);
    if (node === undefined) continue;
    const reason = filter(pod, node);
    if (reason === undefined) return [{ type: 'bindPod', key: objectKey(pod.metadata), uid: pod.metadata.uid, nodeName: name }];
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const filteredOut = total - [...reasons.values()].reduce((a, b) => a + b, 0);
  if (filteredOut > 0) reasons.set("node(s) didn't satisfy plugin(s) [NodeAffinity]", filteredOut);
  const parts = [...reasons].map(([reason, n]) => `${n} ${reason}`).sort();
  const message = `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  const finalMessage = total === 0 ? 'no nodes available to schedule pods' : message;
  const actions: Action[] = [
    {
      type: 'recordEvent',
      involvedObject: involvedObjectOf(pod),
      eventType: 'Warning',
      reason: 'FailedScheduling',
      message: finalMessage,
      component: SCHEDULER_COMPONENT,
    },
  ];
  // The failure is also written to the pod's PodScheduled condition (`updatePod` in
  // schedule_one.go's handleSchedulingFailure); that pod update is what wakes its DaemonSet.
  const current = pod.spec.nodeName === undefined ? pod.status.conditions?.find((c) => c.type === 'PodScheduled') : undefined;
  if (current?.status !== 'False' || current.message !== finalMessage) {
    const conditions = [
      ...(pod.status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: finalMessage, lastProbeTime: null as unknown as string, lastTransitionTime: now },
    ];
    actions.push({ type: 'updatePod', pod: { ...pod, status: { ...pod.status, conditions } }, reason: 'PodScheduled=False Unschedulable' });
  }
  return actions;
}
