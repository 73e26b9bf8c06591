import type { DaemonSet } from '../../model/objects.js';
import { FAILED_PODS_BACKOFF_INITIAL, FAILED_PODS_BACKOFF_MAX } from './constants.js';

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

function hasExpired(now: number, lastUpdate: number): boolean {
  return now - lastUpdate > 2 * FAILED_PODS_BACKOFF_MAX;
}

/**
 * Whether less than the current delay has passed since the entry last advanced.
 * Mirrors `Backoff.IsInBackOffSinceUpdate` (client-go util/flowcontrol/backoff.go).
 */
export function isInBackOffSinceUpdate(entry: BackoffEntry | undefined, now: number): boolean {
  if (entry === undefined || hasExpired(now, entry.lastUpdate)) return false;
  return now - entry.lastUpdate < entry.delay;
}

/**
 * The entry after one more failure: the initial delay for a new or expired entry, else double,
 * capped at 15 minutes. Mirrors `Backoff.Next` with kube-controller-manager's 1 s / 15 min, no jitter.
 */
export function nextBackoff(entry: BackoffEntry | undefined, now: number): BackoffEntry {
  if (entry === undefined || hasExpired(now, entry.lastUpdate))
    return { delay: FAILED_PODS_BACKOFF_INITIAL, lastUpdate: now };
  return { delay: Math.min(entry.delay * 2, FAILED_PODS_BACKOFF_MAX), lastUpdate: now };
}
