import { getScaledValueFromIntOrPercent } from '../../model/intOrPercent.js';
import type { DaemonSet } from '../../model/objects.js';

/**
 * How many pods may surge above the desired count for `numberToSchedule` nodes: 0 unless the
 * strategy is RollingUpdate with a positive `maxSurge`. Percentages round up.
 * Mirrors `SurgeCount` (pkg/controller/daemon/util/daemonset_util.go).
 */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec.updateStrategy;
  if (strategy.type !== 'RollingUpdate' || strategy.rollingUpdate === undefined) return 0;
  return getScaledValueFromIntOrPercent(strategy.rollingUpdate.maxSurge, numberToSchedule, true);
}

/**
 * Whether the DaemonSet may run an extra pod per node during an update.
 * Mirrors `AllowsSurge` (pkg/controller/daemon/util/daemonset_util.go).
 */
export function allowsSurge(ds: DaemonSet): boolean {
  return surgeCount(ds, 1) !== 0;
}
