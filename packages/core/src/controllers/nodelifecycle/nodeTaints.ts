import type { Taint } from 'kubernetes-types/core/v1.js';
import type { Node } from '../../model/objects.js';
import { toTimestamp, type SimTime } from '../../model/time.js';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../../model/wellKnownTaints.js';

/** Source component of the node lifecycle controller's writes. */
export const NODE_LIFECYCLE_COMPONENT = 'node-lifecycle-controller';

/** Condition type and status to the NoSchedule taint key. Mirrors `nodeConditionToTaintKeyStatusMap`. */
const CONDITION_TAINTS: readonly (readonly [string, string, string])[] = [
  ['Ready', 'False', TAINT_NODE_NOT_READY],
  ['Ready', 'Unknown', TAINT_NODE_UNREACHABLE],
  ['MemoryPressure', 'True', TAINT_NODE_MEMORY_PRESSURE],
  ['DiskPressure', 'True', TAINT_NODE_DISK_PRESSURE],
  ['NetworkUnavailable', 'True', TAINT_NODE_NETWORK_UNAVAILABLE],
  ['PIDPressure', 'True', TAINT_NODE_PID_PRESSURE],
];
const NO_SCHEDULE_KEYS = new Set([...CONDITION_TAINTS.map((c) => c[2]), TAINT_NODE_UNSCHEDULABLE]);

function withTaints(node: Node, taints: readonly Taint[]): Node {
  const { taints: _old, ...spec } = node.spec;
  return { ...node, spec: taints.length > 0 ? { ...spec, taints: [...taints] } : spec };
}

/** Replaces the controller's taints of one effect with `wanted`, stamping new ones with `timeAdded`; undefined when nothing changes. */
function swapTaints(
  node: Node,
  isOurs: (t: Taint) => boolean,
  wanted: readonly Taint[],
  now: SimTime,
): Node | undefined {
  const current = node.spec.taints ?? [];
  const ours = current.filter(isOurs);
  const same = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;
  const toAdd = wanted.filter((w) => !ours.some((o) => same(o, w)));
  const toDel = ours.filter((o) => !wanted.some((w) => same(o, w)));
  if (toAdd.length === 0 && toDel.length === 0) return undefined;
  const kept = current.filter((t) => !toDel.includes(t));
  return withTaints(node, [...kept, ...toAdd.map((t) => ({ ...t, timeAdded: toTimestamp(now) }))]);
}

/**
 * The node with its NoSchedule taints matching its conditions and `spec.unschedulable`
 * (`not-ready`, `unreachable`, `memory-pressure`, `disk-pressure`, `pid-pressure`,
 * `network-unavailable`, `unschedulable`), or undefined when they already do.
 * Mirrors `doNoScheduleTaintingPass` (pkg/controller/nodelifecycle/node_lifecycle_controller.go),
 * run on every node update; added taints carry `timeAdded` as `SwapNodeControllerTaint` sets it.
 */
export function doNoScheduleTaintingPass(node: Node, now: SimTime): Node | undefined {
  const wanted: Taint[] = [];
  for (const c of node.status.conditions ?? []) {
    for (const [type, status, key] of CONDITION_TAINTS)
      if (c.type === type && c.status === status) wanted.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec.unschedulable === true) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  return swapTaints(node, (t) => t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key), wanted, now);
}

/**
 * The node with `not-ready:NoExecute` (Ready False) or `unreachable:NoExecute` (Ready Unknown),
 * the other one removed, or neither when Ready is True; undefined when nothing changes.
 * Mirrors `processTaintBaseEviction` and `doNoExecuteTaintingPass` with `markNodeAsReachable`.
 * Deviation: no zone-based rate limiting (`--node-eviction-rate`).
 */
export function doNoExecuteTaintingPass(node: Node, now: SimTime): Node | undefined {
  const ready = node.status.conditions?.find((c) => c.type === 'Ready')?.status;
  const wanted: Taint[] =
    ready === 'False'
      ? [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute' }]
      : ready === 'Unknown'
        ? [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' }]
        : [];
  return swapTaints(
    node,
    (t) => t.effect === 'NoExecute' && (t.key === TAINT_NODE_NOT_READY || t.key === TAINT_NODE_UNREACHABLE),
    wanted,
    now,
  );
}
