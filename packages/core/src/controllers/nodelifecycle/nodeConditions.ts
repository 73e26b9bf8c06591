import type { NodeCondition } from 'kubernetes-types/core/v1.js';
import type { Node } from '../../model/objects.js';
import { toTimestamp, type SimTime } from '../../model/time.js';

/** The conditions the kubelet posts and the node lifecycle controller turns Unknown. Mirrors `nodeConditionTypes` in node_lifecycle_controller.go. */
export const KUBELET_CONDITION_TYPES: readonly string[] = [
  'Ready',
  'MemoryPressure',
  'DiskPressure',
  'PIDPressure',
];

/** Upstream's default `--node-monitor-period`: how often node health is checked. */
export const NODE_MONITOR_PERIOD = 5_000;
/**
 * Upstream's default `--node-monitor-grace-period`: how long a node may miss heartbeats before
 * its conditions turn Unknown. 50 s since Kubernetes 1.32 (40 s before).
 */
export const NODE_MONITOR_GRACE_PERIOD = 50_000;

const HEALTHY: Readonly<Record<string, readonly [string, string, string]>> = {
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
};

/** The node's condition of `type`, if any. */
export function nodeCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status.conditions?.find((c) => c.type === type);
}

/**
 * The node with condition `type` set to `status` (reason and message as given), keeping the
 * transition time when the status does not change; undefined when nothing changes.
 * Mirrors the kubelet's `setNodeStatus` condition setters (pkg/kubelet/nodestatus/setters.go).
 */
export function withNodeCondition(
  node: Node,
  type: string,
  status: string,
  now: SimTime,
  reason?: string,
  message?: string,
): Node | undefined {
  const timestamp = toTimestamp(now);
  const conditions = [...(node.status.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === type);
  const old = i >= 0 ? conditions[i] : undefined;
  const healthy = HEALTHY[type];
  const r =
    reason ??
    (healthy !== undefined && healthy[0] === status
      ? healthy[1]
      : status === 'True'
        ? type
        : `${type}${status}`);
  const m = message ?? (healthy !== undefined && healthy[0] === status ? healthy[2] : '');
  if (old !== undefined && old.status === status && old.reason === r && old.message === m) return undefined;
  const next: NodeCondition = {
    type,
    status,
    lastHeartbeatTime: timestamp,
    lastTransitionTime:
      old !== undefined && old.status === status ? (old.lastTransitionTime ?? timestamp) : timestamp,
    reason: r,
    message: m,
  };
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  return { ...node, status: { ...node.status, conditions } };
}

/**
 * The node with every kubelet condition back to its healthy value, as the kubelet's first
 * status update after it comes back posts them; undefined when nothing changes.
 */
export function withHealthyConditions(node: Node, now: SimTime): Node | undefined {
  let current = node;
  let changed = false;
  for (const type of KUBELET_CONDITION_TYPES) {
    const h = HEALTHY[type]!;
    const next = withNodeCondition(current, type, h[0], now, h[1], h[2]);
    if (next !== undefined) {
      current = next;
      changed = true;
    }
  }
  return changed ? current : undefined;
}

/**
 * The node after the controller notices that its kubelet stopped posting status more than
 * the grace period ago: every kubelet condition Unknown, reason `NodeStatusUnknown`, message
 * `Kubelet stopped posting node status.`; undefined when they already are, or the grace period
 * has not passed. Mirrors `tryUpdateNodeHealth` (pkg/controller/nodelifecycle/node_lifecycle_controller.go).
 * Deviation: the last heartbeat is the moment heartbeats stopped (no lease renewal interval).
 */
export function tryUpdateNodeHealth(
  node: Node,
  now: SimTime,
  heartbeatsStoppedAt: SimTime | undefined,
  gracePeriod = NODE_MONITOR_GRACE_PERIOD,
): Node | undefined {
  if (heartbeatsStoppedAt === undefined || now <= heartbeatsStoppedAt + gracePeriod) return undefined;
  const timestamp = toTimestamp(now);
  let changed = false;
  const conditions = (node.status.conditions ?? []).map((c) => {
    if (!KUBELET_CONDITION_TYPES.includes(c.type) || c.status === 'Unknown') return c;
    changed = true;
    return {
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: timestamp,
    };
  });
  return changed ? { ...node, status: { ...node.status, conditions } } : undefined;
}

/** The first node-monitor pass strictly after `at`: passes run on a fixed 5 s grid. */
export function nextMonitorPass(at: SimTime, period = NODE_MONITOR_PERIOD): SimTime {
  return (Math.floor(at / period) + 1) * period;
}
