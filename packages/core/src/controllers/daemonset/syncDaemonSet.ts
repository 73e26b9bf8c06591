import { isEmptyLabelSelector } from '../../model/labelSelector.js';
import type { DaemonSet, Pod } from '../../model/objects.js';
import { getTargetNodeName } from '../../model/nodeAffinity.js';
import { claimPod } from './claimPod.js';
import type { SimTime } from '../../model/time.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import { involvedObjectOf } from '../plan.js';
import { DAEMONSET_CONTROLLER_COMPONENT, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './constants.js';
import type { BackoffEntry } from './failedPodsBackoff.js';
import { getNodesToDaemonPods } from './getNodesToDaemonPods.js';
import { cleanupHistory, constructHistory } from './history.js';
import { rollingUpdate } from './rollingUpdate.js';
import { satisfiedExpectations } from './expectations.js';
import type { DaemonSetControllerOptions } from './daemonSetControllerOptions.js';
import type { SyncNodesResult } from './syncNodes.js';
import { syncNodes } from './syncNodes.js';
import { manage } from './manage.js';

/** Options of one DaemonSet pass. */
export interface SyncDaemonSetOptions {
  /**
   * Look only at these nodes (sorted): the incremental pass after node or pod events.
   * @defaultValue every node, as upstream's full pass
   */
  readonly nodes?: readonly string[];
  /** The controller's settings. @defaultValue kube-controller-manager's (`DEFAULT_DAEMONSET_CONTROLLER_OPTIONS`) */
  readonly controller?: DaemonSetControllerOptions;
}

/** What one pass wants done; the simulator performs it, then runs the status step. */
export interface DaemonSetSyncPlan {
  readonly actions: readonly Action[];
  /** The DaemonSet is gone: drop what the controller remembers of it. */
  readonly forget: boolean;
  /** Whether `manage` ran; a pass that stopped before it leaves every node to look at again. */
  readonly managed: boolean;
  /** The current revision hash; undefined when the pass stopped early (no later phases run). */
  readonly statusHash: string | undefined;
  /** The claimed pods of the pass's nodes by node, as `manage` saw them (before its writes). */
  readonly grouped: ReadonlyMap<string, readonly Pod[]> | undefined;
  /** Run {@link rollingUpdateActions} after these actions. */
  readonly rollingUpdate: boolean;
  /** Run {@link cleanupHistoryActions} after the rolling update. */
  readonly cleanupHistory: boolean;
  readonly updateObservedGen: boolean;
  readonly backoffUpdates: ReadonlyMap<string, BackoffEntry>;
  readonly requeueAfter: number | undefined;
  readonly stillDirty: readonly string[];
  /** Creates and deletes this pass issues (`SetExpectations`); record them before performing the actions. */
  readonly expectations: { readonly add: number; readonly del: number } | undefined;
  /** How many leading actions are `constructHistory`'s: one that fails ends the pass before its status step. */
  readonly historyActions: number;
  /** How many actions after those are the claim's adopt and release patches: one that fails ends `manage`. */
  readonly claimActions: number;
}

const NO_BACKOFF: ReadonlyMap<string, BackoffEntry> = new Map();

/** A plan that stops before `manage` with `actions` (history writes, a warning event, or none). */
export function stoppedPlan(
  actions: readonly Action[],
  forget = false,
  requeueAfter?: number,
): DaemonSetSyncPlan {
  return {
    actions,
    forget,
    managed: false,
    grouped: undefined,
    statusHash: undefined,
    rollingUpdate: false,
    cleanupHistory: false,
    updateObservedGen: false,
    backoffUpdates: NO_BACKOFF,
    requeueAfter,
    stillDirty: [],
    expectations: undefined,
    historyActions: actions.length,
    claimActions: 0,
  };
}

/**
 * One reconciliation pass of a DaemonSet: claims its pods and revisions, creates and deletes
 * pods so each eligible node runs exactly one, and returns the plan without performing it.
 * Mirrors `syncDaemonSet` (pkg/controller/daemon/daemon_controller.go) up to `manage`.
 * Deviations: pure (reads `view`, returns writes). Upstream's later steps re-list the cluster
 * and, under instant observation, see manage's writes; here they are separate pure phases the
 * simulator runs in order on the state after the previous phase's writes:
 * {@link rollingUpdateActions}, {@link cleanupHistoryActions}, then `updateDaemonSetStatus`.
 * The rolling update is skipped while no pod carries an old hash, where it would do nothing.
 */
export function syncDaemonSet(
  view: ClusterView,
  key: string,
  now: SimTime,
  options: SyncDaemonSetOptions = {},
): DaemonSetSyncPlan {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return stoppedPlan([], true);
  if (isEmptyLabelSelector(ds.spec.selector)) {
    return stoppedPlan([
      {
        type: 'recordEvent',
        involvedObject: involvedObjectOf(ds),
        eventType: 'Warning',
        reason: 'SelectingAll',
        message: 'This daemon set is selecting all pods. A non-empty selector is required.',
        component: DAEMONSET_CONTROLLER_COMPONENT,
      },
    ]);
  }
  // Status freezes while a foreground or orphan deletion is in progress.
  if (ds.metadata.deletionTimestamp !== undefined) return stoppedPlan([]);
  const history = constructHistory(view, ds);
  // A hash collision is an error upstream: retried by the rate limiter's first step, 5 ms.
  if (history.retry) return stoppedPlan(history.actions, false, 5);
  const hash = history.hash;
  // Until its own creates and deletes are observed the controller only refreshes status.
  if (!satisfiedExpectations(view.daemonSetMemory(key).expectations, now)) {
    return { ...stoppedPlan(history.actions), statusHash: hash, updateObservedGen: false };
  }
  const nodeNames = options.nodes ?? view.nodeNames();
  const claimed = getNodesToDaemonPods(view, ds, options.nodes, false);
  const managed = manage(view, ds, nodeNames, claimed.nodeToDaemonPods, hash, now, options.controller);
  const actions: Action[] =
    history.actions.length === 0 && claimed.actions.length === 0
      ? managed.actions
      : [...history.actions, ...claimed.actions, ...managed.actions];
  // Rolling updates only matter while some pod of the DaemonSet carries another hash.
  const rollout = ds.spec.updateStrategy.type === 'RollingUpdate' && hasOtherHash(view, ds, hash);
  return {
    actions,
    forget: false,
    managed: true,
    grouped: claimed.nodeToDaemonPods,
    statusHash: hash,
    rollingUpdate: rollout,
    cleanupHistory: history.old.length > ds.spec.revisionHistoryLimit,
    updateObservedGen: true,
    backoffUpdates: managed.backoffUpdates,
    requeueAfter: managed.requeueAfter,
    stillDirty: managed.stillDirty,
    expectations: managed.expectations,
    historyActions: history.actions.length,
    claimActions: claimed.actions.length,
  };
}

/** Whether some pod the DaemonSet controls carries a hash other than `hash`; O(hashes). */
function hasOtherHash(view: ClusterView, ds: DaemonSet, hash: string): boolean {
  for (const h of view.ownedPodHashes(ds.metadata.uid).keys()) if (h !== hash) return true;
  return false;
}

/**
 * The rolling-update phase of a pass: deletes and creates that replace old pods within the
 * budgets, over a fresh list of the DaemonSet's pods.
 * Mirrors the `rollingUpdate` call in `syncDaemonSet` with its `syncNodes`.
 */
export function rollingUpdateActions(
  view: ClusterView,
  key: string,
  hash: string,
  now: SimTime,
  burstReplicas?: number,
): SyncNodesResult {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return { actions: [], deferredNodes: [], expectations: { add: 0, del: 0 } };
  const { nodeToDaemonPods } = getNodesToDaemonPods(view, ds, undefined, false);
  const decision = rollingUpdate(view, ds, nodeToDaemonPods, hash, now);
  return syncNodes(ds, decision.oldPodsToDelete, decision.newNodesToCreate, hash, burstReplicas);
}

/**
 * The history-cleanup phase of a pass: deletes old revisions beyond `revisionHistoryLimit`
 * that no live pod still uses. Mirrors the `cleanupHistory` call in `syncDaemonSet`, whose live
 * hashes are those of `getNodesToDaemonPods(ds, true)`: claimed pods attributed to a node,
 * terminal terminating ones included.
 * Deviation (with `fromIndex`, the incremental pass): the live hashes come from the store's
 * per-owner hash index plus the adoptable orphans, checking the same claim and node rules per
 * hash until one pod qualifies, instead of listing every pod.
 */
export function cleanupHistoryActions(view: ClusterView, key: string, fromIndex = false): Action[] {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return [];
  const history = constructHistory(view, ds);
  if (history.actions.length > 0 || history.old.length <= ds.spec.revisionHistoryLimit) return [];
  return cleanupHistory(
    ds,
    history.old,
    fromIndex ? indexedLiveHashes(view, ds) : listedLiveHashes(view, ds),
  );
}

function listedLiveHashes(view: ClusterView, ds: DaemonSet): Set<string> {
  const liveHashes = new Set<string>();
  for (const pods of getNodesToDaemonPods(view, ds, undefined, true).nodeToDaemonPods.values()) {
    for (const pod of pods) {
      const h = pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY];
      if (h !== undefined && h !== '') liveHashes.add(h);
    }
  }
  return liveHashes;
}

function indexedLiveHashes(view: ClusterView, ds: DaemonSet): Set<string> {
  const liveHashes = new Set<string>();
  const counts = (pod: Pod): boolean =>
    pod.metadata.namespace === ds.metadata.namespace &&
    getTargetNodeName(pod) !== undefined &&
    claimPod(ds, pod).owned !== undefined;
  for (const [h, pods] of view.ownedPodHashes(ds.metadata.uid)) {
    if (h === '') continue;
    for (const pod of pods.values())
      if (counts(pod)) {
        liveHashes.add(h);
        break;
      }
  }
  for (const nodeName of view.nodeNamesOfOwner(''))
    for (const pod of view.podsOfOwnerOnNode('', nodeName)) {
      const h = pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY];
      if (h !== undefined && h !== '' && counts(pod)) liveHashes.add(h);
    }
  return liveHashes;
}
