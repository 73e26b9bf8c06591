import { performance } from 'node:perf_hooks';
import type { SweepPool } from '../packages/server/src/cli/sweep/runSweep.js';
import { openSweepPool } from '../packages/server/src/cli/sweep/runSweep.js';
import type { SweepTask } from '../packages/server/src/cli/sweep/sweepTask.js';
import type { Budget } from './budget.js';
import { median } from './median.js';
import { Progress } from './progress.js';

/** What the sweep phase measured: runs per wall second of `daemonsim sweep`'s pool at 1 and 2 workers. */
export interface SweepPhaseRun {
  /** Median over rounds of runs per wall second, by worker count. */
  readonly oneWorker: number;
  readonly twoWorkers: number;
  readonly rounds: number;
  readonly runsPerRound: number;
  /**
   * The process's CPU time over wall time in the two-worker rounds (median): near 2 when the
   * two threads had the cores to themselves, lower when other work took them.
   */
  readonly twoWorkersCpuPerWall: number;
  /**
   * The same in the one-worker rounds: above 1 when V8's parallel garbage collection and the
   * pool's dispatch used the second core, which bounds what a second worker can add.
   */
  readonly oneWorkerCpuPerWall: number;
}

/**
 * Runs in one timed round: about 2 s of randomNodeChurn at one worker, so that a round outlasts
 * the pool's dispatch and the tail where one thread finishes its last run while the other idles.
 */
const RUNS_PER_ROUND = 200;
const MAX_ROUNDS = 7;
/** Runs per thread before timing: the engine's paths are JIT-compiled only after some dozens of runs. */
const WARM_UP_RUNS_PER_THREAD = 40;

const tasks = (round: number): SweepTask[] =>
  Array.from({ length: RUNS_PER_ROUND }, (_, i) => ({
    target: { ref: 'randomNodeChurn' },
    seed: round * RUNS_PER_ROUND + i,
    variant: 0,
    vary: [],
  }));

/** Runs one round on `pool`: its runs per wall second, and the process's CPU time over wall time meanwhile. */
async function timed(pool: SweepPool, round: number): Promise<{ rate: number; cpuPerWall: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(tasks(round).map((t) => pool.run(t)));
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { rate: RUNS_PER_ROUND / wallS, cpuPerWall: (cpu.user + cpu.system) / 1e6 / wallS };
}

/**
 * `daemonsim sweep`'s throughput: the same randomNodeChurn runs on its pool with one worker
 * thread and with two, in interleaved rounds (so load from other work on the shared cores falls
 * on both alike), after each pool's threads have loaded the engine; medians of the rounds' rates.
 * Each round's seeds are new, both pools run the same ones.
 */
export async function sweepPhase(budget: Budget): Promise<SweepPhaseRun> {
  const one = openSweepPool(1);
  const two = openSweepPool(2);
  const progress = new Progress('sweep');
  const rates: { one: number[]; two: number[]; oneCpu: number[]; twoCpu: number[] } = {
    one: [],
    two: [],
    oneCpu: [],
    twoCpu: [],
  };
  try {
    // Warm-up, discarded: each thread imports the engine and JIT-compiles its paths.
    await Promise.all(
      tasks(-1)
        .slice(0, WARM_UP_RUNS_PER_THREAD)
        .map((t) => one.run(t)),
    );
    await Promise.all(
      tasks(-1)
        .slice(0, 2 * WARM_UP_RUNS_PER_THREAD)
        .map((t) => two.run(t)),
    );
    for (let round = 0; round < MAX_ROUNDS && (round === 0 || !budget.over()); round++) {
      const oneRound = await timed(one, round);
      rates.one.push(oneRound.rate);
      rates.oneCpu.push(oneRound.cpuPerWall);
      const twoRound = await timed(two, round);
      rates.two.push(twoRound.rate);
      rates.twoCpu.push(twoRound.cpuPerWall);
      progress.update(
        () => `round ${round + 1}: ${rates.one.at(-1)!.toFixed(1)} / ${rates.two.at(-1)!.toFixed(1)} runs/s`,
      );
    }
  } finally {
    progress.done();
    await Promise.all([one.close(), two.close()]);
  }
  return {
    oneWorker: median(rates.one),
    twoWorkers: median(rates.two),
    rounds: rates.one.length,
    runsPerRound: RUNS_PER_ROUND,
    twoWorkersCpuPerWall: median(rates.twoCpu),
    oneWorkerCpuPerWall: median(rates.oneCpu),
  };
}
