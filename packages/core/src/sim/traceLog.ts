import { SimulationError } from '../errors.js';
import type { TraceEntry } from './trace.js';

/** Where a simulation's trace goes: kept in memory (all of it, or the last `limit` entries), streamed to a sink, or both. */
export interface TraceLogOptions {
  /** Keep entries in memory. */
  readonly keep: boolean;
  /** Keep at most this many of the latest entries (a positive integer); older ones are dropped. */
  readonly limit?: number;
  /** Receives every entry as it is recorded, e.g. to write NDJSON; it must not write to the simulation. */
  readonly sink?: (entry: TraceEntry) => void;
}

/**
 * The simulation's trace as it is recorded: the bounded-memory half of issue 7. An unbounded
 * trace cost 10.7 MiB per simulated hour at 1,000 nodes; a `limit` keeps memory flat (the log
 * grows to twice the limit, then drops its oldest half in one splice, so a record stays O(1)
 * amortised), and a `sink` streams entries out as they happen so nothing need be kept.
 * `recording` is false when entries go nowhere: callers then build no entry and no detail string.
 * Upstream has no counterpart; the trace plays the audit log's part.
 */
export class TraceLog {
  /** Whether anything receives entries; when false, callers skip building them. */
  readonly recording: boolean;
  private readonly keep: boolean;
  private readonly limit: number;
  private readonly sink: ((entry: TraceEntry) => void) | undefined;
  private log: TraceEntry[] = [];
  private droppedCount = 0;
  /** The log's length when the event being processed began, or -1 outside one (see {@link begin}). */
  private mark = -1;
  /** The open event's entries for the sink, sent when it commits. */
  private readonly held: TraceEntry[] = [];

  constructor(options: TraceLogOptions) {
    if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0))
      throw new SimulationError(
        'Invalid',
        `traceLimit: Invalid value: ${options.limit}: must be a positive integer`,
        { path: 'traceLimit' },
      );
    this.keep = options.keep;
    this.limit = options.limit ?? Infinity;
    this.sink = options.sink;
    this.recording = this.keep || this.sink !== undefined;
  }

  /**
   * Opens an event: its entries are kept apart until {@link commit} (the sink waits, the limit
   * is not applied) so that {@link rollback} can take them back if the event fails.
   */
  begin(): void {
    this.mark = this.log.length;
  }

  /** Keeps the open event's entries: the sink gets them and the limit applies again. */
  commit(): void {
    this.mark = -1;
    if (this.held.length > 0) {
      for (const entry of this.held) this.sink!(entry);
      this.held.length = 0;
    }
    if (this.log.length >= 2 * this.limit) this.trim();
  }

  /** Drops the open event's entries, as if they were never recorded. */
  rollback(): void {
    if (this.keep) this.log.length = this.mark;
    this.mark = -1;
    this.held.length = 0;
  }

  record(entry: TraceEntry): void {
    if (this.mark >= 0) {
      if (this.sink !== undefined) this.held.push(entry);
      if (this.keep) this.log.push(entry);
      return;
    }
    this.sink?.(entry);
    if (!this.keep) return;
    this.log.push(entry);
    if (this.log.length >= 2 * this.limit) this.trim();
  }

  private trim(): void {
    const drop = this.log.length - this.limit;
    this.log.splice(0, drop);
    this.droppedCount += drop;
  }

  /** The kept entries in order: the last `limit` of them when limited. */
  entries(): readonly TraceEntry[] {
    if (this.log.length > this.limit) {
      const drop = this.log.length - this.limit;
      this.log.splice(0, drop);
      this.droppedCount += drop;
    }
    return this.log;
  }

  /** How many entries were recorded but are no longer kept (0 without a limit). */
  get dropped(): number {
    return this.droppedCount + Math.max(0, this.log.length - this.limit);
  }
}
