/**
 * Sizes and budgets (seconds of CPU time, see `Budget`) of every phase. The budgets are upper bounds
 * that keep a full run under 10 minutes on 2 cores while the engine is slow; a fast engine finishes
 * phases early (rollouts complete, the day ends) and a run then takes less.
 */
export interface BenchConfig {
  readonly quick: boolean;
  /**
   * Churn sizes, smallest first; the churn ratio is the largest over the smallest. The first two
   * clusters then roll out (ratio second over first), and the second runs the day.
   */
  readonly churnSizes: readonly [number, number, number];
  /** Nodes of the full-against-incremental pair. */
  readonly passNodes: number;
  readonly snapshotNodes: number;
  /** Nodes of the API server's cluster (10 pods each), and of the heap cluster it grows into. */
  readonly apiNodes: number;
  readonly heapNodes: number;
  /** Nodes of the cluster the browser view plays (the page builds it itself), and wall seconds it is timed for. */
  readonly viewNodes: number;
  readonly viewSeconds: number;
  readonly budget: {
    readonly warmUp: number;
    /** Build budget by churn size. */
    readonly churnBuild: readonly [number, number, number];
    readonly churn: number;
    readonly rollout: number;
    readonly rolloutSlice: number;
    readonly day: number;
    readonly passBuild: readonly [incremental: number, full: number];
    readonly passes: number;
    readonly snapshotBuild: number;
    readonly snapshot: number;
    readonly apiBuild: number;
    readonly list: number;
    readonly heapBuild: number;
    /** CPU seconds of the sweep phase: worker threads count, so two workers spend it twice as fast. */
    readonly sweep: number;
  };
  /** The whole run stops giving phases time here (each phase is cut to what is left). */
  readonly totalSeconds: number;
}

/** `pnpm bench`: the sizes the targets are stated for. */
export const FULL: BenchConfig = {
  quick: false,
  churnSizes: [500, 5_000, 50_000],
  passNodes: 5_000,
  snapshotNodes: 50_000,
  apiNodes: 5_000,
  heapNodes: 15_000,
  viewNodes: 5_000,
  viewSeconds: 5,
  budget: {
    warmUp: 8,
    churnBuild: [10, 50, 115],
    churn: 40,
    rollout: 45,
    rolloutSlice: 2,
    day: 45,
    passBuild: [35, 45],
    passes: 25,
    snapshotBuild: 30,
    snapshot: 10,
    apiBuild: 50,
    list: 25,
    heapBuild: 80,
    sweep: 30,
  },
  totalSeconds: 570,
};

/** `pnpm bench --quick`: reduced sizes, for development; its figures are not at the targets' sizes. */
export const QUICK: BenchConfig = {
  quick: true,
  churnSizes: [100, 1_000, 3_000],
  passNodes: 500,
  snapshotNodes: 5_000,
  apiNodes: 500,
  heapNodes: 1_000,
  viewNodes: 5_000,
  viewSeconds: 2,
  budget: {
    warmUp: 2,
    churnBuild: [4, 10, 20],
    churn: 8,
    rollout: 8,
    rolloutSlice: 1,
    day: 8,
    passBuild: [8, 8],
    passes: 5,
    snapshotBuild: 4,
    snapshot: 2,
    apiBuild: 8,
    list: 4,
    heapBuild: 10,
    sweep: 8,
  },
  totalSeconds: 150,
};
