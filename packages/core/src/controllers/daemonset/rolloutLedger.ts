import type { DaemonSet, Node, Pod } from '../../model/objects.js';
import { becomesAvailableAt, isPodAvailable } from '../../model/podConditions.js';
import type { SimTime } from '../../model/time.js';
import type { ClusterView } from '../../sim/clusterView.js';
import { getTemplateGeneration } from './createPodTemplate.js';
import { getNodesToDaemonPods } from './getNodesToDaemonPods.js';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod.js';
import type { RollingUpdateDecision } from './rollingUpdate.js';
import { findUpdatedPodsOnNode, unavailableCount } from './rollingUpdate.js';
import { SortedNodeSet } from './sortedNodeSet.js';
import { surgeCount } from './surgeCount.js';

type NodeSet = SortedNodeSet;

/** What `rollingUpdate` does with one node without surge (maxSurge 0). */
export type ClassicRole = 'replace' | 'candidate' | undefined;
/** What `rollingUpdate` does with one node with surge. */
export type SurgeRole = 'deleteOld' | 'allowNew' | 'shouldNotRun' | 'candidate' | undefined;

/**
 * One node's part in a rollout pass, in both modes, so the pass can be decided from counts.
 * Upstream has no counterpart: `rollingUpdate` classifies every node on every pass.
 */
export interface RolloutNodeEntry {
  /** The node exists and should run the DaemonSet: it counts towards the desired number. */
  readonly shouldRun: boolean;
  /** Without surge: the node counts as unavailable. */
  readonly unavailable: boolean;
  readonly classic: ClassicRole;
  /** With surge: the node counts as surging. */
  readonly surging: boolean;
  /** With surge: the node counts as available. */
  readonly available: boolean;
  readonly surge: SurgeRole;
  /** The old pod the pass would delete in the roles that delete one. */
  readonly oldPod: Pod | undefined;
  /** When a ready pod of the node becomes available by time alone (minReadySeconds), if it will. */
  readonly changesAt: SimTime | undefined;
}

/**
 * The running counts of one DaemonSet's rollout, kept by the simulator between passes: the
 * entries of every node `rollingUpdate` visits, their totals, and the nodes of each role in
 * name order. Valid for one DaemonSet spec and current hash; `stale` holds the nodes whose
 * inputs changed since their entries were computed.
 * Upstream has no counterpart (it recounts every node each pass); this is the incremental
 * deviation, checked against the full pass by a property test.
 */
export interface RolloutLedger {
  readonly uid: string;
  readonly spec: DaemonSet['spec'];
  readonly templateGeneration: number | undefined;
  readonly hash: string;
  readonly entries: Map<string, RolloutNodeEntry>;
  desired: number;
  unavailable: number;
  surging: number;
  available: number;
  readonly classic: { readonly replace: NodeSet; readonly candidate: NodeSet };
  readonly surge: {
    readonly deleteOld: NodeSet;
    readonly allowNew: NodeSet;
    readonly shouldNotRun: NodeSet;
    readonly candidate: NodeSet;
  };
  /** Nodes whose entry turns by time alone, to that time. */
  readonly changing: Map<string, SimTime>;
  /** Nodes whose inputs changed since their entries were computed. */
  readonly stale: Set<string>;
}

/** An empty ledger for the DaemonSet as it is now; every node must then be entered. */
export function newRolloutLedger(ds: DaemonSet, hash: string): RolloutLedger {
  return {
    uid: ds.metadata.uid,
    spec: ds.spec,
    templateGeneration: getTemplateGeneration(ds),
    hash,
    entries: new Map(),
    desired: 0,
    unavailable: 0,
    surging: 0,
    available: 0,
    classic: { replace: new SortedNodeSet(), candidate: new SortedNodeSet() },
    surge: {
      deleteOld: new SortedNodeSet(),
      allowNew: new SortedNodeSet(),
      shouldNotRun: new SortedNodeSet(),
      candidate: new SortedNodeSet(),
    },
    changing: new Map(),
    stale: new Set(),
  };
}

/** Whether the ledger still describes this DaemonSet at this hash (else it is rebuilt). */
export function rolloutLedgerMatches(ledger: RolloutLedger, ds: DaemonSet, hash: string): boolean {
  return (
    ledger.uid === ds.metadata.uid &&
    ledger.spec === ds.spec &&
    ledger.hash === hash &&
    ledger.templateGeneration === getTemplateGeneration(ds)
  );
}

/**
 * The nodes whose entries must be recomputed before a pass at `now`: the stale ones and the
 * ones whose pods became available by time alone.
 */
export function rolloutNodesDue(ledger: RolloutLedger, now: SimTime): string[] {
  const out = new Set(ledger.stale);
  for (const [node, at] of ledger.changing) if (at <= now) out.add(node);
  out.delete('');
  return [...out];
}

/**
 * Recomputes the entries of `nodeNames` (every node the full pass would visit when undefined),
 * `undefined` for a node the full pass would not visit.
 * Mirrors the per-node part of `rollingUpdate` and `updatedDesiredNodeCounts`
 * (pkg/controller/daemon/update.go), over the pods `getNodesToDaemonPods` claims there.
 */
export function rolloutNodeEntries(
  view: ClusterView,
  ds: DaemonSet,
  hash: string,
  now: SimTime,
  nodeNames: readonly string[] | undefined,
): Map<string, RolloutNodeEntry | undefined> {
  const { nodeToDaemonPods } = getNodesToDaemonPods(view, ds, nodeNames, false);
  const names = nodeNames ?? [...new Set([...view.nodeNames(), ...nodeToDaemonPods.keys()])];
  const out = new Map<string, RolloutNodeEntry | undefined>();
  for (const name of names)
    out.set(name, rolloutNodeEntry(view.getNode(name), ds, nodeToDaemonPods.get(name), hash, now));
  return out;
}

function rolloutNodeEntry(
  node: Node | undefined,
  ds: DaemonSet,
  pods: readonly Pod[] | undefined,
  hash: string,
  now: SimTime,
): RolloutNodeEntry | undefined {
  const shouldRun = node !== undefined && nodeShouldRunDaemonPod(node, ds).shouldRun;
  if ((pods === undefined || pods.length === 0) && !shouldRun) return undefined;
  const minReadySeconds = ds.spec.minReadySeconds ?? 0;
  const isAvailable = (pod: Pod): boolean => isPodAvailable(pod, minReadySeconds, now);
  const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods ?? [], hash);
  if (!ok) {
    return { ...NONE, shouldRun, unavailable: true, surging: true };
  }
  const changesAt = earliest(
    oldPod === undefined ? undefined : becomesAvailableAt(oldPod, minReadySeconds, now),
    newPod === undefined ? undefined : becomesAvailableAt(newPod, minReadySeconds, now),
  );
  const oldAvailable = oldPod !== undefined && isAvailable(oldPod);
  const newAvailable = newPod !== undefined && isAvailable(newPod);
  // Without surge (rollingUpdate, maxSurge == 0).
  let unavailable = false;
  let classic: ClassicRole;
  if ((oldPod === undefined) === (newPod === undefined)) unavailable = true;
  else if (newPod !== undefined) unavailable = !newAvailable;
  else if (!oldAvailable) {
    unavailable = true;
    classic = 'replace';
  } else classic = 'candidate';
  // With surge.
  let surging = false;
  let surge: SurgeRole;
  const available = oldPod !== undefined ? oldAvailable : newAvailable;
  if (oldPod !== undefined) {
    if (newPod === undefined) {
      if (node !== undefined) {
        if (!oldAvailable) surge = shouldRun ? 'allowNew' : 'deleteOld';
        else surge = shouldRun ? 'candidate' : 'shouldNotRun';
      }
    } else if (!newAvailable) surging = true;
    else surge = 'deleteOld';
  }
  return { shouldRun, unavailable, classic, surging, available, surge, oldPod, changesAt };
}

const NONE: RolloutNodeEntry = {
  shouldRun: false,
  unavailable: false,
  classic: undefined,
  surging: false,
  available: false,
  surge: undefined,
  oldPod: undefined,
  changesAt: undefined,
};

function earliest(a: SimTime | undefined, b: SimTime | undefined): SimTime | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * Replaces nodes' entries in the ledger, keeping its totals and role sets; the simulator's
 * write after {@link rolloutNodeEntries}. Clears those nodes from `stale`.
 */
export function applyRolloutEntries(
  ledger: RolloutLedger,
  entries: ReadonlyMap<string, RolloutNodeEntry | undefined>,
): void {
  for (const [node, entry] of entries) {
    ledger.stale.delete(node);
    const previous = ledger.entries.get(node);
    if (previous !== undefined) account(ledger, node, previous, -1);
    if (entry === undefined) ledger.entries.delete(node);
    else {
      ledger.entries.set(node, entry);
      account(ledger, node, entry, 1);
    }
  }
}

function account(ledger: RolloutLedger, node: string, e: RolloutNodeEntry, sign: 1 | -1): void {
  if (e.shouldRun) ledger.desired += sign;
  if (e.unavailable) ledger.unavailable += sign;
  if (e.surging) ledger.surging += sign;
  if (e.available) ledger.available += sign;
  const add = (set: NodeSet): void => {
    if (sign === 1) set.add(node);
    else set.delete(node);
  };
  if (e.classic !== undefined) add(ledger.classic[e.classic]);
  if (e.surge !== undefined) add(ledger.surge[e.surge]);
  if (e.changesAt !== undefined) {
    if (sign === 1) ledger.changing.set(node, e.changesAt);
    else ledger.changing.delete(node);
  }
}

/**
 * One RollingUpdate pass decided from the ledger: the same deletes and creates, in the same
 * order, as {@link rollingUpdate} over every node.
 * Mirrors `rollingUpdate` (pkg/controller/daemon/update.go).
 * Deviation (incremental): upstream records a candidate only while the running count is below
 * the budget, then takes the first `budget − total` of them; as the running count never exceeds
 * the total, that is the first `budget − total` nodes of the role in name order, read here from
 * the role's sorted set.
 */
export function rollingUpdateFromLedger(ds: DaemonSet, ledger: RolloutLedger): RollingUpdateDecision {
  const desired = ledger.desired;
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const oldPod = (node: string): Pod => ledger.entries.get(node)!.oldPod!;
  if (maxSurge === 0) {
    const { replace, candidate } = ledger.classic;
    const remaining = Math.min(Math.max(maxUnavailable - ledger.unavailable, 0), candidate.size);
    return {
      oldPodsToDelete: [...replace.values(), ...candidate.first(remaining)].map(oldPod),
      newNodesToCreate: [],
    };
  }
  const { deleteOld, allowNew, shouldNotRun, candidate } = ledger.surge;
  const oldPodsToDelete = deleteOld.values().map(oldPod);
  const deletable = ledger.available - desired;
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRun.first(deletable).map(oldPod));
  const remainingSurge = Math.min(Math.max(maxSurge - ledger.surging, 0), candidate.size);
  return {
    oldPodsToDelete,
    newNodesToCreate: [...allowNew.values(), ...candidate.first(remainingSurge)],
  };
}
