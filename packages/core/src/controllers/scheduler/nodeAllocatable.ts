import type { Node } from '../../model/objects.js';
import { milliValue, parseQuantity } from '../../model/quantity.js';

/**
 * A node's allocatable amount of one resource, in the units requests are summed in (millicores
 * for cpu, base units otherwise); 0 when absent or unparsable.
 * Mirrors `NodeInfo.Allocatable` as the scheduler's NodeResourcesFit and the kubelet's admission read it.
 */
export function nodeAllocatable(node: Node, name: string): number {
  const allocatable = node.status.allocatable;
  if (allocatable === undefined) return 0;
  // Parsed once per allocatable object (shared by a node's writes that leave it alone): the
  // scheduler's filters and the kubelet's admission read three to four amounts per pod.
  let parsed = parsedCache.get(allocatable);
  if (parsed === undefined) {
    parsed = new Map();
    parsedCache.set(allocatable, parsed);
  }
  let v = parsed.get(name);
  if (v === undefined) {
    v = parse(allocatable[name], name);
    parsed.set(name, v);
  }
  return v;
}

const parsedCache = new WeakMap<object, Map<string, number>>();

function parse(q: string | undefined, name: string): number {
  if (q === undefined) return 0;
  try {
    return name === 'cpu' ? milliValue(q) : parseQuantity(q);
  } catch {
    return 0;
  }
}
