import type { SimTime } from '../model/time.js';

/** One queued entry: an item due at `at`, with `seq` breaking ties in insertion order. */
export interface Queued<T> {
  readonly at: SimTime;
  readonly seq: number;
  readonly item: T;
}

/**
 * A binary min-heap ordered by `(at, seq)`: the simulator's event queue.
 * Upstream has no counterpart (client-go's delaying queue plays this part in real time).
 * An object heap: measured at 0.26–0.58 µs per push+pop up to 1e5 pending entries, which is
 * the simulator's range; beyond that a struct-of-arrays heap would pay off (toolchain notes §3a).
 */
export class EventQueue<T> {
  private heap: Queued<T>[] = [];
  private nextSeq = 0;

  /** How many entries are pending. */
  get size(): number {
    return this.heap.length;
  }

  /** The `seq` the next pushed entry gets. */
  get nextSequence(): number {
    return this.nextSeq;
  }

  /** Numbers the next push as if `n` pushes had happened in between. */
  skipSequence(n: number): void {
    this.nextSeq += n;
  }

  /**
   * Removes every entry pushed at or after sequence `seq` and numbers the next push `seq` again,
   * as if those pushes never happened; O(n log n), for an event that is taken back.
   */
  discardFrom(seq: number): void {
    if (this.nextSeq === seq) return;
    // A sorted array is a valid binary min-heap.
    this.heap = this.heap.filter((e) => e.seq < seq).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.nextSeq = seq;
  }

  /** Adds `item` due at `at`; entries due at the same time come out in insertion order. */
  push(at: SimTime, item: T): Queued<T> {
    const entry: Queued<T> = { at, seq: this.nextSeq++, item };
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.at < at || (p.at === at && p.seq < entry.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
    return entry;
  }

  /** The earliest entry without removing it. */
  peek(): Queued<T> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest entry. */
  pop(): Queued<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        const lc = heap[l]!;
        if (r < n) {
          const rc = heap[r]!;
          if (rc.at < lc.at || (rc.at === lc.at && rc.seq < lc.seq)) c = r;
        }
        const child = heap[c]!;
        if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Every pending entry in due order; O(n log n), for snapshots and quiescence checks. */
  toSortedArray(): Queued<T>[] {
    return [...this.heap].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Removes the pending entries `predicate` selects and returns them; O(n log n), for tools that take items out of the queue. */
  removeWhere(predicate: (entry: Queued<T>) => boolean): Queued<T>[] {
    const removed = this.heap.filter(predicate);
    if (removed.length > 0)
      this.heap = this.heap.filter((e) => !predicate(e)).sort((a, b) => a.at - b.at || a.seq - b.seq);
    return removed;
  }

  /** Whether any pending entry satisfies `predicate`; O(n). */
  some(predicate: (item: T) => boolean): boolean {
    return this.heap.some((e) => predicate(e.item));
  }
}
