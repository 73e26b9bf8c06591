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

// A time field with an RFC 3339 value in JSON text. Inside a JSON string every quote is escaped,
// so this cannot match text within a string value (a last-applied-configuration annotation).
// Fields inside `labels` and `annotations` are left alone, as by {@link shiftTimes}.
const TIME_FIELD = new RegExp(
  `"(${[...TIME_KEYS].join('|')})":"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)"`,
  'g',
);
const OPAQUE_FIELD = /"(?:labels|annotations)":/g;

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

/** The [start, end) offsets of the values of every `labels` and `annotations` field in JSON text. */
function opaqueSpans(json: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of json.matchAll(OPAQUE_FIELD)) {
    const start = match.index + match[0].length;
    spans.push([start, skipValue(json, start)]);
  }
  return spans;
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
    let spans: [number, number][] | undefined;
    return json.replace(TIME_FIELD, (match: string, key: string, value: string, offset: number) => {
      spans ??= opaqueSpans(json);
      if (spans.some(([start, end]) => offset >= start && offset < end)) return match;
      let shifted = this.memo.get(value);
      if (shifted === undefined) {
        shifted = shiftTimestamp(value, this.deltaMs);
        if (this.memo.size < 100_000) this.memo.set(value, shifted);
      }
      return `"${key}":"${shifted}"`;
    });
  }

  /** `JSON.stringify(value)` with its timestamp fields moved. */
  stringify(value: unknown): string {
    return this.shift(JSON.stringify(value));
  }
}
