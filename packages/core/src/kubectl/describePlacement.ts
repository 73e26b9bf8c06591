import type { PlacementExplanation } from '../controllers/daemonset/explainPlacement.js';
import { LEVEL_0, LEVEL_1, PrefixWriter, taintToString, tolerationToString } from './prefixWriter.js';

/**
 * Renders a placement explanation as `kubectl describe` would lay it out: the node, the
 * DaemonSet, the two verdicts, a table of predicates and one of the node's taints with the
 * toleration that lets the daemon pod past each (`(automatic)` for the ones every daemon pod gets).
 * Upstream has no counterpart: kubectl cannot say why a DaemonSet skips a node; the layout
 * follows describe.go's (`tabbedString`, two-space levels).
 */
export function describePlacement(explanation: PlacementExplanation): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Node:\t${explanation.nodeName}\n`);
  w.write(LEVEL_0, `DaemonSet:\t${explanation.daemonSet}\n`);
  w.write(LEVEL_0, `Should Run:\t${explanation.shouldRun}\n`);
  w.write(LEVEL_0, `Should Continue Running:\t${explanation.shouldContinueRunning}\n`);
  w.write(LEVEL_0, 'Predicates:\n');
  w.write(LEVEL_1, 'Predicate\tVerdict\tReason\n');
  w.write(LEVEL_1, '---------\t-------\t------\n');
  for (const check of explanation.checks)
    w.write(LEVEL_1, `${check.predicate}\t${check.verdict}\t${check.reason}\n`);
  if (explanation.taints.length === 0) {
    w.write(LEVEL_0, 'Taints:\t<none>\n');
    return w.tabbed();
  }
  w.write(LEVEL_0, 'Taints:\n');
  w.write(LEVEL_1, 'Taint\tTolerated By\n');
  w.write(LEVEL_1, '-----\t------------\n');
  for (const t of explanation.taints) {
    const by =
      t.toleratedBy === undefined
        ? t.considered
          ? '<none>'
          : '<none> (PreferNoSchedule: not considered)'
        : `${tolerationToString(t.toleratedBy)}${t.automatic ? ' (automatic)' : ''}`;
    w.write(LEVEL_1, `${taintToString(t.taint)}\t${by}\n`);
  }
  return w.tabbed();
}
