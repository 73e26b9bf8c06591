import { parseTimestamp, type SimTime } from '../model/time.js';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Renders a duration in milliseconds with about two significant figures, as kubectl's AGE column.
 * Mirrors `HumanDuration` (staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go).
 * Deviation: takes milliseconds instead of a Go `time.Duration` (nanoseconds); sub-millisecond
 * boundaries therefore cannot be expressed.
 */
export function humanDuration(ms: number): string {
  // Go truncates toward zero (`int(d.Seconds())`); up to 2 s in the future reads as "now"
  // to tolerate clock skew between machines.
  const seconds = Math.trunc(ms / SECOND_MS);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE_MS);
  if (minutes < 10) {
    const s = Math.trunc(ms / SECOND_MS) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR_MS);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * Renders a duration in milliseconds with one unit only (`45s`, `3m`, `2h`, `5d`, `1y`).
 * Mirrors `ShortHumanDuration` (staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go).
 * Deviation: takes milliseconds instead of nanoseconds.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND_MS);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE_MS);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR_MS);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / (HOUR_MS * 24 * 365))}y`;
}

/**
 * Renders the time elapsed from an RFC 3339 timestamp to `now`, or `<unknown>` when it is unset.
 * Mirrors `translateTimestampSince` (pkg/printers/internalversion/printers.go).
 * Deviation: measures against the simulated clock instead of `time.Since`; an empty string or
 * `null` counts as the zero time, as a missing `metav1.Time` does.
 */
export function translateTimestampSince(timestamp: string | null | undefined, now: SimTime): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') return '<unknown>';
  return humanDuration(now - parseTimestamp(timestamp));
}
