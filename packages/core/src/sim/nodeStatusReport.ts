import type { NodeCondition } from 'kubernetes-types/core/v1.js';
import { KUBELET_CONDITION_TYPES } from '../controllers/nodelifecycle/nodeConditions.js';
import type { Node } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import { MINUTE, SECOND, parseTimestamp, toTimestamp } from '../model/time.js';

/** The kubelet's `nodeStatusReportFrequency` (5 min): how often it posts an unchanged node status. */
export const NODE_STATUS_REPORT_FREQUENCY = 5 * MINUTE;

/** The kubelet's `nodeStatusUpdateFrequency` (10 s): the tick of its node status loop. */
const NODE_STATUS_UPDATE_FREQUENCY = 10 * SECOND;

/**
 * The node as its kubelet's latest status report left it: every kubelet condition's
 * `lastHeartbeatTime` is the last report, the kubelet posting an unchanged status on the first
 * tick of its 10-second status loop (counted from registration) at least 5 minutes after the
 * previous one, up to now or, while the kubelet is down, up to when it stopped. The stored
 * heartbeat (the last status write) is where the reports start; transition times are as stored.
 * Returns `node` itself when nothing moves.
 * Mirrors the kubelet's `tryUpdateNodeStatus` with `nodeStatusReportFrequency`
 * (pkg/kubelet/kubelet_node_status.go), whose setters stamp every condition's heartbeat.
 * Deviation: computed where the node is read (the API server's GET and LIST) rather than
 * written: the reports are not writes (no resourceVersion change, no watch event, no trace).
 */
export function reportedNodeStatus(node: Node, now: SimTime, heartbeatsStoppedAt: SimTime | undefined): Node {
  const conditions = node.status.conditions;
  if (conditions === undefined) return node;
  let last = -Infinity;
  for (const c of conditions)
    if (KUBELET_CONDITION_TYPES.includes(c.type) && c.lastHeartbeatTime !== undefined)
      last = Math.max(last, parseTimestamp(c.lastHeartbeatTime));
  if (last === -Infinity) return node;
  const created = parseTimestamp(node.metadata.creationTimestamp);
  const until = heartbeatsStoppedAt ?? now;
  const tick = NODE_STATUS_UPDATE_FREQUENCY;
  const first = created + Math.ceil((last + NODE_STATUS_REPORT_FREQUENCY - created) / tick) * tick;
  const reported =
    until < first
      ? last
      : first + Math.floor((until - first) / NODE_STATUS_REPORT_FREQUENCY) * NODE_STATUS_REPORT_FREQUENCY;
  const heartbeat = toTimestamp(reported);
  const stale = (c: NodeCondition): boolean =>
    KUBELET_CONDITION_TYPES.includes(c.type) && c.lastHeartbeatTime !== heartbeat;
  if (!conditions.some(stale)) return node;
  return {
    ...node,
    status: {
      ...node.status,
      conditions: conditions.map((c) => (stale(c) ? { ...c, lastHeartbeatTime: heartbeat } : c)),
    },
  };
}
