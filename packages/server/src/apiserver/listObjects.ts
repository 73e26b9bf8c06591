import type { Simulation } from '@daemonsim/core';
import type { ResourceDef } from './resources.js';
import { notFound } from './status.js';

/** The key an object of `def` is stored under. Mirrors the registry's `KeyFunc` without `/registry/<resource>/`. */
export function objectKeyOf(def: ResourceDef, namespace: string | undefined, name: string): string {
  return def.namespaced ? `${namespace ?? 'default'}/${name}` : name;
}

/** The object `name` of a resource now, by key without listing, or undefined. Mirrors the storage's `Get`. */
export function findObject(
  simulation: Simulation,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
): unknown {
  return def.lookup(simulation.snapshot(), objectKeyOf(def, namespace, name), simulation);
}

/** The object `name` of a resource now; throws a 404 Status when there is none. Mirrors the storage's `Get`. */
export function getObject(
  simulation: Simulation,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
): unknown {
  const found = findObject(simulation, def, namespace, name);
  if (found === undefined) throw notFound(def.name, def.group, name);
  return found;
}

/** A collection's keys in order and the objects under them, index for index. */
interface SortedCollection {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
}

const sortedCache = new WeakMap<ReadonlyMap<string, unknown>, SortedCollection>();

/**
 * The keys of a collection, sorted, with their objects, remembered for as long as the
 * (immutable) collection lives. Made from one pass over the entries rather than a lookup per
 * sorted key: a lookup in a snapshot is a HAMT walk, about 2.5 µs, 127 ms for 50,000 pods.
 */
export function sortedCollection(collection: ReadonlyMap<string, unknown>): SortedCollection {
  let sorted = sortedCache.get(collection);
  if (sorted === undefined) {
    const entries = [...collection.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    sorted = { keys: entries.map(([k]) => k), values: entries.map(([, v]) => v) };
    sortedCache.set(collection, sorted);
  }
  return sorted;
}

/** The index of the first key not less than `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What {@link listPage} reads: the key range and the page asked for. */
export interface PageRequest {
  /** Keys that start with this (`namespace/` for one namespace, `''` for all). */
  readonly prefix: string;
  /** The first key to consider (a continue token's start), or undefined for the start of the range. */
  readonly startKey: string | undefined;
  /** The selector's predicate, or undefined when the list is not filtered. */
  readonly matches: ((obj: unknown) => boolean) | undefined;
  /** At most this many items; 0 for all. */
  readonly limit: number;
}

/** One page of a list: its items and, when more keys follow, where the next page starts. */
export interface Page {
  readonly items: unknown[];
  /** The key the next page starts at (the last item's key and a NUL), or undefined on the last page. */
  readonly nextKey: string | undefined;
  /** How many objects follow the page, given only for unfiltered lists, as upstream. */
  readonly remainingItemCount: number | undefined;
}

/**
 * One page of the objects of `collection` in key order: the matching objects from the start key
 * on, at most `limit` of them, and where the next page starts when any key follows.
 * Mirrors the etcd3 store's `GetList` paging (keys in order, filtering as it goes,
 * `remainingItemCount` only when there is no selector).
 */
export function listPage(collection: ReadonlyMap<string, unknown>, request: PageRequest): Page {
  const { keys, values } = sortedCollection(collection);
  const { prefix, matches, limit } = request;
  const from = request.startKey === undefined ? prefix : request.startKey;
  const end =
    prefix === ''
      ? keys.length
      : lowerBound(
          keys,
          `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`,
        );
  const items: unknown[] = [];
  let i = lowerBound(keys, from);
  for (; i < end; i++) {
    if (limit > 0 && items.length >= limit) break;
    const obj = values[i];
    if (matches === undefined || matches(obj)) items.push(obj);
  }
  if (i >= end) return { items, nextKey: undefined, remainingItemCount: undefined };
  return {
    items,
    nextKey: `${keys[i - 1]!}\u0000`,
    remainingItemCount: matches === undefined ? end - i : undefined,
  };
}
