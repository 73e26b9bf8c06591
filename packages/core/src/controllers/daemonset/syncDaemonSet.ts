import { isEmptyLabelSelector } from '../../model/labelSelector.js';
import type { SimTime } from '../../model/time.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';
import { involvedObjectOf } from '../plan.js';
import { DAEMONSET_CONTROLLER_COMPONENT, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './constants.js';
import type { BackoffEntry } from './failedPodsBackoff.js';
import { getNodesToDaemonPods } from './getNodesToDaemonPods.js';
import { cleanupHistory, constructHistory } from './history.js';
import { manage } from './manage.js';

/** Options of one DaemonSet pass. */
export interface SyncDaemonSetOptions {
  /**
   * Look only at these nodes (sorted): the incremental pass after node or pod events.
   * @defaultValue every node, as upstream's full pass
   */
  readonly nodes?: readonly string[];
}

/** What one pass wants done; the simulator performs it, then runs the status step. */
export interface DaemonSetSyncPlan {
  readonly actions: readonly Action[];
  /** The DaemonSet is gone: drop what the controller remembers of it. */
  readonly forget: boolean;
  /** Run `updateDaemonSetStatus` after the actions, with this current hash; undefined skips it. */
  readonly statusHash: string | undefined;
  readonly updateObservedGen: boolean;
  readonly backoffUpdates: ReadonlyMap<string, BackoffEntry>;
  readonly requeueAfter: number | undefined;
  readonly stillDirty: readonly string[];
}

const NO_BACKOFF: ReadonlyMap<string, BackoffEntry> = new Map();

function stop(actions: readonly Action[], forget = false, requeueAfter?: number): DaemonSetSyncPlan {
  return { actions, forget, statusHash: undefined, updateObservedGen: false, backoffUpdates: NO_BACKOFF, requeueAfter, stillDirty: [] };
}

/**
 * One reconciliation pass of a DaemonSet: claims its pods and revisions, creates and deletes
 * pods so each eligible node runs exactly one, and returns the plan without performing it.
 * Mirrors `syncDaemonSet` (pkg/controller/daemon/daemon_controller.go).
 * Deviations: pure (reads `view`, returns writes); the status step runs as a second pure
 * function on the state after these writes, which is what upstream's re-list observes under
 * instant observation; the expectations gate and the rolling-update step come with the
 * informer model and rolling updates.
 */
export function syncDaemonSet(view: ClusterView, key: string, now: SimTime, options: SyncDaemonSetOptions = {}): DaemonSetSyncPlan {
  const ds = view.getDaemonSet(key);
  if (ds === undefined) return stop([], true);
  if (isEmptyLabelSelector(ds.spec.selector)) {
    return stop([
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
  if (ds.metadata.deletionTimestamp !== undefined) return stop([]);
  const history = constructHistory(view, ds);
  // A hash collision is an error upstream: retried by the rate limiter's first step, 5 ms.
  if (history.retry) return stop(history.actions, false, 5);
  const hash = history.hash;
  const nodeNames = options.nodes ?? view.nodeNames();
  const claimed = getNodesToDaemonPods(view, ds, options.nodes, false);
  const managed = manage(view, ds, nodeNames, claimed.nodeToDaemonPods, hash, now);
  const actions: Action[] = [...history.actions, ...claimed.actions, ...managed.actions];
  if (history.old.length > ds.spec.revisionHistoryLimit) {
    const liveHashes = new Set<string>();
    for (const pods of getNodesToDaemonPods(view, ds, undefined, true).nodeToDaemonPods.values()) {
      for (const pod of pods) {
        const h = pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY];
        if (h !== undefined) liveHashes.add(h);
      }
    }
    actions.push(...cleanupHistory(ds, history.old, liveHashes));
  }
  return {
    actions,
    forget: false,
    statusHash: hash,
    updateObservedGen: true,
    backoffUpdates: managed.backoffUpdates,
    requeueAfter: managed.requeueAfter,
    stillDirty: managed.stillDirty,
  };
}
