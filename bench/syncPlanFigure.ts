import { performance } from 'node:perf_hooks';
import { syncDaemonSet } from '../packages/core/src/index.js';
import type { Simulation } from '../packages/core/src/index.js';
import { NAMESPACE } from './clusterShape.js';

/** µs per call of `fn`, repeated until at least `minMs` of wall time and `minReps` calls, after up to 3 warm-up calls. */
function timePerCall(fn: () => unknown, minMs: number, minReps: number): number {
  for (let i = 0; i < Math.min(3, minReps); i++) fn();
  let reps = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (reps < minReps || elapsed < minMs) {
    fn();
    reps++;
    elapsed = performance.now() - t0;
  }
  return (elapsed * 1000) / reps;
}

/** The old `incrementalVsFullSync` measurement. */
export interface SyncPlanRun {
  readonly fullUs: number;
  readonly incrementalUs: number;
  readonly ratio: number;
}

/**
 * The old bench's `incrementalVsFullSync`, kept so older runs compare: the plan step alone
 * (`syncDaemonSet`) of a plain DaemonSet on a quiet cluster, over every node against over one.
 * It passes by construction (a quiet cluster has nothing to roll), which is why the target now
 * belongs to `fullVsIncrementalPassDuringRollout`; this one is printed for comparison only.
 */
export function syncPlanFigure(sim: Simulation): SyncPlanRun {
  const view = sim.view;
  const key = `${NAMESPACE}/agent-5`;
  const nodeNames = view.nodeNames();
  const oneNode = nodeNames[Math.floor(nodeNames.length / 2)]!;
  const now = sim.now;
  const fullUs = timePerCall(() => syncDaemonSet(view, key, now), 300, 3);
  const incrementalUs = timePerCall(() => syncDaemonSet(view, key, now, { nodes: [oneNode] }), 200, 1000);
  return { fullUs, incrementalUs, ratio: fullUs / incrementalUs };
}
