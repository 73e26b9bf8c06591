import type { ClusterView, ControllerRevision } from '@daemonsim/core';
import { getControllerOf, SimulationError } from '@daemonsim/core';

/**
 * The DaemonSet manifest `kubectl rollout undo ds/<name> [--to-revision=N]` applies: the live
 * DaemonSet with `spec.template` replaced by the template stored in the chosen ControllerRevision
 * (its `data.spec.template` without the `$patch` key). Without `toRevision` (or with 0) the
 * revision before the newest is chosen. The DaemonSet's revisions are those it controls.
 * Mirrors `DaemonSetRollbacker.Rollback` and `findHistory`
 * (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go), with its error wording.
 * Deviation: the template is applied as an update of the whole object rather than as a
 * strategic-merge patch; the stored template is complete, so the result is the same.
 * @throws SimulationError `NotFound` for a missing DaemonSet or revision, `BadRequest` when there
 * is no earlier revision to go back to.
 */
export function rolloutUndoManifest(view: ClusterView, namespace: string, name: string, toRevision = 0): Record<string, unknown> {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const ds = view.getDaemonSet(`${namespace}/${name}`);
  if (ds === undefined) throw new SimulationError('NotFound', `daemonsets.apps "${name}" not found`, { path: 'name' });
  const history = view
    .revisionsInNamespace(namespace)
    .filter((r) => getControllerOf(r.metadata)?.uid === ds.metadata.uid)
    .sort((a, b) => a.revision - b.revision);
  if (toRevision === 0 && history.length <= 1) throw new SimulationError('BadRequest', 'no last revision to roll back to', { path: 'toRevision' });
  const target: ControllerRevision | undefined = toRevision === 0 ? history[history.length - 2] : history.find((r) => r.revision === toRevision);
  if (target === undefined) throw revisionNotFound(toRevision);
  const data = target.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const stored = data?.spec?.template;
  if (stored === undefined) throw new SimulationError('BadRequest', `revision ${target.revision} has unreadable history data: no spec.template`, { path: 'toRevision' });
  const { $patch: _patch, ...template } = stored;
  const { annotations, labels } = ds.metadata;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, ...(labels === undefined ? {} : { labels }), ...(annotations === undefined ? {} : { annotations }) },
    spec: { ...ds.spec, template },
  };
}

function revisionNotFound(revision: number): SimulationError {
  return new SimulationError('NotFound', `unable to find specified revision ${revision} in history`, { path: 'toRevision' });
}
