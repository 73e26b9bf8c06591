/**
 * A set of node names kept in name order (JavaScript's default string order, as `sort()`
 * gives): O(log n) lookups, an array move per change, and the first few names without sorting.
 * Upstream has no counterpart; the rollout ledger uses it to pick candidates in node-name order.
 * Why not a library B-tree: sorted-btree is CommonJS with `exports.default`, which Node's ESM
 * loader and TypeScript's NodeNext resolve differently from bundlers; at the sizes simulated
 * (up to 50,000 nodes) an array move per change costs microseconds.
 */
export class SortedNodeSet {
  /** The names from `start` on; the slots before it are names deleted from the front. */
  private names: string[] = [];
  /**
   * A rollout takes its candidates from the front one at a time: a front delete only moves
   * this offset (a splice there moved every other name, 4 % of a 5,000-node day's passes).
   */
  private start = 0;

  get size(): number {
    return this.names.length - this.start;
  }

  add(name: string): void {
    const i = this.indexOf(name);
    if (this.names[i] === name) return;
    if (i === this.start && this.start > 0) this.names[--this.start] = name;
    else this.names.splice(i, 0, name);
  }

  delete(name: string): void {
    const i = this.indexOf(name);
    if (i >= this.names.length || this.names[i] !== name) return;
    if (i === this.start) {
      this.start++;
      // Give the dead prefix back once it outweighs the live names.
      if (this.start > 64 && this.start * 2 > this.names.length) {
        this.names = this.names.slice(this.start);
        this.start = 0;
      }
    } else this.names.splice(i, 1);
  }

  has(name: string): boolean {
    const i = this.indexOf(name);
    return i < this.names.length && this.names[i] === name;
  }

  /** The first `count` names in order (all when `count` is larger). */
  first(count: number): string[] {
    return count <= 0 ? [] : this.names.slice(this.start, this.start + count);
  }

  /** Every name, in order. */
  values(): readonly string[] {
    return this.start === 0 ? this.names : this.names.slice(this.start);
  }

  /** Where `name` is or would be inserted, at or after `start`. */
  private indexOf(name: string): number {
    let lo = this.start;
    let hi = this.names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.names[mid]! < name) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
