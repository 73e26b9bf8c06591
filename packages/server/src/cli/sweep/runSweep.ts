import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import Tinypool from 'tinypool';
import type { SweepShard } from './sweepShard.js';
import type { SweepTask } from './sweepTask.js';

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

/**
 * The worker file and flags of the pool: the compiled worker beside the compiled CLI, or under
 * TypeScript source the bootstrap that registers tsx, with the source condition so workspace
 * packages resolve to their source as in the parent.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts');
  const filename = new URL(source ? './sourceWorker.mjs' : './sweepWorker.js', import.meta.url).href;
  const execArgv = [...process.execArgv];
  if (source && !execArgv.some((a) => a.startsWith('--conditions=@daemonsim/source')))
    execArgv.push('--conditions=@daemonsim/source');
  return { filename, execArgv };
}

/** A pool of worker threads that each run one {@link SweepTask} at a time. */
export interface SweepPool {
  readonly workers: number;
  /** The task's NDJSON line. */
  run(task: SweepTask): Promise<string>;
  close(): Promise<void>;
}

/** Starts `workers` worker threads (tinypool); each loads the engine once, on its first task. */
export function openSweepPool(workers: number): SweepPool {
  const { filename, execArgv } = workerEntry();
  const pool = new Tinypool({
    filename,
    execArgv,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 4,
  });
  return {
    workers,
    run: (task) => pool.run(task) as Promise<string>,
    close: () => pool.destroy(),
  };
}

/** The tasks of a shard: every `count`-th of `tasks` from `index`, so shards share slow and fast runs alike. */
export function shardTasks<T>(tasks: readonly T[], shard: SweepShard): T[] {
  return tasks.filter((_, k) => k % shard.count === shard.index);
}

/**
 * Runs `tasks` on a pool of `workers` threads (tinypool) and writes their lines to `out` (a file,
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
