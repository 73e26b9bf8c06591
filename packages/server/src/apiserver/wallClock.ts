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

/**
 * The text of the instant `ms` as a MicroTime (six fractional digits) when `micro`, else as a Time
 * (none): what a timestamp written either way reads after a shift to `ms`.
 * Upstream has no counterpart: a real API server and its clients share one clock.
 */
export function formatShifted(ms: number, micro: boolean): string {
  const iso = new Date(ms).toISOString();
  return micro ? iso.replace(/Z$/, '000Z') : iso.replace(/\.\d{3}Z$/, 'Z');
}

/** Whether a timestamp's text is a MicroTime (renewTime, eventTime): six fractional digits. */
export function isMicroTime(text: string): boolean {
  return /\.\d{6}Z$/.test(text);
}

function shiftTimestamp(text: string, deltaMs: number): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  return formatShifted(ms + deltaMs, isMicroTime(text));
}

/**
 * A deep copy of `value` with every timestamp field moved by `deltaMs`, so that a client that
 * computes ages from its own clock (kubectl describe) sees the simulated ages. For request
 * bodies (small); responses use {@link TimestampShifter} on their JSON text instead.
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

// In one pass over JSON text: the start of a `labels` or `annotations` field (whose value is
// skipped: fields inside them are left alone, as by {@link shiftTimes}), or the `":"` that ends a
// key and starts an RFC 3339 value; the key is then read back to its opening quote. Inside a JSON
// string every quote is escaped, so neither can match text within a string value (a
// last-applied-configuration annotation). Anchoring on the value rather than on the fifteen key
// names makes the scan try an alternative only at the rare `":"<digit>`, about twice as fast.
const FIELD = /"(?:labels|annotations)":|":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)"/g;

/** The offset just past the JSON value that starts at `i`. */
function skipValue(json: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (c === 44 /* , */ && depth === 0) return i;
  }
  return i;
}

/**
 * The [start, end) offsets of the values (inside their quotes) of every timestamp field of JSON
 * text, leaving out those within `labels` and `annotations`: what {@link TimestampShifter} moves.
 * Upstream has no counterpart: a real API server and its clients share one clock.
 */
export function timestampSpans(json: string): [number, number][] {
  const found: [number, number][] = [];
  // The one regular expression, reset per call (the scan never yields, so calls cannot interleave).
  const field = FIELD;
  field.lastIndex = 0;
  for (let match = field.exec(json); match !== null; match = field.exec(json)) {
    const value = match[1];
    if (value === undefined) {
      field.lastIndex = skipValue(json, field.lastIndex);
      continue;
    }
    const keyEnd = match.index;
    if (!TIME_KEYS.has(json.slice(json.lastIndexOf('"', keyEnd - 1) + 1, keyEnd))) continue;
    const start = keyEnd + 3;
    found.push([start, start + value.length]);
  }
  return found;
}

/**
 * Moves every timestamp field of serialized JSON by one shift, without copying the objects it
 * came from: the API server's responses present simulated time on the wall clock this way.
 * Shifted values are remembered, since the objects of one list share most of their timestamps.
 * Same result as `JSON.stringify(shiftTimes(value, deltaMs))` for timestamps in RFC 3339 form (all
 * the engine writes); `shiftTimes` also moves any other text `Date.parse` reads.
 * Upstream has no counterpart: a real API server and its clients share one clock.
 */
export class TimestampShifter {
  private readonly memo = new Map<string, string>();

  constructor(readonly deltaMs: number) {}

  /** `json` with its timestamp fields moved. */
  shift(json: string): string {
    if (this.deltaMs === 0) return json;
    let out = '';
    let at = 0;
    for (const [start, end] of timestampSpans(json)) {
      const value = json.slice(start, end);
      let shifted = this.memo.get(value);
      if (shifted === undefined) {
        shifted = shiftTimestamp(value, this.deltaMs);
        if (this.memo.size < 100_000) this.memo.set(value, shifted);
      }
      out += json.slice(at, start) + shifted;
      at = end;
    }
    return at === 0 ? json : out + json.slice(at);
  }

  /** `JSON.stringify(value)` with its timestamp fields moved. */
  stringify(value: unknown): string {
    return this.shift(JSON.stringify(value));
  }
}
