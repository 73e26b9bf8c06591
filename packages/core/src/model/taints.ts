import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';

/** The three taint effects of core/v1 `TaintEffect`. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/**
 * Whether a toleration tolerates a taint.
 * Mirrors `Toleration.ToleratesTaint` (k8s.io/api core/v1 toleration.go): the toleration's
 * effect must be empty or equal, its key empty or equal, and then `Exists` tolerates any value
 * while `Equal` (or an empty operator) needs equal values.
 * Deviation: the numeric `Lt`/`Gt` operators (feature gate TaintTolerationComparisonOperators,
 * alpha and off by default in v1.35) are not supported and, like any unknown operator, tolerate nothing.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  const effect = toleration.effect;
  if (effect !== undefined && effect !== '' && effect !== taint.effect) return false;
  const key = toleration.key;
  if (key !== undefined && key !== '' && key !== taint.key) return false;
  switch (toleration.operator) {
    case undefined:
    case '':
    case 'Equal':
      // Go compares zero-value strings: an absent value equals an empty one.
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/**
 * Whether any of the tolerations tolerates the taint.
 * Mirrors `v1helper.TolerationsTolerateTaint` (pkg/apis/core/v1/helper/helpers.go).
 */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  if (tolerations === undefined) return false;
  for (let i = 0; i < tolerations.length; i++) {
    if (toleratesTaint(tolerations[i] as Toleration, taint)) return true;
  }
  return false;
}

/**
 * The first taint that passes the filter and is not tolerated, or undefined when there is none.
 * Mirrors `v1helper.FindMatchingUntoleratedTaint` (pkg/apis/core/v1/helper/helpers.go).
 * Deviation: upstream returns `(Taint, bool)`; this returns the taint itself (not a copy) or undefined.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusionFilter: (taint: Taint) => boolean,
): Taint | undefined {
  if (taints === undefined) return undefined;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i] as Taint;
    if (inclusionFilter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/**
 * Whether two tolerations are the same toleration: equal key, operator, value and effect.
 * Mirrors `Toleration.MatchToleration` (k8s.io/api core/v1 toleration.go); `tolerationSeconds`
 * is deliberately not compared, which is what lets an added toleration replace a user's one.
 */
export function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/**
 * The toleration list with `toleration` added, replacing every entry that {@link matchToleration}s it.
 * Mirrors `v1helper.AddOrUpdateTolerationInPodSpec` (pkg/apis/core/v1/helper/helpers.go); this is
 * why a user's `tolerationSeconds` on e.g. `not-ready:NoExecute Exists` disappears from daemon pods.
 * Deviation: returns a new array instead of writing the pod spec and reporting whether it changed;
 * the input array and its tolerations are never modified.
 */
export function addOrUpdateTolerationInPodSpec(
  tolerations: readonly Toleration[] | undefined,
  toleration: Toleration,
): Toleration[] {
  const result: Toleration[] = [];
  let updated = false;
  for (const existing of tolerations ?? []) {
    if (matchToleration(toleration, existing)) {
      result.push({ ...toleration });
      updated = true;
    } else {
      result.push(existing);
    }
  }
  if (!updated) result.push({ ...toleration });
  return result;
}

/**
 * Whether two taints are the same taint: equal key and effect (a node holds at most one of each).
 * Mirrors `Taint.MatchTaint` (k8s.io/api core/v1 taint.go).
 */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/**
 * The identity of a taint on its node, `key:Effect`, for maps and sets of taints.
 * Upstream has no such function; it is the pair {@link matchTaint} compares.
 */
export function taintKey(taint: Taint): string {
  return `${taint.key}:${taint.effect}`;
}

/**
 * Renders a taint as kubectl shows it: `key=value:Effect`, or `key:Effect` without a value.
 * Mirrors `Taint.ToString` (k8s.io/api core/v1 taint.go).
 */
export function formatTaint(taint: Taint): string {
  const value = taint.value ?? '';
  return value === '' ? `${taint.key}:${taint.effect}` : `${taint.key}=${value}:${taint.effect}`;
}
