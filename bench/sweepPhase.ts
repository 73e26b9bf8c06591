import { performance } from 'node:perf_hooks';
import type { SweepPool, SweepRuntime } from '../packages/server/src/cli/sweep/runSweep.js';
import { DEFAULT_SWEEP_RUNTIME, openSweepPool } from '../packages/server/src/cli/sweep/runSweep.js';
import type { SweepTask } from '../packages/server/src/cli/sweep/sweepTask.js';
import type { Budget } from './budget.js';
import { median } from './median.js';
import { Progress } from './progress.js';

/** What the sweep phase measured: runs per wall second of `daemonsim sweep`'s pool at 1 and 2 workers. */
export interface SweepPhaseRun {
  /** Where the workers ran: `daemonsim sweep`'s default, child processes or worker threads. */
  readonly runtime: SweepRuntime;
  /** Median over rounds of runs per wall second, by worker count. */
  readonly oneWorker: number;
  readonly twoWorkers: number;
  readonly rounds: number;
  readonly runsPerRound: number;
  /**
   * The CPU time of this process and its workers' child processes over wall time in the
   * two-worker rounds (median): near 2 when the two workers had the cores to themselves, lower
   * when other work took them.
   */
  readonly twoWorkersCpuPerWall: number;
  /**
   * The same in the one-worker rounds: above 1 when V8's parallel garbage collection and the
   * pool's dispatch used the second core, which bounds what a second worker can add.
   */
  readonly oneWorkerCpuPerWall: number;
  /** CPU ms per run (this process and the workers' processes), medians of the rounds at 1 and 2 workers. */
  readonly oneWorkerCpuMsPerRun: number;
  readonly twoWorkersCpuMsPerRun: number;
  /** CPU seconds the workers' child processes spent in the phase, which `process.cpuUsage()` misses. */
  readonly childProcessCpuS: number;
}

/**
 * Runs in one timed round: about 2 s of randomNodeChurn at one worker, so that a round outlasts
 * the pool's dispatch and the tail where one thread finishes its last run while the other idles.
 */
const RUNS_PER_ROUND = 200;
const MAX_ROUNDS = 7;
/** Runs per worker before timing: the engine's paths are JIT-compiled only after some dozens of runs. */
const WARM_UP_RUNS_PER_THREAD = 40;

const tasks = (round: number): SweepTask[] =>
  Array.from({ length: RUNS_PER_ROUND }, (_, i) => ({
    target: { ref: 'randomNodeChurn' },
    seed: round * RUNS_PER_ROUND + i,
    variant: 0,
    vary: [],
  }));

/** `BENCH_SWEEP_RUNTIME=worker_threads` measures the runtime `daemonsim sweep` does not use by default. */
function sweepRuntimeFromEnv(): SweepRuntime {
  const env = process.env.BENCH_SWEEP_RUNTIME;
  if (env === undefined || env === '') return DEFAULT_SWEEP_RUNTIME;
  if (env !== 'worker_threads' && env !== 'child_process')
    throw new Error(`BENCH_SWEEP_RUNTIME=${env}: must be worker_threads or child_process`);
  return env;
}

/** CPU µs of this process (its threads included) and of the pools' child processes so far. */
function cpuMicros(pools: readonly SweepPool[]): number {
  const own = process.cpuUsage();
  return own.user + own.system + pools.reduce((sum, p) => sum + p.childCpuMicros(), 0);
}

/**
 * Runs one round on `pool`: its runs per wall second, and the CPU time of this process and the
 * pool's child processes meanwhile (a child's reading comes with each run it finishes, so once
 * the round's last run is in, the children's share of the round is counted whole).
 */
async function timed(
  pool: SweepPool,
  round: number,
): Promise<{ rate: number; cpuPerWall: number; cpuMsPerRun: number }> {
  const t0 = performance.now();
  const cpu0 = cpuMicros([pool]);
  await Promise.all(tasks(round).map((t) => pool.run(t)));
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = (cpuMicros([pool]) - cpu0) / 1e6;
  return {
    rate: RUNS_PER_ROUND / wallS,
    cpuPerWall: cpuS / wallS,
    cpuMsPerRun: (cpuS * 1000) / RUNS_PER_ROUND,
  };
}

/**
 * `daemonsim sweep`'s throughput: the same randomNodeChurn runs on its pool with one worker and
 * with two (child processes, as `daemonsim sweep` runs them, or worker threads), in interleaved
 * rounds (so load from other work on the shared cores falls on both alike), after each pool's
 * workers have loaded the engine; medians of the rounds' rates. Each round's seeds are new, both
 * pools run the same ones.
 */
export async function sweepPhase(
  budget: Budget,
  runtime: SweepRuntime = sweepRuntimeFromEnv(),
): Promise<SweepPhaseRun> {
  const one = openSweepPool(1, runtime);
  const two = openSweepPool(2, runtime);
  const progress = new Progress('sweep');
  const rates: Record<'one' | 'two' | 'oneCpu' | 'twoCpu' | 'oneMs' | 'twoMs', number[]> = {
    one: [],
    two: [],
    oneCpu: [],
    twoCpu: [],
    oneMs: [],
    twoMs: [],
  };
  const cpu0 = process.cpuUsage();
  // The budget counts this process's CPU; the workers' child processes spend theirs elsewhere.
  const spent = (): boolean =>
    budget.over() || (cpuMicros([one, two]) - cpu0.user - cpu0.system) / 1000 >= budget.ms;
  try {
    // Warm-up, discarded: each worker imports the engine and JIT-compiles its paths.
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
    for (let round = 0; round < MAX_ROUNDS && (round === 0 || !spent()); round++) {
      const oneRound = await timed(one, round);
      rates.one.push(oneRound.rate);
      rates.oneCpu.push(oneRound.cpuPerWall);
      rates.oneMs.push(oneRound.cpuMsPerRun);
      const twoRound = await timed(two, round);
      rates.two.push(twoRound.rate);
      rates.twoCpu.push(twoRound.cpuPerWall);
      rates.twoMs.push(twoRound.cpuMsPerRun);
      progress.update(
        () => `round ${round + 1}: ${rates.one.at(-1)!.toFixed(1)} / ${rates.two.at(-1)!.toFixed(1)} runs/s`,
      );
    }
  } finally {
    progress.done();
    await Promise.all([one.close(), two.close()]);
  }
  return {
    runtime: one.runtime,
    oneWorker: median(rates.one),
    twoWorkers: median(rates.two),
    rounds: rates.one.length,
    runsPerRound: RUNS_PER_ROUND,
    twoWorkersCpuPerWall: median(rates.twoCpu),
    oneWorkerCpuPerWall: median(rates.oneCpu),
    oneWorkerCpuMsPerRun: median(rates.oneMs),
    twoWorkersCpuMsPerRun: median(rates.twoMs),
    childProcessCpuS: (one.childCpuMicros() + two.childCpuMicros()) / 1e6,
  };
}
