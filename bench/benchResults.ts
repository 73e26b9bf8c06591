import type { ApiServerRun } from './apiServerPhase.js';
import type { BenchConfig } from './benchConfig.js';
import type { ChurnSize } from './churnPhase.js';
import type { DayRun } from './dayPhase.js';
import type { RolloutRun } from './rolloutSlices.js';
import type { SnapshotRun } from './snapshotPhase.js';
import type { SweepPhaseRun } from './sweepPhase.js';
import type { SyncPassRun } from './syncPassPhase.js';
import type { SyncPlanRun } from './syncPlanFigure.js';
import type { ViewRun } from './viewPhase.js';

/** The groups of figures that `pnpm bench --only` can select, in the order they run. */
export const PHASES = [
  'churn',
  'rollout',
  'day',
  'passes',
  'snapshot',
  'apiserver',
  'heap',
  'sweep',
  'view',
] as const;
/** A group of figures that `--only` can select. */
export type Phase = (typeof PHASES)[number];

/** Everything the phases measured; a phase that did not run (or whose cluster was not built) leaves its entry undefined. */
export interface BenchResults {
  readonly config: BenchConfig;
  readonly ran: ReadonlySet<Phase>;
  churn?: ChurnSize[];
  builds: Record<string, { nodes: number; quiet: boolean; wallS: number; cpuS: number; events: number }>;
  syncPlan?: SyncPlanRun;
  rollout?: RolloutRun[];
  day?: DayRun;
  passes?: SyncPassRun;
  snapshot?: SnapshotRun;
  api?: ApiServerRun;
  heap?: { pods: number; heapMiB: number; simHeapMiB: number; bytesPerPod: number };
  sweep?: SweepPhaseRun;
  view?: ViewRun;
}
