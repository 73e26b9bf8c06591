import type { DaemonSet, Pod } from '../../model/objects.js';
import { getScaledValueFromIntOrPercent } from '../../model/intOrPercent.js';
import { isPodAvailable } from '../../model/podConditions.js';
import type { SimTime } from '../../model/time.js';
import type { ClusterView } from '../../sim/clusterView.js';
import { getTemplateGeneration } from './createPodTemplate.js';
import { isPodUpdated } from './isPodUpdated.js';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod.js';
import { surgeCount } from './surgeCount.js';

/** The rollout budgets of one pass. */
export interface DesiredNodeCounts {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  readonly desiredNumberScheduled: number;
}

/**
 * How many pods may be unavailable while a RollingUpdate proceeds: `maxUnavailable` scaled
 * against the desired count, percentages rounded up. Mirrors `UnavailableCount`
 * (pkg/controller/daemon/util/daemonset_util.go).
 */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec.updateStrategy;
  if (strategy.type !== 'RollingUpdate' || strategy.rollingUpdate === undefined) return 0;
  return getScaledValueFromIntOrPercent(strategy.rollingUpdate.maxUnavailable, numberToSchedule, true);
}

/**
 * The budgets of one rollout pass, and every node that should run a pod added to
 * `nodeToDaemonPods` (empty) so the rollout visits it. An impossible 0/0 configuration falls
 * back to one unavailable pod. Mirrors `updatedDesiredNodeCounts` (pkg/controller/daemon/update.go).
 * Deviation: returns the map extended rather than extending the caller's.
 */
export function updatedDesiredNodeCounts(
  view: ClusterView,
  ds: DaemonSet,
  nodeToDaemonPods: Map<string, Pod[]>,
): DesiredNodeCounts {
  let desiredNumberScheduled = 0;
  for (const name of view.nodeNames()) {
    const node = view.getNode(name)!;
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desiredNumberScheduled++;
    if (!nodeToDaemonPods.has(name)) nodeToDaemonPods.set(name, []);
  }
  let maxUnavailable = unavailableCount(ds, desiredNumberScheduled);
  const maxSurge = surgeCount(ds, desiredNumberScheduled);
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

/** The new and the old pod on one node, or `ok: false` when there are two of either. */
export interface UpdatedPodsOnNode {
  readonly newPod: Pod | undefined;
  readonly oldPod: Pod | undefined;
  readonly ok: boolean;
}

/**
 * Splits one node's live pods into the up-to-date one and the old one.
 * Mirrors `findUpdatedPodsOnNode` (pkg/controller/daemon/update.go).
 */
export function findUpdatedPodsOnNode(
  ds: DaemonSet,
  podsOnNode: readonly Pod[],
  hash: string,
): UpdatedPodsOnNode {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  const generation = getTemplateGeneration(ds);
  for (const pod of podsOnNode) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod !== undefined) return { newPod: undefined, oldPod: undefined, ok: false };
      newPod = pod;
    } else {
      if (oldPod !== undefined) return { newPod: undefined, oldPod: undefined, ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** The pods a rollout pass deletes and the nodes it creates pods on. */
export interface RollingUpdateDecision {
  readonly oldPodsToDelete: readonly Pod[];
  readonly newNodesToCreate: readonly string[];
}

/**
 * One RollingUpdate pass: without surge, deletes old pods within `maxUnavailable` (old pods
 * that are unavailable anyway are always replaced); with surge, creates new pods beside old
 * ones within `maxSurge` and deletes old pods whose replacement is available.
 * Mirrors `rollingUpdate` (pkg/controller/daemon/update.go).
 * Deviations: upstream walks a Go map, so which candidates win is random there; here nodes are
 * visited in name order, so the first candidates by node name are chosen. A node that holds an
 * old pod but no longer exists is skipped instead of failing the pass.
 * `nodeToDaemonPods` must hold the DaemonSet's pods of every node (a full list).
 */
export function rollingUpdate(
  view: ClusterView,
  ds: DaemonSet,
  nodeToDaemonPods: Map<string, Pod[]>,
  hash: string,
  now: SimTime,
): RollingUpdateDecision {
  const { maxSurge, maxUnavailable, desiredNumberScheduled } = updatedDesiredNodeCounts(
    view,
    ds,
    nodeToDaemonPods,
  );
  const minReadySeconds = ds.spec.minReadySeconds ?? 0;
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReadySeconds, now);
  const nodeNames = [...nodeToDaemonPods.keys()].sort();
  const oldPodsToDelete: Pod[] = [];
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: Pod[] = [];
    const candidatePodsToDelete: Pod[] = [];
    for (const nodeName of nodeNames) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName)!, hash);
      if (!ok) {
        // Let manage prune the duplicates; the node counts as unavailable meanwhile.
        numUnavailable++;
        continue;
      }
      if ((oldPod === undefined && newPod === undefined) || (oldPod !== undefined && newPod !== undefined)) {
        numUnavailable++;
      } else if (newPod !== undefined) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod !== undefined) {
        if (!available(oldPod)) {
          // An unavailable old pod costs nothing to replace.
          allowedReplacementPods.push(oldPod);
          numUnavailable++;
        } else if (numUnavailable < maxUnavailable) {
          candidatePodsToDelete.push(oldPod);
        }
      }
    }
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    return {
      oldPodsToDelete: [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)],
      newNodesToCreate: [],
    };
  }
  let numSurge = 0;
  let numAvailable = 0;
  const allowedNewNodes: string[] = [];
  const candidateNewNodes: string[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  for (const nodeName of nodeNames) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName)!, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod !== undefined) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod !== undefined && available(newPod)) {
      numAvailable++;
    }
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      const node = view.getNode(nodeName);
      if (node === undefined) continue;
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      if (!available(oldPod)) {
        if (!shouldRun) oldPodsToDelete.push(oldPod);
        else allowedNewNodes.push(nodeName);
      } else if (!shouldRun) {
        shouldNotRunPodsToDelete.push(oldPod);
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod);
  }
  // Pods moving off nodes that stopped qualifying go only while enough others are available.
  const deletable = numAvailable - desiredNumberScheduled;
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return {
    oldPodsToDelete,
    newNodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)],
  };
}
