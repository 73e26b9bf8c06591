import type { Node, Simulation } from '@daemonsim/core';

/** Each stored node's last reported version: a reported node keeps its identity (and its cached JSON) until its heartbeat moves. */
const reportedOf = new WeakMap<Node, Node>();
/** The last map made for each stored node map, kept while every node in it reads the same. */
const mapOf = new WeakMap<ReadonlyMap<string, Node>, ReadonlyMap<string, Node>>();

/**
 * Node `node` as the API server serves it now: its conditions' heartbeats at the kubelet's
 * latest status report (`Simulation.reportedNode`), so a cluster that has run for days reads
 * as live (heartbeat minutes ago, transitions when they happened). Without a simulation (a
 * saved state's snapshot), the node as stored.
 * Upstream counterpart: the kubelet's node status updates, which a real API server stores.
 */
export function reportedNode(node: Node, simulation: Simulation | undefined): Node {
  if (simulation === undefined) return node;
  const reported = simulation.reportedNode(node);
  if (reported === node) return node;
  const previous = reportedOf.get(node);
  if (previous !== undefined && sameHeartbeats(previous, reported)) return previous;
  reportedOf.set(node, reported);
  return reported;
}

/** Every node of `nodes` as {@link reportedNode} serves it, keyed as `nodes` is; the same map while none of them moves. */
export function reportedNodes(
  nodes: ReadonlyMap<string, Node>,
  simulation: Simulation | undefined,
): ReadonlyMap<string, Node> {
  if (simulation === undefined) return nodes;
  const cached = mapOf.get(nodes);
  let same = cached !== undefined && cached.size === nodes.size;
  const out = new Map<string, Node>();
  for (const [key, node] of nodes) {
    const reported = reportedNode(node, simulation);
    if (same && cached!.get(key) !== reported) same = false;
    out.set(key, reported);
  }
  if (same) return cached!;
  mapOf.set(nodes, out);
  return out;
}

function sameHeartbeats(a: Node, b: Node): boolean {
  const x = a.status.conditions ?? [];
  const y = b.status.conditions ?? [];
  return x.length === y.length && x.every((c, i) => c.lastHeartbeatTime === y[i]!.lastHeartbeatTime);
}
