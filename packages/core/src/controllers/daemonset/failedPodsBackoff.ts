import type { DaemonSet } from '../../model/objects.js';
import { FAILED_PODS_BACKOFF_INITIAL, FAILED_PODS_BACKOFF_MAX } from './constants.js';
import type { FailedPodsBackoffSettings } from './daemonSetControllerOptions.js';

const KUBE_CONTROLLER_MANAGER: FailedPodsBackoffSettings = {
  initial: FAILED_PODS_BACKOFF_INITIAL,
  max: FAILED_PODS_BACKOFF_MAX,
};

/** One per-item backoff entry: the current delay and when it last advanced. */
export interface BackoffEntry {
  readonly delay: number;
  readonly lastUpdate: number;
}

/**
 * The backoff key of failed daemon pods on one node; a new observed generation starts afresh.
 * Mirrors `failedPodsBackoffKey` (pkg/controller/daemon/daemon_controller.go).
 */
export function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return `${ds.metadata.uid}/${ds.status.observedGeneration ?? 0}/${nodeName}`;
}

function hasExpired(now: number, lastUpdate: number, max: number): boolean {
  return now - lastUpdate > 2 * max;
}

/**
 * Whether less than the current delay has passed since the entry last advanced.
 * Mirrors `Backoff.IsInBackOffSinceUpdate` (client-go util/flowcontrol/backoff.go); an entry
 * expires after twice the cap, as upstream's `hasExpired`.
 */
export function isInBackOffSinceUpdate(
  entry: BackoffEntry | undefined,
  now: number,
  settings: FailedPodsBackoffSettings = KUBE_CONTROLLER_MANAGER,
): boolean {
  if (entry === undefined || hasExpired(now, entry.lastUpdate, settings.max)) return false;
  return now - entry.lastUpdate < entry.delay;
}

/**
 * The entry after one more failure: the initial delay for a new or expired entry, else double,
 * capped at `settings.max`. Mirrors `Backoff.Next` with kube-controller-manager's 1 s / 15 min
 * by default, no jitter.
 */
export function nextBackoff(
  entry: BackoffEntry | undefined,
  now: number,
  settings: FailedPodsBackoffSettings = KUBE_CONTROLLER_MANAGER,
): BackoffEntry {
  if (entry === undefined || hasExpired(now, entry.lastUpdate, settings.max))
    return { delay: settings.initial, lastUpdate: now };
  return { delay: Math.min(entry.delay * 2, settings.max), lastUpdate: now };
}
