import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { labelSelectorMatches } from '../model/labelSelector.js';
import type { ControllerRevision, DaemonSet } from '../model/objects.js';
import { isControlledBy } from '../model/ownerReferences.js';
import { printTemplate } from './describePodTemplate.js';
import { formatTabbedText } from './tabwriter.js';

/** The annotation whose value `rollout history` shows as CHANGE-CAUSE. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/**
 * The ControllerRevisions that make up a DaemonSet's history: in its namespace, matching its
 * selector and controlled by its UID, sorted by revision.
 * Mirrors `daemonSetHistory` / `controlledHistory` (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go).
 */
export function daemonSetHistory(
  ds: DaemonSet,
  revisions: Iterable<ControllerRevision>,
): ControllerRevision[] {
  return [...revisions]
    .filter(
      (r) =>
        r.metadata.namespace === ds.metadata.namespace &&
        labelSelectorMatches(ds.spec.selector, r.metadata.labels) &&
        isControlledBy(r.metadata, ds.metadata.uid),
    )
    .sort((a, b) => a.revision - b.revision);
}

/**
 * What `kubectl rollout history ds/<name>` prints: `daemonset.apps/<name> ` then a REVISION
 * CHANGE-CAUSE table (`<none>` without a `kubernetes.io/change-cause` annotation on the
 * revision) and a blank line, or `No rollout history found.` when there is none.
 * Mirrors `DaemonSetHistoryViewer.ViewHistory` (polymorphichelpers/history.go) printed by
 * `RolloutHistoryOptions.Run` through the name printer (pkg/cmd/rollout/rollout_history.go).
 * Deviation: revisions with the same number keep the last one, as upstream's map does.
 */
export function rolloutHistory(ds: DaemonSet, revisions: Iterable<ControllerRevision>): string {
  const byRevision = historyByRevision(ds, revisions);
  let info: string;
  if (byRevision.size === 0) {
    info = 'No rollout history found.';
  } else {
    const rows = [...byRevision.keys()]
      .sort((a, b) => a - b)
      .map((r) => {
        const cause = byRevision.get(r)?.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '';
        return `${r}\t${cause === '' ? '<none>' : cause}\n`;
      });
    info = formatTabbedText(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, { minWidth: 0, padding: 2 });
  }
  return `daemonset.apps/${ds.metadata.name} \n${info}\n`;
}

/**
 * What `kubectl rollout history ds/<name> --revision=N` prints: `daemonset.apps/<name> with
 * revision #N` and the revision's pod template in describe's `Pod Template:` layout, with raw
 * tabs as upstream (it skips the tabwriter there).
 * Mirrors `DaemonSetHistoryViewer.ViewHistory` with a revision and `printTemplate`
 * (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go).
 * Deviation: the template is the revision's `data.spec.template` itself rather than a strategic
 * merge of it onto the DaemonSet, which gives the same template since the patch replaces it.
 * @throws Error `unable to find the specified revision` when no revision has that number.
 */
export function rolloutHistoryRevision(
  ds: DaemonSet,
  revisions: Iterable<ControllerRevision>,
  revision: number,
): string {
  const byRevision = historyByRevision(ds, revisions);
  if (byRevision.size === 0)
    return `daemonset.apps/${ds.metadata.name} with revision #${revision}\nNo rollout history found.\n`;
  const history = byRevision.get(revision);
  if (history === undefined) throw new Error('unable to find the specified revision');
  return `daemonset.apps/${ds.metadata.name} with revision #${revision}\n${printTemplate(revisionTemplate(history))}\n`;
}

/**
 * The pod template a revision stores: its `data.spec.template` without the `$patch: replace` directive.
 * Mirrors the effect of `applyDaemonSetHistory` (polymorphichelpers/history.go) on the template.
 */
export function revisionTemplate(history: ControllerRevision): PodTemplateSpec {
  const data = history.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const { $patch: _patch, ...template } = data?.spec?.template ?? {};
  return template;
}

function historyByRevision(
  ds: DaemonSet,
  revisions: Iterable<ControllerRevision>,
): Map<number, ControllerRevision> {
  const byRevision = new Map<number, ControllerRevision>();
  for (const history of daemonSetHistory(ds, revisions)) byRevision.set(history.revision, history);
  return byRevision;
}
