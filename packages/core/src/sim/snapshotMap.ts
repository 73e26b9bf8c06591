import { OrderedMap } from 'immutable';
import { frozenIfEnabled } from '../api/immer.js';

/** What happened to a key since the last snapshot. */
const UPDATED = 0;
const INSERTED = 1;
const DELETED = 2;
type Change = typeof UPDATED | typeof INSERTED | typeof DELETED;

/**
 * A Map owned by the simulator whose snapshots share structure: the live contents stay a plain
 * mutable `Map` (reads and writes at `Map` speed, what the controllers use on every event), and
 * from the first snapshot on, a persistent map (immutable.js `OrderedMap`, a HAMT) is kept
 * beside it. A write only notes its key; `snapshot()` folds the keys written since the previous
 * snapshot into the persistent map, O(log n) each, and wraps the result.
 * Why this shape (measured on the project's 2-core machine, see the design notes in
 * `clusterStore.ts`): copy-on-write of the whole Map made the first write after a snapshot cost
 * O(n) (about 18 ms at 50,000 nodes); keeping only a persistent map would make every read a
 * HAMT lookup (1–3 µs instead of ~0.1 µs) and every write an O(log n) path copy even in runs that
 * never snapshot. Here a run that never snapshots pays nothing; one that snapshots after every
 * event pays a few µs per written key. The first snapshot builds the persistent map in O(n) once.
 * `OrderedMap` rather than `Map` keeps the JS Map iteration order (insertion order, a re-added
 * key at the end) in snapshots, so anything printed from a snapshot reads as before.
 * Values are deep-frozen on `set` when object freezing is on (the test suite), so nothing can
 * mutate an object after it was stored.
 * Upstream has no counterpart: etcd's MVCC keeps old revisions; this keeps the ones asked for.
 */
export class SnapshotMap<K, V> {
  private readonly live: Map<K, V>;
  /** The contents at the last snapshot; undefined until the first one. */
  private persistent: OrderedMap<K, V> | undefined;
  private view: PersistentMapView<K, V> | undefined;
  /** Keys written since the last snapshot, in the order of their last insertion; only kept once a snapshot exists. */
  private readonly changed = new Map<K, Change>();

  constructor(entries?: Iterable<readonly [K, V]>) {
    this.live = new Map(entries);
  }

  get size(): number {
    return this.live.size;
  }

  get(key: K): V | undefined {
    return this.live.get(key);
  }

  has(key: K): boolean {
    return this.live.has(key);
  }

  set(key: K, value: V): void {
    if (this.persistent !== undefined) {
      if (!this.live.has(key)) {
        // A (re)insertion goes to the end of the order, in the live Map and in the next snapshot.
        this.changed.delete(key);
        this.changed.set(key, INSERTED);
      } else if (!this.changed.has(key)) this.changed.set(key, UPDATED);
    }
    this.live.set(key, frozenIfEnabled(value));
  }

  delete(key: K): boolean {
    if (!this.live.delete(key)) return false;
    if (this.persistent !== undefined) {
      this.changed.delete(key);
      this.changed.set(key, DELETED);
    }
    return true;
  }

  values(): IterableIterator<V> {
    return this.live.values();
  }

  keys(): IterableIterator<K> {
    return this.live.keys();
  }

  /** The current contents as a read-only map that later writes never change. */
  snapshot(): ReadonlyMap<K, V> {
    if (this.persistent === undefined) {
      this.persistent = OrderedMap<K, V>().withMutations((m) => {
        for (const [k, v] of this.live) m.set(k, v);
      });
      this.view = undefined;
    } else if (this.changed.size > 0) {
      const live = this.live;
      const changed = this.changed;
      this.persistent = this.persistent.withMutations((m) => {
        for (const [k, change] of changed) {
          if (change !== UPDATED) m.remove(k);
          if (change !== DELETED) m.set(k, live.get(k)!);
        }
      });
      changed.clear();
      this.view = undefined;
    }
    this.view ??= new PersistentMapView(this.persistent);
    return this.view;
  }
}

/**
 * A persistent map seen through the `ReadonlyMap` interface, so snapshot readers (kubectl
 * presenters, the API server, tests) keep using `get`, `has`, `size` and iteration unchanged.
 */
export class PersistentMapView<K, V> implements ReadonlyMap<K, V> {
  constructor(private readonly map: OrderedMap<K, V>) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.map.entries()) callback.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[K, V]> {
    yield* this.map.entries();
  }

  *keys(): MapIterator<K> {
    yield* this.map.keys();
  }

  *values(): MapIterator<V> {
    yield* this.map.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
