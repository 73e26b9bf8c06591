import { rolloutStatus } from '../packages/core/src/index.js';
import type { Simulation } from '../packages/core/src/index.js';
import type { ClusterShape } from './clusterShape.js';
import { DAEMONSETS, NAMESPACE, daemonSetManifest } from './clusterShape.js';

/**
 * Starts a rollout of DaemonSet `agent-<d>` (or, without `d`, of all 10): applies its manifest at
 * template version `version`, as `kubectl apply` of a new image would, and processes the apply.
 */
export function startRollout(sim: Simulation, shape: ClusterShape, version: number, d?: number): void {
  for (let k = d ?? 0; k < (d === undefined ? DAEMONSETS : d + 1); k++)
    sim.submit({ type: 'ManifestApplied', manifest: daemonSetManifest(k, version, shape) });
}

/**
 * Whether every DaemonSet's rollout is done as `kubectl rollout status` judges it: the spec
 * change observed, every desired pod updated, and every updated pod available.
 */
export function rolloutComplete(sim: Simulation): boolean {
  for (let d = 0; d < DAEMONSETS; d++) {
    const ds = sim.view.getDaemonSet(`${NAMESPACE}/agent-${d}`);
    if (ds === undefined || !rolloutStatus(ds).done) return false;
  }
  return true;
}

/** How many of the DaemonSets' desired pods are updated, summed: a rollout's progress when it ran out of budget. */
export function updatedPods(sim: Simulation): { readonly updated: number; readonly desired: number } {
  let updated = 0;
  let desired = 0;
  for (let d = 0; d < DAEMONSETS; d++) {
    const status = sim.view.getDaemonSet(`${NAMESPACE}/agent-${d}`)?.status;
    updated += status?.updatedNumberScheduled ?? 0;
    desired += status?.desiredNumberScheduled ?? 0;
  }
  return { updated, desired };
}
