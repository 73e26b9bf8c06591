import { nodeAllocatable } from './nodeAllocatable.js';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { getTargetNodeName, requiredNodeAffinityMatches } from '../../model/nodeAffinity.js';
import type { Node, Pod } from '../../model/objects.js';
import { objectKey } from '../../model/objects.js';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../../model/taints.js';
import { TAINT_NODE_UNSCHEDULABLE } from '../../model/wellKnownTaints.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import { involvedObjectOf } from '../plan.js';
import type { MutableNodeUsage, NodeUsage } from './nodeUsage.js';
import { countsOnNode, updateNodeUsage } from './nodeUsage.js';
import type { HostPort, ResourceRequests } from './podRequests.js';
import { hostPortKey, podHostPorts, podRequests } from './podRequests.js';

/** Source component of the scheduler's KubeEvents. */
export const SCHEDULER_COMPONENT = 'default-scheduler';

/** Why a node failed the filters: the plugins' reasons, and whether preemption could help. */
export interface FilterStatus {
  readonly reasons: readonly string[];
  /** `UnschedulableAndUnresolvable`: removing pods would not help. */
  readonly unresolvable: boolean;
}

const noScheduleOrNoExecute = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

/** A pod's priority (`spec.priority`, 0 when unset). Mirrors `corev1helpers.PodPriority`. */
export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/**
 * The resources the node lacks for the pod, in NodeResourcesFit's words: `Too many pods`,
 * `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`, `Insufficient <name>`.
 * Mirrors `fitsRequest` (pkg/scheduler/framework/plugins/noderesources/fit.go).
 */
export function insufficientResources(req: ResourceRequests, node: Node, usage: NodeUsage): string[] {
  const out: string[] = [];
  if (nodeAllocatable(node, 'pods') < usage.pods + 1) out.push('Too many pods');
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0)
    return out;
  if (req.milliCPU > 0 && req.milliCPU > nodeAllocatable(node, 'cpu') - usage.milliCPU)
    out.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > nodeAllocatable(node, 'memory') - usage.memory)
    out.push('Insufficient memory');
  if (
    req.ephemeralStorage > 0 &&
    req.ephemeralStorage > nodeAllocatable(node, 'ephemeral-storage') - usage.ephemeralStorage
  )
    out.push('Insufficient ephemeral-storage');
  for (const [name, v] of req.scalar)
    if (v > nodeAllocatable(node, name) - (usage.scalar.get(name) ?? 0)) out.push(`Insufficient ${name}`);
  return out;
}

/**
 * Whether one of the pod's host ports is taken on the node: same protocol and port, and the
 * same host IP or either of them `0.0.0.0`. Mirrors `fitsPorts` / `HostPortInfo.CheckConflict`
 * (pkg/scheduler/framework/plugins/nodeports, framework/types.go).
 */
export function hostPortsConflict(ports: readonly HostPort[], usage: NodeUsage): boolean {
  for (const p of ports) {
    const ips = usage.hostPorts.get(hostPortKey(p));
    if (ips === undefined || ips.size === 0) continue;
    if (p.hostIP === '0.0.0.0' || ips.has('0.0.0.0') || ips.has(p.hostIP)) return true;
  }
  return false;
}

/**
 * Runs the filter plugins on one node in upstream's order and returns the first failure:
 * NodeUnschedulable, TaintToleration (NoSchedule and NoExecute), NodeAffinity (node selector
 * and required affinity), NodePorts, NodeResourcesFit; undefined when the node fits.
 * Mirrors `frameworkImpl.RunFilterPlugins` with the default plugins of pkg/scheduler/framework/plugins.
 */
export function filterNode(pod: Pod, node: Node, usage: NodeUsage): FilterStatus | undefined {
  if (
    node.spec.unschedulable === true &&
    !tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT)
  )
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  const taint = findMatchingUntoleratedTaint(node.spec.taints, pod.spec.tolerations, noScheduleOrNoExecute);
  if (taint !== undefined)
    return {
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      unresolvable: true,
    };
  if (!requiredNodeAffinityMatches(pod.spec, node))
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  if (hostPortsConflict(podHostPorts(pod.spec), usage))
    return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  const insufficient = insufficientResources(podRequests(pod.spec), node, usage);
  if (insufficient.length > 0) return { reasons: insufficient, unresolvable: false };
  return undefined;
}

function cloneUsage(u: NodeUsage): MutableNodeUsage {
  return {
    milliCPU: u.milliCPU,
    memory: u.memory,
    ephemeralStorage: u.ephemeralStorage,
    pods: u.pods,
    scalar: new Map(u.scalar),
    hostPorts: new Map([...u.hostPorts].map(([k, v]) => [k, new Map(v)])),
  };
}

function startTime(pod: Pod): string {
  return pod.status.startTime ?? pod.metadata.creationTimestamp;
}

/**
 * The fewest lower-priority pods to remove from the node so that `pod` fits, or undefined when
 * removing all of them is not enough. Removes every lower-priority pod, then adds back
 * ("reprieves") the most important first while the pod still fits.
 * Mirrors `DefaultPreemption.SelectVictimsOnNode` (pkg/scheduler/framework/plugins/defaultpreemption).
 * Deviations: no PodDisruptionBudgets; terminating pods are never chosen as victims.
 */
export function selectVictimsOnNode(view: ClusterView, pod: Pod, node: Node): Pod[] | undefined {
  const name = node.metadata.name;
  const priority = podPriority(pod);
  const usage = cloneUsage(view.nodeUsage(name));
  const potential: Pod[] = [];
  for (const p of view.podsOnNode(name)) {
    if (p.spec.nodeName !== name || !countsOnNode(p) || p.metadata.deletionTimestamp !== undefined) continue;
    if (podPriority(p) < priority) potential.push(p);
  }
  for (const p of potential) updateNodeUsage(usage, p, -1);
  const fits = (): boolean =>
    !hostPortsConflict(podHostPorts(pod.spec), usage) &&
    insufficientResources(podRequests(pod.spec), node, usage).length === 0;
  if (!fits()) return undefined;
  // MoreImportantPod: higher priority first, then the one that started earlier.
  potential.sort(
    (a, b) =>
      podPriority(b) - podPriority(a) ||
      (startTime(a) < startTime(b) ? -1 : startTime(a) > startTime(b) ? 1 : 0) ||
      (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1),
  );
  const victims: Pod[] = [];
  for (const p of potential) {
    updateNodeUsage(usage, p, 1);
    if (!fits()) {
      updateNodeUsage(usage, p, -1);
      victims.push(p);
    }
  }
  return victims;
}

function isTerminatingByPreemption(pod: Pod): boolean {
  return (
    pod.metadata.deletionTimestamp !== undefined &&
    (pod.status.conditions ?? []).some(
      (c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler',
    )
  );
}

/**
 * One scheduling cycle for a pending pod: binds it to the first node that passes the filters
 * ({@link filterNode}), or records `FailedScheduling` with upstream's message
 * (`0/3 nodes are available: 1 Insufficient cpu, ... preemption: ...`), writes the PodScheduled
 * condition and, when lower-priority pods on a node stand in the way, preempts them: each victim
 * gets a `DisruptionTarget` condition, a `Preempted` event and a graceful delete, and the pod's
 * `status.nominatedNodeName` names the node.
 * Mirrors `schedulingCycle` (pkg/scheduler/schedule_one.go) with the default filter plugins and
 * DefaultPreemption as PostFilter.
 * Deviations: no scoring (the first feasible node by name wins); a daemon pod's `metadata.name`
 * affinity narrows the candidates to its node as NodeAffinity's PreFilter does, and the other
 * nodes are reported as not satisfying it; no PodDisruptionBudgets; `now` is the condition's
 * transition timestamp.
 */
export function schedulePod(view: ClusterView, pod: Pod, now: string): Action[] {
  const target =
    pod.spec.nodeName === undefined || pod.spec.nodeName === '' ? getTargetNodeName(pod) : undefined;
  const candidates = target !== undefined ? [target] : view.nodeNames();
  const total = view.nodeCount();
  const reasons = new Map<string, number>();
  const failed: { node: Node; status: FilterStatus }[] = [];
  for (const name of candidates) {
    const node = view.getNode(name);
    if (node === undefined) continue;
    const status = filterNode(pod, node, view.nodeUsage(name));
    if (status === undefined)
      return [{ type: 'bindPod', key: objectKey(pod.metadata), uid: pod.metadata.uid, nodeName: name }];
    failed.push({ node, status });
    for (const reason of status.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const filteredOut = total - failed.length;
  if (filteredOut > 0) reasons.set("node(s) didn't satisfy plugin(s) [NodeAffinity]", filteredOut);
  const parts = [...reasons].map(([reason, n]) => `${n} ${reason}`).sort();

  // PostFilter: DefaultPreemption.
  const actions: Action[] = [];
  let postFilter: string;
  let nominated: string | undefined;
  const nominatedNode = pod.status.nominatedNodeName;
  const nominatedFailure = failed.find((f) => f.node.metadata.name === nominatedNode);
  const blockedByTerminating =
    nominatedNode !== undefined &&
    nominatedNode !== '' &&
    nominatedFailure?.status.unresolvable !== true &&
    [...view.podsOnNode(nominatedNode)].some(
      (p) =>
        p.spec.nodeName === nominatedNode &&
        podPriority(p) < podPriority(pod) &&
        isTerminatingByPreemption(p),
    );
  if (pod.spec.preemptionPolicy === 'Never') {
    postFilter = 'preemption: not eligible due to preemptionPolicy=Never.';
  } else if (blockedByTerminating) {
    postFilter = 'preemption: not eligible due to a terminating pod on the nominated node.';
    nominated = nominatedNode;
  } else {
    const preemption = new Map<string, number>();
    if (filteredOut > 0) preemption.set('Preemption is not helpful for scheduling', filteredOut);
    let chosen: { node: Node; victims: Pod[] } | undefined;
    for (const { node, status } of failed) {
      if (status.unresolvable) {
        preemption.set(
          'Preemption is not helpful for scheduling',
          (preemption.get('Preemption is not helpful for scheduling') ?? 0) + 1,
        );
        continue;
      }
      const victims = chosen === undefined ? selectVictimsOnNode(view, pod, node) : undefined;
      if (chosen === undefined && victims !== undefined && victims.length > 0) chosen = { node, victims };
      else if (chosen === undefined)
        preemption.set(
          'No preemption victims found for incoming pod',
          (preemption.get('No preemption victims found for incoming pod') ?? 0) + 1,
        );
    }
    if (chosen !== undefined) {
      postFilter = '';
      nominated = chosen.node.metadata.name;
      for (const victim of chosen.victims) {
        const conditions = [
          ...(victim.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'PreemptionByScheduler',
            message: `${SCHEDULER_COMPONENT}: preempting to accommodate a higher priority pod`,
            lastProbeTime: null as unknown as string,
            lastTransitionTime: now,
          },
        ];
        actions.push({
          type: 'updatePod',
          pod: { ...victim, status: { ...victim.status, conditions } },
          reason: 'DisruptionTarget=True PreemptionByScheduler',
        });
        actions.push({
          type: 'recordEvent',
          involvedObject: involvedObjectOf(victim),
          eventType: 'Normal',
          reason: 'Preempted',
          message: `Preempted by pod ${pod.metadata.uid} on node ${nominated}`,
          component: SCHEDULER_COMPONENT,
        });
        actions.push({ type: 'deletePod', key: objectKey(victim.metadata), uid: victim.metadata.uid });
      }
    } else {
      const pparts = [...preemption].map(([reason, n]) => `${n} ${reason}`).sort();
      postFilter = `preemption: 0/${total} nodes are available: ${pparts.join(', ')}.`;
    }
  }
  const message = `0/${total} nodes are available: ${parts.join(', ')}.${postFilter === '' ? '' : ` ${postFilter}`}`;
  const finalMessage = total === 0 ? 'no nodes available to schedule pods' : message;
  actions.unshift({
    type: 'recordEvent',
    involvedObject: involvedObjectOf(pod),
    eventType: 'Warning',
    reason: 'FailedScheduling',
    message: finalMessage,
    component: SCHEDULER_COMPONENT,
  });
  // The failure is also written to the pod's PodScheduled condition (`updatePod` in
  // schedule_one.go's handleSchedulingFailure), with the nominated node; that pod update is what wakes its DaemonSet.
  const current =
    pod.spec.nodeName === undefined
      ? pod.status.conditions?.find((c) => c.type === 'PodScheduled')
      : undefined;
  const nominationChanged = nominated !== undefined && nominated !== pod.status.nominatedNodeName;
  if (current?.status !== 'False' || current.message !== finalMessage || nominationChanged) {
    const conditions = [
      ...(pod.status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: finalMessage,
        lastProbeTime: null as unknown as string,
        lastTransitionTime: now,
      },
    ];
    const status = {
      ...pod.status,
      conditions,
      ...(nominated === undefined ? {} : { nominatedNodeName: nominated }),
    };
    actions.splice(1, 0, {
      type: 'updatePod',
      pod: { ...pod, status },
      reason: `PodScheduled=False Unschedulable${nominationChanged ? ` nominatedNodeName=${nominated}` : ''}`,
    });
  }
  return actions;
}
