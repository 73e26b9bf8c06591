/** Fields that hold a `metav1.Time` or `metav1.MicroTime`. */
const TIME_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'startedAt',
  'finishedAt',
  'startTime',
  'lastTransitionTime',
  'lastHeartbeatTime',
  'lastProbeTime',
  'lastUpdateTime',
  'timeAdded',
  'renewTime',
  'acquireTime',
]);

function shiftTimestamp(text: string, deltaMs: number): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  const iso = new Date(ms + deltaMs).toISOString();
  // A MicroTime (renewTime, eventTime) keeps its six fractional digits; a Time has none.
  const micro = /\.\d{6}Z$/.test(text);
  return micro ? iso.replace(/Z$/, '000Z') : iso.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A deep copy of `value` with every timestamp field moved by `deltaMs`, so that a client that
 * computes ages from its own clock (kubectl describe) sees the simulated ages.
 * Upstream has no counterpart: a real API server and its clients share one clock.
 */
export function shiftTimes(value: unknown, deltaMs: number): unknown {
  if (deltaMs === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, deltaMs));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (TIME_KEYS.has(k) && typeof v === 'string') out[k] = shiftTimestamp(v, deltaMs);
    else if (k === 'annotations' || k === 'labels') out[k] = v;
    else out[k] = shiftTimes(v, deltaMs);
  }
  return out;
}
