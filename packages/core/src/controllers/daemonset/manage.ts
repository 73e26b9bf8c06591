import type { DaemonSet, Pod } from '../../model/objects.js';
import { getTargetNodeName } from '../../model/nodeAffinity.js';
import type { SimTime } from '../../model/time.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import type { DaemonSetControllerOptions } from './daemonSetControllerOptions.js';
import { DEFAULT_DAEMONSET_CONTROLLER_OPTIONS } from './daemonSetControllerOptions.js';
import type { BackoffEntry } from './failedPodsBackoff.js';
import { podsShouldBeOnNode } from './podsShouldBeOnNode.js';
import { syncNodes } from './syncNodes.js';

/** The writes of one `manage` step and what the simulator must remember or revisit. */
export interface ManageResult {
  readonly actions: Action[];
  readonly backoffUpdates: ReadonlyMap<string, BackoffEntry>;
  /** Earliest time-driven revisit (failed-pod backoff), if any. */
  readonly requeueAfter: number | undefined;
  /** Nodes to revisit on the next pass: in backoff, or beyond the burst cap. */
  readonly stillDirty: readonly string[];
  /** The creates and deletes issued, which the controller now expects to observe. */
  readonly expectations: { readonly add: number; readonly del: number };
}

/**
 * Creates a daemon pod on every node that should run one and has none, and deletes the pods
 * that should not be there; at most `burstReplicas` (250) of each per pass.
 * Mirrors `manage` and `getUnscheduledPodsWithoutNode` (pkg/controller/daemon/daemon_controller.go).
 * `nodeNames` are the nodes this pass looks at (sorted; all nodes on a full pass) and
 * `nodeToDaemonPods` the claimed pods of exactly those nodes.
 */
export function manage(
  view: ClusterView,
  ds: DaemonSet,
  nodeNames: readonly string[],
  nodeToDaemonPods: ReadonlyMap<string, Pod[]>,
  hash: string,
  now: SimTime,
  settings: DaemonSetControllerOptions = DEFAULT_DAEMONSET_CONTROLLER_OPTIONS,
): ManageResult {
  const backoff = view.daemonSetMemory(`${ds.metadata.namespace}/${ds.metadata.name}`).backoff;
  const nodesNeedingDaemonPods: string[] = [];
  const podsToDelete: Pod[] = [];
  const actions: Action[] = [];
  const backoffUpdates = new Map<string, BackoffEntry>();
  const stillDirty: string[] = [];
  let requeueAfter: number | undefined;
  const existing = new Set<string>();
  for (const nodeName of nodeNames) {
    const node = view.getNode(nodeName);
    if (node === undefined) continue;
    existing.add(nodeName);
    const decision = podsShouldBeOnNode(
      node,
      nodeToDaemonPods.get(nodeName),
      ds,
      hash,
      now,
      backoff,
      settings.failedPodsBackoff,
    );
    if (decision.nodeNeedsDaemonPod) nodesNeedingDaemonPods.push(nodeName);
    for (const p of decision.podsToDelete) podsToDelete.push(p);
    for (const e of decision.events) actions.push(e);
    for (const [k, v] of decision.backoffUpdates) backoffUpdates.set(k, v);
    if (decision.requeueAfter !== undefined) {
      stillDirty.push(nodeName);
      requeueAfter = Math.min(requeueAfter ?? Infinity, decision.requeueAfter);
    }
  }
  // Unbound pods targeting a node that does not exist are never scheduled and PodGC will not
  // see them: the DaemonSet controller deletes them.
  for (const [nodeName, pods] of nodeToDaemonPods) {
    if (existing.has(nodeName) || view.getNode(nodeName) !== undefined) continue;
    for (const pod of pods)
      if (pod.spec.nodeName === undefined || pod.spec.nodeName === '') podsToDelete.push(pod);
  }
  const synced = syncNodes(ds, podsToDelete, nodesNeedingDaemonPods, hash, settings.burstReplicas);
  for (const n of synced.deferredNodes) stillDirty.push(n);
  for (let i = synced.expectations.del; i < podsToDelete.length; i++) {
    const n = getTargetNodeName(podsToDelete[i]!);
    if (n !== undefined) stillDirty.push(n);
  }
  return {
    actions: actions.length === 0 ? synced.actions : [...actions, ...synced.actions],
    backoffUpdates,
    requeueAfter,
    stillDirty,
    expectations: synced.expectations,
  };
}
