import { performance } from 'node:perf_hooks';

/** Wall and CPU time since a meter started, in milliseconds. */
export interface Elapsed {
  readonly wallMs: number;
  /**
   * User plus system CPU time of the whole process (`process.cpuUsage`), which includes V8's
   * GC helper threads: it can exceed wall time, and it is not inflated when other processes
   * take the shared cores, which is why per-event ratios are computed from it.
   */
  readonly cpuMs: number;
}

/** Starts a wall-and-CPU meter; call the returned function for the time elapsed so far. */
export function startMeter(): () => Elapsed {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpu0);
    return { wallMs: performance.now() - wall0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
}
