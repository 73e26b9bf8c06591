import type { ClusterView } from '@daemonsim/core';
import { rolloutUndo, SimulationError } from '@daemonsim/core';

/**
 * The DaemonSet manifest `kubectl rollout undo ds/<name> [--to-revision=N]` applies: the live
 * DaemonSet with `spec.template` replaced by the template stored in the chosen ControllerRevision
 * (its `data.spec.template` without the `$patch` key), chosen by core's `rolloutUndo`: without
 * `toRevision` (or with 0) the revision before the newest. Undefined when the DaemonSet already
 * runs that template (kubectl's "skipped rollback").
 * Mirrors `DaemonSetRollbacker.Rollback` (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go),
 * with its error wording.
 * Deviation: the template is applied as an update of the whole object rather than as a
 * strategic-merge patch; the stored template is complete, so the result is the same.
 * @throws SimulationError `NotFound` for a missing DaemonSet or revision, `BadRequest` when there
 * is no earlier revision to go back to.
 */
export function rolloutUndoManifest(
  view: ClusterView,
  namespace: string,
  name: string,
  toRevision = 0,
): Record<string, unknown> | undefined {
  const ds = view.getDaemonSet(`${namespace}/${name}`);
  if (ds === undefined)
    throw new SimulationError('NotFound', `daemonsets.apps "${name}" not found`, { path: 'name' });
  let result: ReturnType<typeof rolloutUndo>;
  try {
    result = rolloutUndo(ds, view.revisionsInNamespace(namespace), toRevision);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SimulationError(message.startsWith('unable to find') ? 'NotFound' : 'BadRequest', message, {
      path: 'toRevision',
    });
  }
  if (result.skipped) return undefined;
  const { annotations, labels } = ds.metadata;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace,
      ...(labels === undefined ? {} : { labels }),
      ...(annotations === undefined ? {} : { annotations }),
    },
    spec: { ...ds.spec, template: result.template },
  };
}
