import type { SerializedObject } from './serializedObject.js';
import { formatShifted } from './wallClock.js';

/** The size of the buffers a streamed body is written in. */
const CHUNK_BYTES = 1024 * 1024;

/** Buffers whose bytes the socket has sent, ready for the next chunk (any response's). */
const spare: Buffer[] = [];
const MAX_SPARE = 8;

/** Takes one full chunk of a body and calls `recycle` once its bytes are no longer needed. */
export type ChunkSink = (data: Buffer, recycle: () => void) => void;

/**
 * Writes a JSON body from text pieces and {@link SerializedObject}s into fixed-size buffers that
 * are reused once the socket has sent them, moving each object's timestamps by `shift` ms as
 * it copies the object's text. A 50,000-pod list is then 50,000 copies into a few reused
 * megabytes, instead of 50,000 new strings, a regular expression over 125 MB of text and that
 * text's conversion to new buffers: the body allocates next to nothing, so it does not set off
 * collections of a heap that holds large clusters (in the full bench each of those collections
 * walked gigabytes, and the list took 6x JSON.stringify).
 * Same bytes as {@link TimestampShifter} applied to each object's `JSON.stringify`.
 * Mirrors the API server's streaming list encoder (`StreamingCollections` of 1.32).
 */
export class JsonChunks {
  private chunk: Buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  /** Shifted timestamp bytes by instant (×2, +1 for a MicroTime); the objects of a list share most. */
  private readonly shifted = new Map<number, Buffer>();

  constructor(
    private readonly shift: number,
    private readonly sink: ChunkSink,
  ) {}

  /** Appends JSON text as it is. */
  text(json: string): void {
    if (json.length * 3 <= this.chunk.length - this.pos) {
      this.pos += this.chunk.write(json, this.pos);
      return;
    }
    const bytes = Buffer.from(json, 'utf8');
    this.bytes(bytes, 0, bytes.length);
  }

  /**
   * Appends an object's JSON with its timestamps shifted: the text is copied into the chunk in
   * one write and each timestamp patched in place; only a shifted value of another length
   * (a fraction of neither 0 nor 6 digits) or an object larger than a chunk takes the slow
   * path through a copy of its bytes.
   */
  object(o: SerializedObject): void {
    const { json, byteLength, stamps } = o;
    if (byteLength > this.chunk.length - this.pos) {
      if (byteLength > CHUNK_BYTES) return this.spliced(o);
      this.flush();
    }
    const chunk = this.chunk;
    const base = this.pos;
    this.pos += chunk.write(json, base, byteLength === json.length ? 'latin1' : 'utf8');
    if (this.shift === 0) return;
    for (let k = 0; k < stamps.length; k += 4) {
      const value = this.shiftedValue(stamps[k + 2]!, stamps[k + 3]!);
      const at = base + stamps[k]!;
      if (value.length !== stamps[k + 1]! - stamps[k]!) {
        this.pos = base;
        return this.spliced(o);
      }
      for (let b = 0; b < value.length; b++) chunk[at + b] = value[b]!;
    }
  }

  private spliced(o: SerializedObject): void {
    const bytes = Buffer.from(o.json, 'utf8');
    const { stamps } = o;
    let at = 0;
    for (let k = 0; k < stamps.length; k += 4) {
      this.bytes(bytes, at, stamps[k]!);
      const value =
        this.shift === 0
          ? bytes.subarray(stamps[k]!, stamps[k + 1]!)
          : this.shiftedValue(stamps[k + 2]!, stamps[k + 3]!);
      this.bytes(value, 0, value.length);
      at = stamps[k + 1]!;
    }
    this.bytes(bytes, at, bytes.length);
  }

  /** The last, partly filled chunk; the writer is done after this. */
  end(last: ChunkSink): void {
    const chunk = this.chunk;
    last(chunk.subarray(0, this.pos), () => recycle(chunk));
  }

  private shiftedValue(ms: number, micro: number): Buffer {
    const key = ms * 2 + micro;
    let value = this.shifted.get(key);
    if (value === undefined) {
      value = Buffer.from(formatShifted(ms + this.shift, micro === 1), 'latin1');
      this.shifted.set(key, value);
    }
    return value;
  }

  private bytes(src: Buffer, from: number, to: number): void {
    while (from < to) {
      const n = Math.min(to - from, this.chunk.length - this.pos);
      src.copy(this.chunk, this.pos, from, from + n);
      this.pos += n;
      from += n;
      if (this.pos === this.chunk.length) this.flush();
    }
  }

  /** Hands on the filled part of the chunk and starts another. */
  private flush(): void {
    const chunk = this.chunk;
    const filled = this.pos;
    this.chunk = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    this.pos = 0;
    this.sink(chunk.subarray(0, filled), () => recycle(chunk));
  }
}

function recycle(chunk: Buffer): void {
  if (spare.length < MAX_SPARE && !spare.includes(chunk)) spare.push(chunk);
}
