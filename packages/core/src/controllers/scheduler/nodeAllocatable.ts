import type { Node } from '../../model/objects.js';
import { milliValue, parseQuantity } from '../../model/quantity.js';

/**
 * A node's allocatable amount of one resource, in the units requests are summed in (millicores
 * for cpu, base units otherwise); 0 when absent or unparsable.
 * Mirrors `NodeInfo.Allocatable` as the scheduler's NodeResourcesFit and the kubelet's admission read it.
 */
export function nodeAllocatable(node: Node, name: string): number {
  const q = node.status.allocatable?.[name];
  if (q === undefined) return 0;
  try {
    return name === 'cpu' ? milliValue(q) : parseQuantity(q);
  } catch {
    return 0;
  }
}
