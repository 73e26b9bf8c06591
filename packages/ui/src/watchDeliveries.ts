import type { SimTime, TraceEntry } from '@daemonsim/core';

/** One write carried to the controllers' informer cache: who wrote what, when, and when it arrived. */
export interface WatchDelivery {
  /** The component that wrote (the trace's `[by]`: `daemonset-controller`, `default-scheduler`, `user`, ...). */
  readonly by: string;
  readonly kind: string;
  readonly key: string;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly writtenAt: SimTime;
  readonly deliveredAt: SimTime;
}

const WATCHED = new Set(['Node', 'Pod', 'DaemonSet', 'ControllerRevision']);
const DELIVERY = /^(\S+) (\S+) (ADDED|MODIFIED|DELETED) written=(?:(\d+)d\+)?(\d+):(\d\d):(\d\d)\.(\d{3})$/;

/**
 * The informer model's watch deliveries, from a trace with `traceWatchDeliveries` on, each
 * paired with the write it carries (same kind, key and write time; writes of one object at one
 * time pair in order). A delivery whose write the trace lacks is attributed to `unknown`.
 * Upstream has no counterpart: a real cluster shows this lag only as resourceVersions.
 */
export class WatchDeliveries {
  readonly deliveries: WatchDelivery[] = [];
  /** Who wrote each object at each time, not yet delivered: `kind key at` → writers in order. */
  private readonly pending = new Map<string, string[]>();

  /** Takes one trace entry, in trace order. */
  add(entry: TraceEntry): void {
    if (entry.entry === 'write') {
      // Only the kinds the controllers watch are delivered (core's WatchedKind).
      if (!WATCHED.has(entry.kind)) return;
      const id = `${entry.kind} ${entry.key} ${entry.at}`;
      const writers = this.pending.get(id);
      if (writers === undefined) this.pending.set(id, [entry.by]);
      else writers.push(entry.by);
      return;
    }
    if (entry.entry !== 'event' || entry.type !== 'WatchDelivered') return;
    const m = DELIVERY.exec(entry.detail);
    if (m === null) return;
    const [, kind, key, type, d, h, min, s, ms] = m as unknown as string[];
    const writtenAt =
      ((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Number(ms);
    const id = `${kind} ${key} ${writtenAt}`;
    const writers = this.pending.get(id);
    const by = writers?.shift() ?? 'unknown';
    if (writers?.length === 0) this.pending.delete(id);
    this.deliveries.push({
      by,
      kind: kind!,
      key: key!,
      type: type as WatchDelivery['type'],
      writtenAt,
      deliveredAt: entry.at,
    });
  }

  /** The writing components seen so far, sorted. */
  components(): string[] {
    return [...new Set(this.deliveries.map((d) => d.by))].sort();
  }
}
