/**
 * Simulated time: integer milliseconds since {@link SIM_EPOCH_ISO}.
 * Upstream has no such type; Kubernetes timestamps are RFC 3339 strings at second precision,
 * which {@link toTimestamp} produces so that kubectl ages read naturally.
 */
export type SimTime = number;

/** The wall-clock instant that simulated time 0 is shown as. */
export const SIM_EPOCH_ISO = '2026-01-01T00:00:00Z';
/** {@link SIM_EPOCH_ISO} in Unix milliseconds. */
export const SIM_EPOCH_MS = 1767225600000;

/** Milliseconds per unit, for readable durations in scenarios and tests. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/**
 * Renders a simulated time as a Kubernetes `metav1.Time` (RFC 3339, whole seconds, `Z`).
 * Mirrors `metav1.Time.MarshalJSON`, which truncates to seconds.
 */
export function toTimestamp(at: SimTime): string {
  const second = Math.floor(at / 1000);
  // Most stamps in a run fall in the same second as the previous one: remember it.
  if (second !== lastSecond) {
    lastSecond = second;
    lastStamp = new Date(SIM_EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastStamp;
}

let lastSecond = Number.NaN;
let lastStamp = '';

/** Parses an RFC 3339 timestamp back to simulated time; the inverse of {@link toTimestamp}. */
export function parseTimestamp(timestamp: string): SimTime {
  // The same stamp is parsed again and again (a pod's startTime on each kubelet event): remember the last.
  if (timestamp !== lastParsedText) {
    lastParsedText = timestamp;
    lastParsed = Date.parse(timestamp) - SIM_EPOCH_MS;
  }
  return lastParsed;
}

let lastParsedText = '';
let lastParsed = Number.NaN;

/** Renders simulated time as `HH:MM:SS.mmm` (days prefixed as `Nd+`) for traces. */
export function formatSimTime(at: SimTime): string {
  const ms = at % 1000;
  const totalSeconds = Math.floor(at / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const h = Math.floor((totalSeconds % 86400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${days > 0 ? `${days}d+` : ''}${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}
