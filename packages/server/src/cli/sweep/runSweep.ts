import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import Tinypool from 'tinypool';
import type { SweepShard } from './sweepShard.js';
import type { SweepTask, SweepTaskResult } from './sweepTask.js';

/** Where a sweep's progress goes: a bar on a terminal, one closing line otherwise. */
export interface SweepProgressIo {
  readonly stderr: (text: string) => void;
  readonly stderrIsTTY: boolean;
}

/** What {@link runSweep} did, for its closing line and the bench. */
export interface SweepRun {
  readonly runs: number;
  readonly failed: number;
  readonly wallMs: number;
  readonly workers: number;
}

/** One worker per core by default: `os.availableParallelism()`. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Where a pool's runs happen: worker threads of this process, or child processes of their own. */
export type SweepRuntime = 'worker_threads' | 'child_process';

/**
 * The default runtime: child processes. Worker threads share one process's GC helper threads,
 * allocator and page tables: on a quiet machine two spent 19.4 ms of CPU per randomNodeChurn run
 * where one spent 15.1. In five paired bench runs on the shared (loaded) 2-core machine, a second
 * child process added 0.6 ms per run on average and a second thread 1.5 ms. A child process also
 * keeps a run's crash or runaway heap to itself.
 */
export const DEFAULT_SWEEP_RUNTIME: SweepRuntime = 'child_process';

/**
 * The worker file and flags of the pool: the compiled worker beside the compiled CLI, or under
 * TypeScript source the bootstrap that registers tsx (unless the worker inherits tsx's loader),
 * with the source condition so workspace packages resolve to their source as in the parent.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts');
  const filename = new URL(source ? './sourceWorker.mjs' : './sweepWorker.js', import.meta.url).href;
  const execArgv = [...process.execArgv];
  if (source && !execArgv.some((a) => a.startsWith('--conditions=@daemonsim/source')))
    execArgv.push('--conditions=@daemonsim/source');
  return { filename, execArgv };
}

/** A pool of workers that each run {@link SweepTask}s, a few queued at a time. */
export interface SweepPool {
  readonly workers: number;
  readonly runtime: SweepRuntime;
  /** The task's NDJSON line. */
  run(task: SweepTask): Promise<string>;
  /**
   * CPU microseconds the workers spent outside this process (child processes, as of each one's
   * last finished run; 0 for threads, which `process.cpuUsage()` already counts).
   */
  childCpuMicros(): number;
  close(): Promise<void>;
}

/**
 * Starts `workers` workers (tinypool) in `runtime`; each loads the engine once, on its first
 * task. Child processes get this process's environment and flags (tsx's loader and the source
 * condition when run from source).
 */
export function openSweepPool(workers: number, runtime: SweepRuntime = DEFAULT_SWEEP_RUNTIME): SweepPool {
  const { filename, execArgv } = workerEntry();
  const pool = new Tinypool({
    filename,
    execArgv,
    runtime,
    // Without it tinypool starts a child process with TINYPOOL_WORKER_ID as its only variable.
    ...(runtime === 'child_process' ? { env: { ...process.env } as Record<string, string> } : {}),
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 4,
  });
  const cpuByWorker = new Map<number, number>();
  return {
    workers,
    runtime,
    run: async (task) => {
      const result = (await pool.run(task)) as SweepTaskResult;
      if (result.cpu !== undefined)
        cpuByWorker.set(result.cpu.pid, Math.max(cpuByWorker.get(result.cpu.pid) ?? 0, result.cpu.micros));
      return result.line;
    },
    childCpuMicros: () => [...cpuByWorker.values()].reduce((a, b) => a + b, 0),
    close: () => pool.destroy(),
  };
}

/** The tasks of a shard: every `count`-th of `tasks` from `index`, so shards share slow and fast runs alike. */
export function shardTasks<T>(tasks: readonly T[], shard: SweepShard): T[] {
  return tasks.filter((_, k) => k % shard.count === shard.index);
}

/**
 * Runs `tasks` on a pool of `workers` child processes (tinypool) and writes their lines to `out` (a file,
 * or `-` for stdout through `writeStdout`) in the tasks' order whatever order they finish in, so
 * the file is the same for any number of workers. A progress bar with an ETA goes to stderr on a
 * terminal. Upstream has no counterpart.
 */
export async function runSweep(
  tasks: readonly SweepTask[],
  options: {
    readonly workers: number;
    readonly out: string;
    readonly writeStdout: (text: string) => void;
    readonly io: SweepProgressIo;
  },
): Promise<SweepRun> {
  const t0 = performance.now();
  const workers = Math.max(1, Math.min(options.workers, tasks.length));
  const pool = openSweepPool(workers);
  const file = options.out === '-' ? undefined : createWriteStream(options.out);
  const write = (text: string): void => {
    if (file === undefined) options.writeStdout(text);
    else file.write(text);
  };
  const bar = options.io.stderrIsTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format:
            'sweep [{bar}] {value}/{total} runs | {failed} not passed | {workers} workers | ETA {eta_formatted}',
          hideCursor: true,
          etaBuffer: 200,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(tasks.length, 0, { failed: 0, workers });
  const done: (string | undefined)[] = new Array<string | undefined>(tasks.length);
  let next = 0;
  let finished = 0;
  let failed = 0;
  try {
    await Promise.all(
      tasks.map(async (task, k) => {
        const line = await pool.run(task);
        if ((JSON.parse(line) as { outcome: string }).outcome !== 'pass') failed++;
        done[k] = line;
        // Lines leave in the tasks' order: each finished run writes itself and whatever follows it.
        let chunk = '';
        while (next < done.length && done[next] !== undefined) {
          chunk += `${done[next]}\n`;
          done[next++] = undefined;
        }
        if (chunk !== '') write(chunk);
        bar?.update(++finished, { failed });
      }),
    );
  } finally {
    bar?.stop();
    await pool.close();
    if (file !== undefined)
      await new Promise<void>((resolve, reject) =>
        file.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }
  return { runs: tasks.length, failed, wallMs: performance.now() - t0, workers };
}
