import type { SimTime } from '../../model/time.js';

/** The kubelet's container restart backoff: 10 s initial. Mirrors `initialBackOff` (pkg/kubelet/kubelet.go). */
export const CRASH_LOOP_INITIAL_BACKOFF = 10_000;
/** The cap: 5 min. Mirrors `MaxContainerBackOff` (pkg/kubelet/kubelet.go). */
export const CRASH_LOOP_MAX_BACKOFF = 300_000;

/** One container's backoff entry. Mirrors client-go flowcontrol `backoffEntry`. */
export interface BackoffEntry {
  readonly backoff: number;
  readonly lastUpdate: SimTime;
}

/** An entry older than twice the cap is forgotten. Mirrors flowcontrol's `hasExpired`. */
function hasExpired(eventTime: SimTime, lastUpdate: SimTime, max: number): boolean {
  return eventTime - lastUpdate > 2 * max;
}

/**
 * Whether a container that exited at `finishedAt` is still in its backoff window at `now`.
 * Mirrors `Backoff.IsInBackOffSince` (client-go util/flowcontrol/backoff.go), which the kubelet's
 * `doBackOff` calls with the container's finish time.
 */
export function isInBackOffSince(
  entry: BackoffEntry | undefined,
  finishedAt: SimTime,
  now: SimTime,
  max = CRASH_LOOP_MAX_BACKOFF,
): boolean {
  if (entry === undefined) return false;
  if (hasExpired(finishedAt, entry.lastUpdate, max)) return false;
  return now - finishedAt < entry.backoff;
}

/**
 * The entry after a restart at `now` of a container that exited at `finishedAt`: the initial
 * delay for a new or expired entry (a container that ran for over 10 minutes), else doubled up to the cap.
 * Mirrors `Backoff.Next` (client-go util/flowcontrol/backoff.go). Deviation: no jitter (upstream's kubelet uses none either).
 */
export function nextBackOff(
  entry: BackoffEntry | undefined,
  finishedAt: SimTime,
  now: SimTime,
  initial = CRASH_LOOP_INITIAL_BACKOFF,
  max = CRASH_LOOP_MAX_BACKOFF,
): BackoffEntry {
  if (entry === undefined || hasExpired(finishedAt, entry.lastUpdate, max))
    return { backoff: initial, lastUpdate: now };
  return { backoff: Math.min(entry.backoff * 2, max), lastUpdate: now };
}

/**
 * When the kubelet restarts a container that exited at `finishedAt`: at once outside a backoff
 * window, else when the window ends. Mirrors the kubelet's `doBackOff` (kuberuntime_manager.go).
 */
export function restartAt(
  entry: BackoffEntry | undefined,
  finishedAt: SimTime,
  max = CRASH_LOOP_MAX_BACKOFF,
): SimTime {
  return isInBackOffSince(entry, finishedAt, finishedAt, max) ? finishedAt + entry!.backoff : finishedAt;
}
