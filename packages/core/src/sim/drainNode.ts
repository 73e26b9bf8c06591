import { SimulationError } from '../errors.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { getControllerOf } from '../model/ownerReferences.js';
import type { ClusterView } from './clusterView.js';
import type { SimEvent } from './simEvent.js';

/** Options of {@link drainNode}, as `kubectl drain` flags. */
export interface DrainOptions {
  /** `--ignore-daemonsets`: leave DaemonSet-managed pods. @defaultValue true */
  readonly ignoreDaemonSets?: boolean;
  /** `--force`: also delete pods that no controller manages. @defaultValue false */
  readonly force?: boolean;
}

/**
 * The events of `kubectl drain <node>`: cordon, then a delete of every pod on the node except
 * DaemonSet-managed ones (with `ignoreDaemonSets`) and finished ones. Pure: submit the events.
 * Throws `SimulationError('NotFound')` for a missing node and `BadRequest` with kubectl's words
 * when DaemonSet pods are not ignored or unmanaged pods need `force`.
 * Mirrors kubectl's `drain` (staging/src/k8s.io/kubectl/pkg/drain/filters.go).
 * Deviation: pods are deleted, not evicted through the Eviction API (no PodDisruptionBudgets).
 */
export function drainNode(view: ClusterView, nodeName: string, options: DrainOptions = {}): SimEvent[] {
  if (view.getNode(nodeName) === undefined)
    throw new SimulationError('NotFound', `nodes "${nodeName}" not found`, { path: 'metadata.name' });
  const ignoreDaemonSets = options.ignoreDaemonSets ?? true;
  const pods: Pod[] = [...view.podsOnNode(nodeName)]
    .filter((p) => p.spec.nodeName === nodeName)
    .sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
  const daemon: string[] = [];
  const unmanaged: string[] = [];
  const deletes: SimEvent[] = [];
  for (const pod of pods) {
    if (
      pod.metadata.deletionTimestamp !== undefined ||
      pod.status.phase === 'Succeeded' ||
      pod.status.phase === 'Failed'
    )
      continue;
    const owner = getControllerOf(pod.metadata);
    if (owner?.kind === 'DaemonSet') {
      if (!ignoreDaemonSets) daemon.push(objectKey(pod.metadata));
      continue;
    }
    if (owner === undefined && options.force !== true) unmanaged.push(objectKey(pod.metadata));
    deletes.push({ type: 'PodDeleted', namespace: pod.metadata.namespace, name: pod.metadata.name });
  }
  const errors: string[] = [];
  if (unmanaged.length > 0)
    errors.push(
      `cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`,
    );
  if (daemon.length > 0)
    errors.push(
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`,
    );
  if (errors.length > 0)
    throw new SimulationError(
      'BadRequest',
      `unable to drain node "${nodeName}" due to error: [${errors.join(', ')}], continuing command...`,
      { path: 'node' },
    );
  return [{ type: 'NodeUpdated', name: nodeName, change: { unschedulable: true } }, ...deletes];
}
