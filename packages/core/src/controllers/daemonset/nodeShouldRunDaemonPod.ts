import type { Taint } from 'kubernetes-types/core/v1.js';
import { requiredNodeAffinityMatches } from '../../model/nodeAffinity.js';
import type { DaemonSet, Node } from '../../model/objects.js';
import { findMatchingUntoleratedTaint } from '../../model/taints.js';
import { daemonPodTolerations } from './daemonPodTolerations.js';

/** Whether a node should get a daemon pod, and whether an existing one may stay. */
export interface ShouldRun {
  /** If there is no daemon pod on the node, one should be created. */
  readonly shouldRun: boolean;
  /** If a daemon pod is on the node, it may keep running. */
  readonly shouldContinueRunning: boolean;
}

const BOTH: ShouldRun = { shouldRun: true, shouldContinueRunning: true };
const NEITHER: ShouldRun = { shouldRun: false, shouldContinueRunning: false };
const CONTINUE_ONLY: ShouldRun = { shouldRun: false, shouldContinueRunning: true };

const noScheduleOrNoExecute = (t: Taint): boolean => t.effect === 'NoExecute' || t.effect === 'NoSchedule';
const noExecute = (t: Taint): boolean => t.effect === 'NoExecute';

/**
 * Decides daemon pod placement for one node: template nodeName, node selector and required
 * node affinity, then NoSchedule/NoExecute taints against the template's tolerations plus the
 * automatic daemon tolerations.
 * Mirrors `NodeShouldRunDaemonPod` and `predicates` (pkg/controller/daemon/daemon_controller.go).
 * Deviation: evaluates the template directly instead of building a probe pod, which is the
 * same decision without the allocation (the probe's only additions are the tolerations).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): ShouldRun {
  const spec = ds.spec.template.spec;
  if (spec === undefined) return NEITHER;
  if (spec.nodeName !== undefined && spec.nodeName !== '' && spec.nodeName !== node.metadata.name)
    return NEITHER;
  if (!requiredNodeAffinityMatches(spec, node)) return NEITHER;
  const taints = node.spec.taints;
  if (taints === undefined || taints.length === 0) return BOTH;
  const tolerations = daemonPodTolerations(ds);
  if (findMatchingUntoleratedTaint(taints, tolerations, noScheduleOrNoExecute) === undefined) return BOTH;
  return findMatchingUntoleratedTaint(taints, tolerations, noExecute) === undefined ? CONTINUE_ONLY : NEITHER;
}
