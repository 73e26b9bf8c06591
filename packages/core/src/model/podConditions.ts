import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Pod } from './objects.js';
import { parseTimestamp, type SimTime } from './time.js';

/**
 * The pod's `Ready` condition, or undefined when it has none.
 * Mirrors `GetPodReadyCondition` (pkg/api/v1/pod/util.go): the first condition of type Ready.
 */
export function getPodReadyCondition(status: PodStatus | undefined): PodCondition | undefined {
  const conditions = status?.conditions;
  if (conditions === undefined) return undefined;
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i] as PodCondition;
    if (condition.type === 'Ready') return condition;
  }
  return undefined;
}

/**
 * Whether the pod's Ready condition is True.
 * Mirrors `IsPodReady` (pkg/api/v1/pod/util.go).
 */
export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod.status)?.status === 'True';
}

/**
 * Whether the pod has been ready for at least `minReadySeconds` at `now`.
 * Mirrors `IsPodAvailable` (pkg/api/v1/pod/util.go) in its v1.34+ inclusive form: ready, and
 * either `minReadySeconds` is 0 or the Ready condition's `lastTransitionTime` is set and
 * `lastTransitionTime + minReadySeconds <= now`. A ready pod without a transition time is
 * therefore never available when `minReadySeconds > 0`.
 * Deviation: `now` is simulated time; before v1.34 upstream used a strict `<`.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: SimTime): boolean {
  const condition = getPodReadyCondition(pod.status);
  if (condition?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const since = condition.lastTransitionTime;
  if (since === undefined || since === '') return false;
  return parseTimestamp(since) + minReadySeconds * 1000 <= now;
}

/**
 * When a ready pod that is not yet available at `now` becomes available by time alone, or
 * undefined when it is available already or time alone will not make it so.
 * Upstream has no counterpart: incremental passes use it to revisit a node whose pods turn
 * available while nothing else happens there, as a full pass over every node would notice.
 */
export function becomesAvailableAt(pod: Pod, minReadySeconds: number, now: SimTime): SimTime | undefined {
  if (minReadySeconds === 0) return undefined;
  const condition = getPodReadyCondition(pod.status);
  const since = condition?.lastTransitionTime;
  if (condition?.status !== 'True' || since === undefined || since === '') return undefined;
  const at = parseTimestamp(since) + minReadySeconds * 1000;
  return at > now ? at : undefined;
}

/**
 * Whether the pod has finished for good: phase Failed or Succeeded.
 * Mirrors `podutil.IsPodTerminal` (pkg/api/v1/pod/util.go).
 */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/**
 * Whether deletion of the pod has been requested (`deletionTimestamp` is set).
 * Mirrors the `pod.DeletionTimestamp != nil` checks of the controllers (e.g. pkg/controller/daemon).
 */
export function podIsTerminating(pod: Pod): boolean {
  const deletionTimestamp = pod.metadata.deletionTimestamp;
  return deletionTimestamp !== undefined && deletionTimestamp !== null;
}
