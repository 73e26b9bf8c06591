import type { ControlleeExpectations } from '../controllers/daemonset/expectations.js';
import type { StatusCounts } from '../controllers/daemonset/nodeStatusFlags.js';
import type { RolloutLedger } from '../controllers/daemonset/rolloutLedger.js';
import type { NodeUsage } from '../controllers/scheduler/nodeUsage.js';
import type { SimTime } from '../model/time.js';
import type { ControllerRevision, DaemonSet, KubeEvent, Namespace, Node, Pod } from '../model/objects.js';

/** What the DaemonSet controller remembers between passes, owned and written by the simulator. */
export interface DaemonSetControllerMemory {
  /** Per-node status contributions of the last pass, see {@link NodeStatusFlags}. */
  readonly ledger: ReadonlyMap<string, number>;
  /** Creates and deletes of the last pass not yet observed (`ControllerExpectations`). */
  readonly expectations: ControlleeExpectations | undefined;
  /** The status counters the ledger adds up to; undefined before the first pass. */
  readonly counts: StatusCounts | undefined;
  /** Failed-pod backoff entries keyed `<uid>/<observedGeneration>/<node>`. */
  readonly backoff: ReadonlyMap<string, { readonly delay: number; readonly lastUpdate: number }>;
  /** The running counts of a rollout in progress, see {@link RolloutLedger}. */
  readonly rollout: RolloutLedger | undefined;
  /** Nodes looked at whose pods turn available by time alone, to that time (minReadySeconds). */
  readonly availabilityDue: ReadonlyMap<string, SimTime>;
}

/**
 * The read-only view of the cluster that controllers read: the informer caches and listers of a
 * real controller, with the indexes a real controller would build.
 * Upstream counterpart: the listers (`dsLister`, `podLister`, `nodeLister`, `historyLister`).
 * Deviation: iteration orders are sorted where they can reach a plan, for determinism.
 */
export interface ClusterView {
  getNode(name: string): Node | undefined;
  /** How many nodes exist; O(1). */
  nodeCount(): number;
  /** Every node name, sorted. */
  nodeNames(): readonly string[];
  getDaemonSet(key: string): DaemonSet | undefined;
  /** Every DaemonSet key (`namespace/name`), sorted. */
  daemonSetKeys(): readonly string[];
  getPod(key: string): Pod | undefined;
  /**
   * Pods attributed to a node: bound to it, or targeting it through the daemon pod's
   * `metadata.name` node affinity (`GetTargetNodeName`). `''` holds pods attributed to no node.
   */
  podsOnNode(nodeName: string): Iterable<Pod>;
  /** Every node name that has at least one attributed pod (existing or not), sorted; `''` excluded. */
  nodeNamesWithPods(): readonly string[];
  /**
   * Pods whose controller reference has this uid (`''`: pods controlled by nothing, the orphans
   * a controller may adopt) attributed to a node as in {@link podsOnNode}, in the order they
   * have there; O(those pods). This is what lets a DaemonSet pass read only its own pods.
   * Upstream has no such index: `getDaemonPods` lists the namespace and claims every pod.
   */
  podsOfOwnerOnNode(uid: string, nodeName: string): Iterable<Pod>;
  /** Whether {@link podsOfOwnerOnNode} has any pod; O(1). */
  hasPodsOfOwnerOnNode(uid: string, nodeName: string): boolean;
  /** Node names with a pod controlled by `uid` (`''` for orphans), sorted; `''` excluded. */
  nodeNamesOfOwner(uid: string): readonly string[];
  /** The pods an owner controls by `controller-revision-hash` label value (`''` for none), then key. */
  ownedPodHashes(uid: string): ReadonlyMap<string, ReadonlyMap<string, Pod>>;
  /** Controller revisions of a namespace, in key order. */
  revisionsInNamespace(namespace: string): readonly ControllerRevision[];
  /**
   * A number that changes whenever a controller revision is written or removed (a write taken
   * back included); O(1). What lets a pass reuse the history it built while no revision changed.
   */
  revisionsVersion(): number;
  /** Keys (`Kind:namespace/name`) of objects with an owner reference to `uid`, sorted. */
  dependentsOf(uid: string): readonly string[];
  getRevision(key: string): ControllerRevision | undefined;
  getNamespace(name: string): Namespace | undefined;
  /** Pods with a deletionTimestamp, sorted by key. */
  terminatingPods(): readonly Pod[];
  /** How many pods are in phase Succeeded or Failed. */
  terminatedPodCount(): number;
  /** Every pod, sorted by key; O(pods): for full passes only. */
  allPods(): readonly Pod[];
  /** Events, in recording order. */
  events(): Iterable<KubeEvent>;
  /** What the pods bound to the node (not Succeeded or Failed) request and claim; O(1). */
  nodeUsage(nodeName: string): NodeUsage;
  /** The DaemonSet controller's memory for `key`. */
  daemonSetMemory(key: string): DaemonSetControllerMemory;
}
