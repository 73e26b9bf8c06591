import type { DaemonSet } from '../model/objects.js';

/** What one `rollout status` check reports: the message to print and whether the rollout is done. */
export interface RolloutStatus {
  readonly done: boolean;
  /** The text kubectl prints, ending in a newline as upstream's does. */
  readonly message: string;
}

/** The error `kubectl rollout status` gives for a DaemonSet whose strategy is not RollingUpdate. */
export const ROLLOUT_STATUS_ONLY_ROLLING_UPDATE =
  'rollout status is only available for RollingUpdate strategy type';

/**
 * One `kubectl rollout status ds/<name>` check: waiting for the spec update to be observed,
 * for new pods to be updated, for updated pods to become available, or done.
 * Mirrors `DaemonSetStatusViewer.Status` (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go).
 * @throws Error with upstream's message `rollout status is only available for RollingUpdate strategy type`
 * for an OnDelete DaemonSet.
 */
export function rolloutStatus(ds: DaemonSet): RolloutStatus {
  if (ds.spec.updateStrategy.type !== 'RollingUpdate') throw new Error(ROLLOUT_STATUS_ONLY_ROLLING_UPDATE);
  const status = ds.status;
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  if (ds.metadata.generation <= (status.observedGeneration ?? 0)) {
    if (updated < desired)
      return {
        done: false,
        message: `Waiting for daemon set ${goQuote(ds.metadata.name)} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
      };
    if (available < desired)
      return {
        done: false,
        message: `Waiting for daemon set ${goQuote(ds.metadata.name)} rollout to finish: ${available} of ${desired} updated pods are available...\n`,
      };
    return { done: true, message: `daemon set ${goQuote(ds.metadata.name)} successfully rolled out\n` };
  }
  return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
}

/** Go's `%q` for the characters object names can hold. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
