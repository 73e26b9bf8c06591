import { isMicroTime, timestampSpans } from './wallClock.js';

/**
 * An object's JSON text with where its timestamp values sit, so that a response moves them to
 * the wall clock by patching a few bytes of its copy instead of re-serialising or scanning the
 * text. `stamps` holds four numbers per timestamp: the UTF-8 byte start and end of the value
 * (inside its quotes), its instant in ms, and 1 for a MicroTime or 0 for a Time.
 * The text stays a JS string rather than bytes: a Buffer per object cost more to allocate (an
 * ArrayBuffer each, whose external memory sets off collections) than encoding the one-byte
 * string into the response's chunk costs on every list.
 */
export interface SerializedObject {
  readonly json: string;
  /** The text's UTF-8 length; equal to `json.length` when it is ASCII. */
  readonly byteLength: number;
  readonly stamps: readonly number[];
}

/** The timestamp positions of `json` (see {@link SerializedObject}). */
export function serializeJson(json: string): SerializedObject {
  const byteLength = Buffer.byteLength(json, 'utf8');
  const ascii = byteLength === json.length;
  const stamps: number[] = [];
  for (const [start, end] of timestampSpans(json)) {
    const text = json.slice(start, end);
    const ms = Date.parse(text);
    // A value Date.parse cannot read is left as it is, as TimestampShifter does.
    if (Number.isNaN(ms)) continue;
    const from = ascii ? start : Buffer.byteLength(json.slice(0, start), 'utf8');
    stamps.push(from, from + (end - start), ms, isMicroTime(text) ? 1 : 0);
  }
  return { json, byteLength, stamps };
}

/**
 * Serializations of stored objects, each made on first use and kept for as long as its key
 * lives. Stored objects are never changed in place (a write stores a new object, and the test
 * suite deep-freezes them to prove it), so an object's identity stands for its version and the
 * cache needs no invalidation.
 * Mirrors the watch cache's `cachingObject` (staging/src/k8s.io/apiserver/pkg/storage/cacher),
 * which keeps each object's encoding so that lists and watchers serialise it once.
 * Deviation: upstream caches per encoder for watch events; here lists use it, for JSON only.
 * Cost: the objects' JSON text on the heap (125 MB for 50,000 pods), freed with the objects.
 */
export class SerializationCache {
  private readonly byKey = new WeakMap<object, SerializedObject>();

  /** The serialization remembered for `key`, or that of `make()` (`key` itself by default) on a miss. */
  of(key: object, make: () => unknown = () => key): SerializedObject {
    let found = this.byKey.get(key);
    if (found === undefined) {
      found = serializeJson(JSON.stringify(make()));
      this.byKey.set(key, found);
    }
    return found;
  }
}
