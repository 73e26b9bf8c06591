import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { Node, Pod } from '../../model/objects.js';
import { toleratesTaint } from '../../model/taints.js';

/** Source component of taint-based evictions. */
export const TAINT_EVICTION_COMPONENT = 'taint-eviction-controller';

/** What the taint eviction controller does with one pod on its node. */
export type TaintEvictionDecision =
  /** No NoExecute taint, or every one tolerated forever: cancel any scheduled eviction. */
  | { readonly kind: 'none' }
  /** A NoExecute taint is not tolerated: delete now. */
  | { readonly kind: 'now' }
  /** Every NoExecute taint tolerated, the shortest for this many ms. */
  | { readonly kind: 'after'; readonly ms: number };

/**
 * The tolerations used against the taints (the first that tolerates each) and whether all are
 * tolerated. Mirrors `v1helper.GetMatchingTolerations` (pkg/apis/core/v1/helper/helpers.go).
 */
export function getMatchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((tol) => toleratesTaint(tol, taint));
    if (t === undefined) return { allTolerated: false, used: [] };
    used.push(t);
  }
  return { allTolerated: true, used };
}

/**
 * The shortest `tolerationSeconds` among the tolerations in ms; 0 for none given or one ≤ 0,
 * -1 when all are unbounded. Mirrors `getMinTolerationTime` (pkg/controller/tainteviction/taint_eviction.go).
 */
export function getMinTolerationTime(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}

/**
 * What to do with a pod given its node's NoExecute taints.
 * Mirrors `Controller.processPodOnNode` (pkg/controller/tainteviction/taint_eviction.go).
 * The caller keeps the timers: a pod already scheduled keeps its earlier start, as upstream's
 * `taintEvictionQueue` does.
 */
export function taintEvictionDecision(pod: Pod, node: Node): TaintEvictionDecision {
  const taints = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) return { kind: 'none' };
  const { allTolerated, used } = getMatchingTolerations(taints, pod.spec.tolerations);
  if (!allTolerated) return { kind: 'now' };
  const min = getMinTolerationTime(used);
  if (min < 0) return { kind: 'none' };
  if (min === 0) return { kind: 'now' };
  return { kind: 'after', ms: min };
}
