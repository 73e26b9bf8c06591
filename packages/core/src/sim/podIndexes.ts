import { DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from '../controllers/daemonset/constants.js';
import type { MutableNodeUsage, NodeUsage } from '../controllers/scheduler/nodeUsage.js';
import {
  countsOnNode,
  EMPTY_NODE_USAGE,
  newNodeUsage,
  updateNodeUsage,
} from '../controllers/scheduler/nodeUsage.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import type { Pod } from '../model/objects.js';
import { getControllerOf } from '../model/ownerReferences.js';

const EMPTY: readonly Pod[] = [];
const NO_HASHES: ReadonlyMap<string, ReadonlyMap<string, Pod>> = new Map();

function isTerminal(pod: Pod): boolean {
  return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
}

/**
 * The indexes over the stored pods that controllers read on every pass, kept as pods are
 * written so that no pass lists pods: by attributed node, by controller uid then node, by owner
 * and revision hash, the terminating ones, the terminal count, each node's requested resources,
 * and the names of missing nodes that still have pods. Every write is a `remove` of the old
 * object then an `add` of the new one, so each bucket keeps Map insertion order as the
 * store's own collections do, and the pods of one owner on a node come in `podsOnNode` order.
 * Upstream counterpart: the informer indexers of kube-controller-manager and the scheduler's
 * NodeInfo cache.
 */
export class PodIndexes {
  /** Pods by attributed node (`''` for none), then key. */
  private readonly byNode = new Map<string, Map<string, Pod>>();
  private readonly terminating = new Map<string, Pod>();
  private readonly hashesByOwner = new Map<string, Map<string, Map<string, Pod>>>();
  private terminated = 0;
  /** Attributed node names with pods but no Node, kept as writes happen so PodGC's period is O(orphans). */
  private readonly orphaned = new Set<string>();
  /** Node name to what its bound, non-terminal pods request and claim (the scheduler's NodeInfo). */
  private readonly usage = new Map<string, MutableNodeUsage>();
  /** Pods by controller uid (`''` for none), then attributed node (`''` for none), then key. */
  private readonly podsByOwner = new Map<string, Map<string, Map<string, Pod>>>();

  /** `hasNode` tells whether a Node of that name is stored, for the orphaned-node names. */
  constructor(private readonly hasNode: (name: string) => boolean) {}

  /** A Node was stored: its pods are no longer orphaned. */
  nodeAdded(name: string): void {
    this.orphaned.delete(name);
  }

  /** A Node was removed: the pods still attributed to it make it an orphaned name. */
  nodeRemoved(name: string): void {
    if (this.byNode.has(name)) this.orphaned.add(name);
  }

  add(key: string, pod: Pod): void {
    const node = getTargetNodeName(pod) ?? '';
    let bucket = this.byNode.get(node);
    if (bucket === undefined) {
      bucket = new Map();
      this.byNode.set(node, bucket);
    }
    bucket.set(key, pod);
    if (node !== '' && !this.hasNode(node)) this.orphaned.add(node);
    if (pod.metadata.deletionTimestamp !== undefined) this.terminating.set(key, pod);
    if (isTerminal(pod)) this.terminated++;
    const owner = getControllerOf(pod.metadata)?.uid;
    this.countHash(owner, key, pod, 1);
    this.indexOwner(owner ?? '', key, node, pod);
    if (countsOnNode(pod)) {
      const nodeName = pod.spec.nodeName!;
      let u = this.usage.get(nodeName);
      if (u === undefined) {
        u = newNodeUsage();
        this.usage.set(nodeName, u);
      }
      updateNodeUsage(u, pod, 1);
    }
  }

  remove(key: string, pod: Pod): void {
    const node = getTargetNodeName(pod) ?? '';
    const bucket = this.byNode.get(node);
    if (bucket !== undefined) {
      bucket.delete(key);
      if (bucket.size === 0) {
        this.byNode.delete(node);
        this.orphaned.delete(node);
      }
    }
    this.terminating.delete(key);
    if (isTerminal(pod)) this.terminated--;
    const owner = getControllerOf(pod.metadata)?.uid;
    this.countHash(owner, key, pod, -1);
    this.unindexOwner(owner ?? '', key, node);
    if (countsOnNode(pod)) {
      const nodeName = pod.spec.nodeName!;
      const u = this.usage.get(nodeName);
      if (u !== undefined) {
        updateNodeUsage(u, pod, -1);
        if (u.pods === 0) this.usage.delete(nodeName);
      }
    }
  }

  podsOnNode(nodeName: string): Iterable<Pod> {
    return this.byNode.get(nodeName)?.values() ?? EMPTY;
  }

  /** Node names that pods are attributed to, sorted. */
  nodeNamesWithPods(): readonly string[] {
    return [...this.byNode.keys()].filter((n) => n !== '').sort();
  }

  /** Pods with a deletionTimestamp, by key. */
  terminatingPods(): readonly Pod[] {
    return [...this.terminating.keys()].sort().map((k) => this.terminating.get(k)!);
  }

  /** Names of nodes that do not exist but still have pods bound to or targeting them, sorted. */
  orphanedNodeNames(): readonly string[] {
    return this.orphaned.size === 0 ? [] : [...this.orphaned].sort();
  }

  terminatedPodCount(): number {
    return this.terminated;
  }

  nodeUsage(nodeName: string): NodeUsage {
    return this.usage.get(nodeName) ?? EMPTY_NODE_USAGE;
  }

  /** An owner's pods by revision hash label: whether a rollout is under way, in O(1). */
  ownedPodHashes(uid: string): ReadonlyMap<string, ReadonlyMap<string, Pod>> {
    return this.hashesByOwner.get(uid) ?? NO_HASHES;
  }

  podsOfOwnerOnNode(uid: string, nodeName: string): Iterable<Pod> {
    return this.podsByOwner.get(uid)?.get(nodeName)?.values() ?? EMPTY;
  }

  hasPodsOfOwnerOnNode(uid: string, nodeName: string): boolean {
    return this.podsByOwner.get(uid)?.has(nodeName) ?? false;
  }

  /** Nodes holding pods of owner `uid` (`''` for orphans), sorted. */
  nodeNamesOfOwner(uid: string): readonly string[] {
    const byNode = this.podsByOwner.get(uid);
    if (byNode === undefined) return [];
    const out: string[] = [];
    for (const n of byNode.keys()) if (n !== '') out.push(n);
    return out.sort();
  }

  /**
   * Keeps per-owner pods by revision hash, so a pass knows in O(1) whether a rollout is under
   * way and history cleanup finds the live hashes without listing pods.
   */
  private countHash(owner: string | undefined, key: string, pod: Pod, delta: 1 | -1): void {
    if (owner === undefined) return;
    const hash = pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] ?? '';
    let byHash = this.hashesByOwner.get(owner);
    if (byHash === undefined) {
      byHash = new Map();
      this.hashesByOwner.set(owner, byHash);
    }
    let pods = byHash.get(hash);
    if (pods === undefined) {
      pods = new Map();
      byHash.set(hash, pods);
    }
    if (delta === 1) pods.set(key, pod);
    else pods.delete(key);
    if (pods.size === 0) byHash.delete(hash);
    if (byHash.size === 0) this.hashesByOwner.delete(owner);
  }

  private indexOwner(owner: string, key: string, node: string, pod: Pod): void {
    let byNode = this.podsByOwner.get(owner);
    if (byNode === undefined) {
      byNode = new Map();
      this.podsByOwner.set(owner, byNode);
    }
    let bucket = byNode.get(node);
    if (bucket === undefined) {
      bucket = new Map();
      byNode.set(node, bucket);
    }
    bucket.set(key, pod);
  }

  private unindexOwner(owner: string, key: string, node: string): void {
    const byNode = this.podsByOwner.get(owner);
    const bucket = byNode?.get(node);
    if (byNode === undefined || bucket === undefined) return;
    bucket.delete(key);
    if (bucket.size > 0) return;
    byNode.delete(node);
    if (byNode.size === 0) this.podsByOwner.delete(owner);
  }
}
