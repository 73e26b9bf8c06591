/**
 * A set of node names kept in name order (JavaScript's default string order, as `sort()`
 * gives): O(log n) lookups, an array move per change, and the first few names without sorting.
 * Upstream has no counterpart; the rollout ledger uses it to pick candidates in node-name order.
 * Why not a library B-tree: sorted-btree is CommonJS with `exports.default`, which Node's ESM
 * loader and TypeScript's NodeNext resolve differently from bundlers; at the sizes simulated
 * (up to 50,000 nodes) an array move per change costs microseconds.
 */
export class SortedNodeSet {
  private readonly names: string[] = [];

  get size(): number {
    return this.names.length;
  }

  add(name: string): void {
    const i = this.indexOf(name);
    if (this.names[i] !== name) this.names.splice(i, 0, name);
  }

  delete(name: string): void {
    const i = this.indexOf(name);
    if (this.names[i] === name) this.names.splice(i, 1);
  }

  has(name: string): boolean {
    return this.names[this.indexOf(name)] === name;
  }

  /** The first `count` names in order (all when `count` is larger). */
  first(count: number): string[] {
    return count <= 0 ? [] : this.names.slice(0, count);
  }

  /** Every name, in order. */
  values(): readonly string[] {
    return this.names;
  }

  /** Where `name` is or would be inserted. */
  private indexOf(name: string): number {
    let lo = 0;
    let hi = this.names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.names[mid]! < name) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
