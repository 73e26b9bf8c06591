import { nodeAllocatable } from '../scheduler/nodeAllocatable.js';
import type { Node, Pod } from '../../model/objects.js';
import { requiredNodeAffinityMatches } from '../../model/nodeAffinity.js';
import type { NodeUsage } from '../scheduler/nodeUsage.js';
import { countsOnNode } from '../scheduler/nodeUsage.js';
import { podRequests, requestsAreExactCounts } from '../scheduler/podRequests.js';
import type { ImageBehaviour } from './imageBehaviour.js';

/** Why the kubelet refused a pod: the pod's `status.reason` and `status.message`. */
export interface PodRejection {
  readonly reason: string;
  readonly message: string;
}

const DEFAULT_FAIL_MESSAGE =
  'Pod was rejected: Allocate failed due to no healthy devices present; cannot allocate unhealthy devices example.com/device, which is unexpected';

/** Whether the kubelet already admitted this pod: it started (or tried to start) containers. */
function admitted(pod: Pod): boolean {
  return (
    pod.status.phase === 'Running' ||
    (pod.status.containerStatuses ?? []).some((s) => s.state?.waiting?.reason !== 'ContainerCreating')
  );
}

/**
 * The kubelet's admission of a pod bound to its node: undefined to run it, or the rejection
 * that fails it (phase Failed). Checks, in order: an image configured with `failOnNode`
 * (reason `UnexpectedAdmissionError` by default, as a device plugin's failure reads), node
 * selector and affinity (`NodeAffinity`), then the pods already admitted on the node against
 * allocatable (`OutOfpods`, `OutOfcpu`, `OutOfmemory`, `OutOf<resource>`).
 * Mirrors `Kubelet.canAdmitPod` with the `PredicateAdmitHandler` (pkg/kubelet/lifecycle/predicate.go).
 * Deviation: taints are not checked at admission; `pods` are the node's attributed pods.
 * `usage`, when given, is what every bound non-terminal pod of the node (this one included)
 * requests: when even that fits, no admitted subset can fail and the pods are not summed.
 */
export function admitPod(
  pod: Pod,
  node: Node,
  pods: Iterable<Pod>,
  behaviourOf: (image: string | undefined) => ImageBehaviour,
  usage?: NodeUsage,
): PodRejection | undefined {
  const nodeName = node.metadata.name;
  for (const c of pod.spec.containers) {
    const fail = behaviourOf(c.image).failOnNode;
    if (fail === undefined || fail === false) continue;
    const f = fail === true ? {} : fail;
    if (f.nodes !== undefined && !f.nodes.includes(nodeName)) continue;
    return { reason: f.reason ?? 'UnexpectedAdmissionError', message: f.message ?? DEFAULT_FAIL_MESSAGE };
  }
  if (!requiredNodeAffinityMatches(pod.spec, node))
    return {
      reason: 'NodeAffinity',
      message:
        "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    };
  if (usage !== undefined && fitsAll(pod, node, usage)) return undefined;
  let podsUsed = 0;
  const used = new Map<string, number>();
  for (const other of pods) {
    if (
      other.metadata.uid === pod.metadata.uid ||
      other.spec.nodeName !== nodeName ||
      !countsOnNode(other) ||
      !admitted(other)
    )
      continue;
    podsUsed++;
    const r = podRequests(other.spec);
    used.set('cpu', (used.get('cpu') ?? 0) + r.milliCPU);
    used.set('memory', (used.get('memory') ?? 0) + r.memory);
    used.set('ephemeral-storage', (used.get('ephemeral-storage') ?? 0) + r.ephemeralStorage);
    for (const [k, v] of r.scalar) used.set(k, (used.get(k) ?? 0) + v);
  }
  const reject = (resource: string, requested: number, usedAmount: number, cap: number): PodRejection => ({
    reason: `OutOf${resource}`,
    message: `Pod was rejected: Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${usedAmount}, capacity: ${cap}`,
  });
  if (podsUsed + 1 > nodeAllocatable(node, 'pods'))
    return reject('pods', 1, podsUsed, nodeAllocatable(node, 'pods'));
  const req = podRequests(pod.spec);
  const wanted: [string, number][] = [
    ['cpu', req.milliCPU],
    ['memory', req.memory],
    ['ephemeral-storage', req.ephemeralStorage],
    ...req.scalar,
  ];
  for (const [name, amount] of wanted) {
    if (amount <= 0) continue;
    const u = used.get(name) ?? 0;
    const cap = nodeAllocatable(node, name);
    if (u + amount > cap) return reject(name, amount, u, cap);
  }
  return undefined;
}

/**
 * Whether the node's whole usage (every bound, non-terminal pod, `pod` among them) is within
 * allocatable: the admitted pods other than `pod` plus `pod` are a subset of those, so with
 * non-negative integer requests (sums exact) admission cannot reject. Saves summing the node's
 * pods on every admission, which was 15 % of the kubelet's time at 5,000 nodes.
 */
function fitsAll(pod: Pod, node: Node, usage: NodeUsage): boolean {
  if (!requestsAreExactCounts() || !countsOnNode(pod) || pod.spec.nodeName !== node.metadata.name)
    return false;
  if (usage.pods > nodeAllocatable(node, 'pods')) return false;
  const req = podRequests(pod.spec);
  if (req.milliCPU > 0 && usage.milliCPU > nodeAllocatable(node, 'cpu')) return false;
  if (req.memory > 0 && usage.memory > nodeAllocatable(node, 'memory')) return false;
  if (req.ephemeralStorage > 0 && usage.ephemeralStorage > nodeAllocatable(node, 'ephemeral-storage'))
    return false;
  for (const [name, v] of req.scalar)
    if (v > 0 && (usage.scalar.get(name) ?? 0) > nodeAllocatable(node, name)) return false;
  return true;
}
