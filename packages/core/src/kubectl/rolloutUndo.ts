import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { match } from '../controllers/daemonset/history.js';
import type { ControllerRevision, DaemonSet } from '../model/objects.js';
import { daemonSetHistory, revisionTemplate } from './rolloutHistory.js';

/** What `kubectl rollout undo ds/<name>` decided: a template to restore, or a skip. */
export type RolloutUndoResult =
  | {
      readonly skipped: false;
      /** The template to write into `spec.template` (the revision's data, `$patch` removed). */
      readonly template: PodTemplateSpec;
      /** The revision rolled back to. */
      readonly revision: number;
      /** `rolled back`: kubectl prints `daemonset.apps/<name> rolled back`. */
      readonly message: string;
    }
  | {
      readonly skipped: true;
      readonly revision: number;
      /** `skipped rollback (current template already matches revision N)`. */
      readonly message: string;
    };

/**
 * Plans `kubectl rollout undo ds/<name> [--to-revision=N]`: with no revision (0) the second
 * newest one, else the one numbered N; skipped when the DaemonSet's template already matches it
 * (the message then names the requested number, 0 included, as upstream).
 * Mirrors `DaemonSetRollbacker.Rollback`, `findHistory` and `daemonSetMatch`
 * (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go).
 * Deviation: returns the template instead of sending the strategic merge patch; applying it is
 * the caller's (the patch replaces the whole template, so the outcome is the same).
 * @throws Error `no last revision to roll back to` without a second revision, or
 * `unable to find specified revision N in history` for a negative or unknown N.
 */
export function rolloutUndo(
  ds: DaemonSet,
  revisions: Iterable<ControllerRevision>,
  toRevision = 0,
): RolloutUndoResult {
  if (toRevision < 0) throw new Error(revisionNotFound(toRevision));
  const history = daemonSetHistory(ds, revisions);
  if (toRevision === 0 && history.length <= 1) throw new Error('no last revision to roll back to');
  const target =
    toRevision === 0 ? history[history.length - 2] : history.find((h) => h.revision === toRevision);
  if (target === undefined) throw new Error(revisionNotFound(toRevision));
  if (match(ds, target)) {
    return {
      skipped: true,
      revision: target.revision,
      message: `skipped rollback (current template already matches revision ${toRevision})`,
    };
  }
  return {
    skipped: false,
    template: revisionTemplate(target),
    revision: target.revision,
    message: 'rolled back',
  };
}

/**
 * The template `rollout undo` restores, or throws upstream's error; see {@link rolloutUndo}.
 * Mirrors `DaemonSetRollbacker.Rollback` (polymorphichelpers/rollback.go) up to the patch.
 * @throws Error as {@link rolloutUndo}, and `skipped rollback (current template already matches revision N)`
 * when there is nothing to restore.
 */
export function rolloutUndoTemplate(
  ds: DaemonSet,
  revisions: Iterable<ControllerRevision>,
  toRevision = 0,
): PodTemplateSpec {
  const result = rolloutUndo(ds, revisions, toRevision);
  if (result.skipped) throw new Error(result.message);
  return result.template;
}

function revisionNotFound(revision: number): string {
  return `unable to find specified revision ${revision} in history`;
}
