import type { ControllerRevision, DaemonSet, KubeEvent, Namespace, Node, Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import type { ClusterView, DaemonSetControllerMemory } from './clusterView.js';
import { SnapshotMap } from './snapshotMap.js';
import { EventCollection, kubeletEventValues } from './eventCollection.js';
import type { KubeletEventRecord } from './kubeletEventRecord.js';
import type { MutableDaemonSetMemory } from './daemonSetMemory.js';
import { JournaledDaemonSetMemory } from './daemonSetMemory.js';
import type { Journal, Undoable } from './journal.js';
import { JournaledMap, NO_JOURNAL } from './journal.js';
import type { NodeUsage } from '../controllers/scheduler/nodeUsage.js';
import { PodIndexes } from './podIndexes.js';

/** The immutable state of the cluster's objects at one moment; later steps never change it. */
export interface ClusterSnapshot {
  readonly nodes: ReadonlyMap<string, Node>;
  readonly pods: ReadonlyMap<string, Pod>;
  readonly daemonSets: ReadonlyMap<string, DaemonSet>;
  readonly controllerRevisions: ReadonlyMap<string, ControllerRevision>;
  readonly events: ReadonlyMap<string, KubeEvent>;
  readonly namespaces: ReadonlyMap<string, Namespace>;
}

function ownerUids(obj: { metadata: { ownerReferences?: readonly { uid: string }[] } }): readonly string[] {
  const refs = obj.metadata.ownerReferences;
  return refs === undefined ? [] : refs.map((r) => r.uid);
}

/**
 * The simulator's object store with the indexes controllers need: the one place objects are
 * written. Collections are {@link SnapshotMap}s: plain Maps for the controllers' reads, with
 * persistent maps beside them once a snapshot is taken, so a snapshot stays valid and a write
 * after one costs O(log n); indexes are plain mutable maps kept beside them and rebuilt by
 * nobody but this class.
 * Upstream counterpart: etcd plus the informer indexers of kube-controller-manager.
 */
export class ClusterStore implements ClusterView {
  readonly nodes = new SnapshotMap<string, Node>();
  readonly pods = new SnapshotMap<string, Pod>();
  readonly daemonSets = new SnapshotMap<string, DaemonSet>();
  readonly revisions = new SnapshotMap<string, ControllerRevision>();
  readonly kubeEvents = new SnapshotMap<string, KubeEvent>();
  /** The kubelet's container events by pod key, compact (see {@link KubeletEventRecord}); read as KubeEvents. */
  readonly kubeletEvents = new SnapshotMap<string, readonly KubeletEventRecord[]>();
  private eventsView: EventCollection | undefined;
  readonly namespaces = new SnapshotMap<string, Namespace>();

  /** The pods' indexes: by node, by owner and node, by revision hash, terminating, node usage. */
  private readonly podIndexes = new PodIndexes((node) => this.nodes.has(node));
  private readonly dependents = new Map<string, Set<string>>();
  /** Bumped on every revision put and remove, the journal's undo included: never goes back. */
  private revisionWrites = 0;
  private sortedNodes: string[] | undefined;
  private sortedDaemonSets: string[] | undefined;
  private readonly memory: JournaledMap<string, MutableDaemonSetMemory>;

  /** Records every write while an event is open, so that a failed event leaves the store as it found it. */
  private readonly journal: Journal;
  private readonly undoNode: Undoable = {
    undo: (key, old) => (old === undefined ? this.removeNode(key as string) : this.putNode(old as Node)),
  };
  private readonly undoPod: Undoable = {
    undo: (key, old) => (old === undefined ? this.removePod(key as string) : this.putPod(old as Pod)),
  };
  private readonly undoDaemonSet: Undoable = {
    undo: (key, old) => {
      if (old !== undefined) return this.putDaemonSet(old as DaemonSet);
      if (this.daemonSets.delete(key as string)) this.sortedDaemonSets = undefined;
    },
  };
  private readonly undoRevision: Undoable = {
    undo: (key, old) =>
      old === undefined ? this.removeRevision(key as string) : this.putRevision(old as ControllerRevision),
  };
  private readonly undoEvent: Undoable = {
    undo: (key, old) =>
      old === undefined ? this.removeEvent(key as string) : this.putEvent(old as KubeEvent),
  };
  private readonly undoKubeletEvents: Undoable = {
    undo: (key, old) =>
      old === undefined
        ? this.removeKubeletEvents(key as string)
        : this.putKubeletEvents(key as string, old as readonly KubeletEventRecord[]),
  };
  private readonly undoNamespace: Undoable = {
    undo: (key, old) =>
      old === undefined ? this.namespaces.delete(key as string) : this.putNamespace(old as Namespace),
  };

  constructor(journal: Journal = NO_JOURNAL) {
    this.journal = journal;
    this.memory = new JournaledMap(journal);
  }

  snapshot(): ClusterSnapshot {
    return {
      nodes: this.nodes.snapshot(),
      pods: this.pods.snapshot(),
      daemonSets: this.daemonSets.snapshot(),
      controllerRevisions: this.revisions.snapshot(),
      events: this.eventsSnapshot(),
      namespaces: this.namespaces.snapshot(),
    };
  }

  /** The events of a snapshot: the same collection object while neither part changed, so readers' caches hold. */
  private eventsSnapshot(): EventCollection {
    const whole = this.kubeEvents.snapshot();
    const kubelet = this.kubeletEvents.snapshot();
    const view = this.eventsView;
    if (view !== undefined && view.whole === whole && view.kubelet === kubelet) return view;
    this.eventsView = new EventCollection(whole, kubelet);
    return this.eventsView;
  }

  // --- writes (simulator only) ---

  putNode(node: Node): void {
    if (this.journal.active)
      this.journal.record(this.undoNode, node.metadata.name, this.nodes.get(node.metadata.name), true);
    if (!this.nodes.has(node.metadata.name)) this.sortedNodes = undefined;
    this.nodes.set(node.metadata.name, node);
    this.podIndexes.nodeAdded(node.metadata.name);
  }

  removeNode(name: string): void {
    if (this.journal.active && this.nodes.has(name))
      this.journal.record(this.undoNode, name, this.nodes.get(name), true);
    if (this.nodes.delete(name)) this.sortedNodes = undefined;
    this.podIndexes.nodeRemoved(name);
  }

  putPod(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const old = this.pods.get(key);
    if (this.journal.active) this.journal.record(this.undoPod, key, old, true);
    // Most pod writes (status, binding) keep the owner references array: the dependents index,
    // read only sorted, then needs no `Pod:<key>` strings and set operations.
    const sameOwners = old !== undefined && old.metadata.ownerReferences === pod.metadata.ownerReferences;
    if (old !== undefined) {
      this.podIndexes.remove(key, old);
      if (!sameOwners) this.unindexDependent(`Pod:${key}`, old);
    }
    this.pods.set(key, pod);
    this.podIndexes.add(key, pod);
    if (!sameOwners) this.indexDependent(`Pod:${key}`, pod);
  }

  removePod(key: string): void {
    const old = this.pods.get(key);
    if (old === undefined) return;
    if (this.journal.active) this.journal.record(this.undoPod, key, old, true);
    this.podIndexes.remove(key, old);
    this.unindexDependent(`Pod:${key}`, old);
    this.pods.delete(key);
  }

  putDaemonSet(ds: DaemonSet): void {
    const key = objectKey(ds.metadata);
    if (this.journal.active) this.journal.record(this.undoDaemonSet, key, this.daemonSets.get(key), true);
    if (!this.daemonSets.has(key)) this.sortedDaemonSets = undefined;
    this.daemonSets.set(key, ds);
  }

  removeDaemonSet(key: string): void {
    if (this.journal.active && this.daemonSets.has(key))
      this.journal.record(this.undoDaemonSet, key, this.daemonSets.get(key), true);
    if (this.daemonSets.delete(key)) this.sortedDaemonSets = undefined;
    this.memory.delete(key);
  }

  putRevision(rev: ControllerRevision): void {
    const key = objectKey(rev.metadata);
    const old = this.revisions.get(key);
    if (this.journal.active) this.journal.record(this.undoRevision, key, old, true);
    if (old !== undefined) this.unindexDependent(`ControllerRevision:${key}`, old);
    this.revisionWrites++;
    this.revisions.set(key, rev);
    this.indexDependent(`ControllerRevision:${key}`, rev);
  }

  removeRevision(key: string): void {
    const old = this.revisions.get(key);
    if (old === undefined) return;
    if (this.journal.active) this.journal.record(this.undoRevision, key, old, true);
    this.unindexDependent(`ControllerRevision:${key}`, old);
    this.revisionWrites++;
    this.revisions.delete(key);
  }

  putEvent(event: KubeEvent): void {
    const key = objectKey(event.metadata);
    if (this.journal.active) this.journal.record(this.undoEvent, key, this.kubeEvents.get(key), true);
    this.kubeEvents.set(key, event);
  }

  removeEvent(key: string): void {
    if (this.journal.active && this.kubeEvents.has(key))
      this.journal.record(this.undoEvent, key, this.kubeEvents.get(key), true);
    this.kubeEvents.delete(key);
  }

  putKubeletEvents(podKey: string, records: readonly KubeletEventRecord[]): void {
    if (this.journal.active)
      this.journal.record(this.undoKubeletEvents, podKey, this.kubeletEvents.get(podKey), true);
    this.kubeletEvents.set(podKey, records);
  }

  removeKubeletEvents(podKey: string): void {
    if (this.journal.active && this.kubeletEvents.has(podKey))
      this.journal.record(this.undoKubeletEvents, podKey, this.kubeletEvents.get(podKey), true);
    this.kubeletEvents.delete(podKey);
  }

  putNamespace(ns: Namespace): void {
    const name = ns.metadata.name;
    if (this.journal.active) this.journal.record(this.undoNamespace, name, this.namespaces.get(name), true);
    this.namespaces.set(name, ns);
  }

  /** The mutable memory of the DaemonSet controller for `key`; the simulator applies plans to it. */
  mutableDaemonSetMemory(key: string): MutableDaemonSetMemory {
    let m = this.memory.get(key);
    if (m === undefined) {
      m = new JournaledDaemonSetMemory(this.journal);
      this.memory.set(key, m);
    }
    return m;
  }

  /** Drops the DaemonSet controller's memory of every DaemonSet: what a restarted controller no longer knows. */
  forgetDaemonSetMemory(): void {
    this.memory.clear();
  }

  /** Notes that a node's inputs changed for the rollout ledger of DaemonSet `key`, if it has one. */
  markRolloutStale(key: string, node: string): void {
    this.memory.get(key)?.rollout?.stale.add(node);
  }

  // --- ClusterView ---

  getNode(name: string): Node | undefined {
    return this.nodes.get(name);
  }

  nodeCount(): number {
    return this.nodes.size;
  }

  nodeNames(): readonly string[] {
    this.sortedNodes ??= [...this.nodes.keys()].sort();
    return this.sortedNodes;
  }

  getDaemonSet(key: string): DaemonSet | undefined {
    return this.daemonSets.get(key);
  }

  daemonSetKeys(): readonly string[] {
    this.sortedDaemonSets ??= [...this.daemonSets.keys()].sort();
    return this.sortedDaemonSets;
  }

  getPod(key: string): Pod | undefined {
    return this.pods.get(key);
  }

  podsOnNode(nodeName: string): Iterable<Pod> {
    return this.podIndexes.podsOnNode(nodeName);
  }

  nodeNamesWithPods(): readonly string[] {
    return this.podIndexes.nodeNamesWithPods();
  }

  revisionsInNamespace(namespace: string): readonly ControllerRevision[] {
    const out: ControllerRevision[] = [];
    for (const rev of this.revisions.values()) if (rev.metadata.namespace === namespace) out.push(rev);
    return out.sort((a, b) =>
      a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0,
    );
  }

  revisionsVersion(): number {
    return this.revisionWrites;
  }

  dependentsOf(uid: string): readonly string[] {
    const set = this.dependents.get(uid);
    return set === undefined ? [] : [...set].sort();
  }

  getRevision(key: string): ControllerRevision | undefined {
    return this.revisions.get(key);
  }

  getNamespace(name: string): Namespace | undefined {
    return this.namespaces.get(name);
  }

  terminatingPods(): readonly Pod[] {
    return this.podIndexes.terminatingPods();
  }

  /** Names of nodes that do not exist but still have pods bound to or targeting them, sorted. */
  orphanedNodeNames(): readonly string[] {
    return this.podIndexes.orphanedNodeNames();
  }

  terminatedPodCount(): number {
    return this.podIndexes.terminatedPodCount();
  }

  allPods(): readonly Pod[] {
    return [...this.pods.keys()].sort().map((k) => this.pods.get(k)!);
  }

  events(): Iterable<KubeEvent> {
    if (this.kubeletEvents.size === 0) return this.kubeEvents.values();
    const whole = this.kubeEvents.values();
    const kubelet = kubeletEventValues(this.kubeletEvents.values());
    return (function* () {
      yield* whole;
      yield* kubelet;
    })();
  }

  nodeUsage(nodeName: string): NodeUsage {
    return this.podIndexes.nodeUsage(nodeName);
  }

  ownedPodHashes(uid: string): ReadonlyMap<string, ReadonlyMap<string, Pod>> {
    return this.podIndexes.ownedPodHashes(uid);
  }

  podsOfOwnerOnNode(uid: string, nodeName: string): Iterable<Pod> {
    return this.podIndexes.podsOfOwnerOnNode(uid, nodeName);
  }

  hasPodsOfOwnerOnNode(uid: string, nodeName: string): boolean {
    return this.podIndexes.hasPodsOfOwnerOnNode(uid, nodeName);
  }

  nodeNamesOfOwner(uid: string): readonly string[] {
    return this.podIndexes.nodeNamesOfOwner(uid);
  }

  daemonSetMemory(key: string): DaemonSetControllerMemory {
    return (
      this.memory.get(key) ?? {
        ledger: new Map(),
        backoff: new Map(),
        counts: undefined,
        expectations: undefined,
        rollout: undefined,
        availabilityDue: new Map(),
      }
    );
  }

  // --- the dependents index (the garbage collector's owner graph) ---

  private indexDependent(
    ref: string,
    obj: { metadata: { ownerReferences?: readonly { uid: string }[] } },
  ): void {
    for (const uid of ownerUids(obj)) {
      let set = this.dependents.get(uid);
      if (set === undefined) {
        set = new Set();
        this.dependents.set(uid, set);
      }
      set.add(ref);
    }
  }

  private unindexDependent(
    ref: string,
    obj: { metadata: { ownerReferences?: readonly { uid: string }[] } },
  ): void {
    for (const uid of ownerUids(obj)) {
      const set = this.dependents.get(uid);
      if (set === undefined) continue;
      set.delete(ref);
      if (set.size === 0) this.dependents.delete(uid);
    }
  }
}
