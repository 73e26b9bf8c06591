import type { Budget } from './budget.js';
import type { BuiltCluster } from './buildCluster.js';
import { rolloutSlices } from './rolloutSlices.js';

/** Whole DaemonSet passes during a rollout under each sync mode, and the figure. */
export interface SyncPassRun {
  readonly fullPasses: number;
  readonly incrementalPasses: number;
  readonly fullUsPerPass: number;
  readonly incrementalUsPerPass: number;
  /** Mean wall µs of a full pass over that of an incremental pass; null when either side ran none. */
  readonly ratio: number | null;
}

/**
 * `fullVsIncrementalPassDuringRollout`: two clusters alike in all but `syncMode` (`incremental`
 * and `full`) roll out a template change of all 10 DaemonSets side by side, in alternating slices,
 * and every `DaemonSetSync` event is timed on its own: whole passes as the simulator runs them
 * (plan, writes, rolling update, history, status), not the plan step on a quiet cluster. The mean
 * is the figure, not the median: a pass that re-reads every pod of the namespace is exactly the
 * cost that must show, even if most passes are cheap.
 */
export function syncPassPhase(
  incremental: BuiltCluster,
  full: BuiltCluster,
  budget: Budget,
  sliceMs: number,
): SyncPassRun {
  const [inc, ful] = rolloutSlices('passes full/incremental', [incremental, full], budget, sliceMs);
  const incUs = (inc!.passes.totalMs * 1000) / inc!.passes.count;
  const fullUs = (ful!.passes.totalMs * 1000) / ful!.passes.count;
  return {
    fullPasses: ful!.passes.count,
    incrementalPasses: inc!.passes.count,
    fullUsPerPass: fullUs,
    incrementalUsPerPass: incUs,
    ratio: inc!.passes.count > 0 && ful!.passes.count > 0 ? fullUs / incUs : null,
  };
}
