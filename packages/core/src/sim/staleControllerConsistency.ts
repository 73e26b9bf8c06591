import { DAEMONSET_CONTROLLER_COMPONENT } from '../controllers/daemonset/constants.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * The resourceVersion up to which the controllers' informer cache has seen every write: one
 * below the oldest watch event still in flight, or the API server's latest when none is.
 * Upstream counterpart: the informer's last synced resourceVersion that KEP-5647 exposes
 * (`LastSyncResourceVersion`, kept current by watch bookmarks).
 * Deviation: one shared cache stands for the DaemonSet controller's pod, DaemonSet and history informers.
 */
export function cacheSyncedResourceVersion(core: SimulationCore): number {
  if (core.cache === core.store) return core.resourceVersion;
  let oldest = Infinity;
  for (const { item } of core.queue.toSortedArray())
    if (item.type === 'WatchDelivered' && item.rv < oldest) oldest = item.rv;
  // A broken watch has not shown its kind's writes since the first one it dropped.
  const dropped = core.watchFaults?.oldestDropped();
  if (dropped !== undefined && dropped < oldest) oldest = dropped;
  return oldest === Infinity ? core.resourceVersion : oldest - 1;
}

/**
 * Whether KEP-5647's check defers a pass of DaemonSet `key`: the cache has not yet seen the
 * controller's own latest write for it, or, after a restart, what was written before the
 * controller started. A deferred pass is traced as refused, in the words of the check.
 * Mirrors the `StaleControllerConsistencyDaemonSet` gate of the 1.36 DaemonSet controller
 * ("defers syncing a DaemonSet object when the controller has not yet observed daemonset or pod
 * writes from the last time the object was synced", kubernetes/kubernetes#134937).
 * Deviation: upstream's record of its writes is memory a restart loses, and its relist after a
 * restart is consistent; here a relist can be stale (`relist: 'stale'`), so a restarted
 * controller also waits for the resourceVersion current when it started, which is what a
 * consistent relist would have shown it.
 */
export function deferStaleSync(core: SimulationCore, key: string): boolean {
  if (!core.staleControllerConsistency) return false;
  const required = Math.max(core.staleFloor, core.writtenRV.get(key) ?? 0);
  if (required === 0) return false;
  const synced = cacheSyncedResourceVersion(core);
  if (synced >= required) return false;
  core.recordRejected(
    `DaemonSetSync ${key} [${DAEMONSET_CONTROLLER_COMPONENT}]`,
    `stale cache: observed resourceVersion ${synced}, need ${required}; sync deferred`,
  );
  return true;
}
