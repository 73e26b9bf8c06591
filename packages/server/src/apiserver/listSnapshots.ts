/** How many list states a server keeps for `continue` tokens. */
export const LIST_SNAPSHOT_LIMIT = 8;

/**
 * The collections that paginated lists were cut from, by resource and `resourceVersion`, so a
 * `continue` token reads the same state as its first page; the oldest are forgotten first, and
 * a token whose state is gone is 410 Expired.
 * Upstream counterpart: etcd's MVCC history up to compaction (`--etcd-compaction-interval`).
 * Deviation: states expire by count ({@link LIST_SNAPSHOT_LIMIT}), not by time.
 */
export class ListSnapshots {
  private readonly states = new Map<string, ReadonlyMap<string, unknown>>();

  constructor(private readonly limit = LIST_SNAPSHOT_LIMIT) {}

  /** Remembers the collection a list of `resource` read at `resourceVersion`. */
  remember(resource: string, resourceVersion: number, collection: ReadonlyMap<string, unknown>): void {
    const key = `${resource}@${resourceVersion}`;
    this.states.delete(key);
    this.states.set(key, collection);
    while (this.states.size > this.limit) this.states.delete(this.states.keys().next().value!);
  }

  /** The collection a list of `resource` read at `resourceVersion`, or undefined once forgotten. */
  recall(resource: string, resourceVersion: number): ReadonlyMap<string, unknown> | undefined {
    const key = `${resource}@${resourceVersion}`;
    const found = this.states.get(key);
    if (found !== undefined) {
      this.states.delete(key);
      this.states.set(key, found);
    }
    return found;
  }
}
