import { rolloutStatus } from '../packages/core/src/index.js';
import type { Simulation } from '../packages/core/src/index.js';
import type { ClusterShape } from './clusterShape.js';
import { DAEMONSETS, NAMESPACE, daemonSetManifest } from './clusterShape.js';

/**
 * Starts a rollout of DaemonSet `agent-<d>` (or, without `d`, of all 10): queues its manifest at
 * template version `version` now, as `kubectl apply` of a new image would. Only queued: the apply
 * and the passes it causes are processed by the caller's budgeted stepping, so a slow pass is
 * counted in the phase that caused it and stopped by its budget.
 */
export function startRollout(sim: Simulation, shape: ClusterShape, version: number, d?: number): void {
  for (let k = d ?? 0; k < (d === undefined ? DAEMONSETS : d + 1); k++)
    sim.schedule({ type: 'ManifestApplied', manifest: daemonSetManifest(k, version, shape) });
}

/**
 * Whether every DaemonSet runs template version `version` and its rollout is done as
 * `kubectl rollout status` judges it: the spec change observed, every desired pod updated, and
 * every updated pod available.
 */
export function rolloutComplete(sim: Simulation, version: number): boolean {
  for (let d = 0; d < DAEMONSETS; d++) {
    const ds = sim.view.getDaemonSet(`${NAMESPACE}/agent-${d}`);
    if (ds?.spec.template.spec?.containers[0]?.image?.endsWith(`:1.${version}`) !== true) return false;
    if (!rolloutStatus(ds).done) return false;
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
