/** Something whose writes a {@link Journal} can take back: `had` says whether `key` held `old` before the write. */
export interface Undoable {
  undo(key: unknown, old: unknown, had: boolean): void;
}

const CALLBACK: Undoable = {
  undo(fn) {
    (fn as () => void)();
  },
};

/**
 * The undo log of one simulator event: while it is open every write to the simulator's state
 * is recorded, so that an event that throws half-way is taken back whole and a controller's
 * plan is performed all or not at all. Entries are kept flat (target, key, old, had) so that
 * recording costs one array push of four slots and no allocation.
 * Upstream has no counterpart: etcd's transactions make each API call atomic, and a
 * controller that panics stops before its next call; here one event holds several writes.
 */
export class Journal {
  /** Whether writes are being recorded: true from {@link begin} to {@link commit} or {@link rollback}. */
  active = false;
  private readonly log: unknown[] = [];

  begin(): void {
    this.active = true;
  }

  /** Keeps the writes made since {@link begin}. */
  commit(): void {
    this.active = false;
    if (this.log.length > 0) this.log.length = 0;
  }

  /** Takes back every write made since {@link begin}, newest first. */
  rollback(): void {
    this.active = false;
    const log = this.log;
    for (let i = log.length - 4; i >= 0; i -= 4)
      (log[i] as Undoable).undo(log[i + 1], log[i + 2], log[i + 3] as boolean);
    log.length = 0;
  }

  /** Records that `target` held `old` under `key` (or nothing, when `had` is false) before a write. */
  record(target: Undoable, key: unknown, old: unknown, had: boolean): void {
    this.log.push(target, key, old, had);
  }

  /** Records a function that takes back a write no {@link Undoable} describes. */
  onRollback(undo: () => void): void {
    this.log.push(CALLBACK, undo, undefined, false);
  }
}

/** A journal that is never open, for stores nobody rolls back. */
export const NO_JOURNAL = new Journal();

/**
 * A `Map` whose `set`, `delete` and `clear` are recorded in a {@link Journal} while it is open.
 * Deviation from `Map`: the constructor takes no entries (Map's would call `set` before the
 * journal is assigned); add them after.
 */
export class JournaledMap<K, V> extends Map<K, V> implements Undoable {
  private readonly journal: Journal;

  constructor(journal: Journal) {
    super();
    this.journal = journal;
  }

  override set(key: K, value: V): this {
    const j = this.journal;
    if (j.active) {
      const had = super.has(key);
      j.record(this, key, had ? super.get(key) : undefined, had);
    }
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const j = this.journal;
    if (j.active && super.has(key)) j.record(this, key, super.get(key), true);
    return super.delete(key);
  }

  override clear(): void {
    const j = this.journal;
    if (j.active) for (const [k, v] of super.entries()) j.record(this, k, v, true);
    super.clear();
  }

  undo(key: unknown, old: unknown, had: boolean): void {
    if (had) super.set(key as K, old as V);
    else super.delete(key as K);
  }
}

/** A `Set` whose `add`, `delete` and `clear` are recorded in a {@link Journal} while it is open. */
export class JournaledSet<T> extends Set<T> implements Undoable {
  private readonly journal: Journal;

  constructor(journal: Journal, values: Iterable<T> = []) {
    super();
    this.journal = journal;
    for (const v of values) super.add(v);
  }

  override add(value: T): this {
    const j = this.journal;
    if (j.active && !super.has(value)) j.record(this, value, undefined, false);
    return super.add(value);
  }

  override delete(value: T): boolean {
    const j = this.journal;
    if (j.active && super.has(value)) j.record(this, value, undefined, true);
    return super.delete(value);
  }

  override clear(): void {
    const j = this.journal;
    if (j.active) for (const v of super.values()) j.record(this, v, undefined, true);
    super.clear();
  }

  undo(key: unknown, _old: unknown, had: boolean): void {
    if (had) super.add(key as T);
    else super.delete(key as T);
  }
}
