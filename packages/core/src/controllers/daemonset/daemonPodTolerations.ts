import type { PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import type { DaemonSet } from '../../model/objects.js';
import { addOrUpdateTolerationInPodSpec } from '../../model/taints.js';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../../model/wellKnownTaints.js';

const AUTOMATIC: readonly Toleration[] = [
  { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
  { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
];
const HOST_NETWORK: Toleration = {
  key: TAINT_NODE_NETWORK_UNAVAILABLE,
  operator: 'Exists',
  effect: 'NoSchedule',
};

/**
 * The template's tolerations plus the ones every daemon pod gets, in upstream order.
 * Mirrors `AddOrUpdateDaemonPodTolerations` (pkg/controller/daemon/util/daemonset_util.go).
 * Deviation: returns the list instead of mutating the spec.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): Toleration[] {
  let tolerations: Toleration[] = spec.tolerations === undefined ? [] : [...spec.tolerations];
  for (const t of AUTOMATIC) tolerations = addOrUpdateTolerationInPodSpec(tolerations, t);
  if (spec.hostNetwork === true) tolerations = addOrUpdateTolerationInPodSpec(tolerations, HOST_NETWORK);
  return tolerations;
}

const cache = new WeakMap<object, Toleration[]>();

/**
 * The tolerations of a DaemonSet's pods, memoised per (immutable) template object because
 * eligibility is evaluated for every node on every pass; keyed by the template rather than the
 * DaemonSet, so the DaemonSet's own status writes (a new object each) keep the entry.
 */
export function daemonPodTolerations(ds: DaemonSet): readonly Toleration[] {
  const template = ds.spec.template;
  let t = cache.get(template);
  if (t === undefined) {
    t = addOrUpdateDaemonPodTolerations(template.spec ?? { containers: [] });
    cache.set(template, t);
  }
  return t;
}
