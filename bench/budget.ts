import { performance } from 'node:perf_hooks';

/**
 * How much slower than its CPU time a phase's wall time may run (other processes on the shared
 * cores) before the wall clock, not the CPU, ends the phase.
 */
const WALL_FACTOR = 2.5;

/**
 * A phase's time budget. It is counted in this process's CPU time, so that other helpers' work on
 * the same 2 cores does not shrink what a phase gets done; it also ends at WALL_FACTOR times its
 * length in wall time and at the run's hard stop, so the whole run keeps its 10-minute limit
 * however loaded the machine is. Without contention CPU and wall time advance alike.
 */
export class Budget {
  private readonly wall0 = performance.now();
  private readonly cpu0 = process.cpuUsage();

  /** `ms` of budget; `hardStop` is the run's last moment (`performance.now()` ms). */
  constructor(
    readonly ms: number,
    private readonly hardStop: number,
  ) {}

  /** Budget used so far, in ms: CPU time, or wall time over WALL_FACTOR if that is more. */
  usedMs(): number {
    const cpu = process.cpuUsage(this.cpu0);
    return Math.max((cpu.user + cpu.system) / 1000, (performance.now() - this.wall0) / WALL_FACTOR);
  }

  /** Whether the budget is spent (or the run's hard stop passed). */
  over(): boolean {
    return performance.now() >= this.hardStop || this.usedMs() >= this.ms;
  }

  /** What is left, in ms. */
  leftMs(): number {
    return performance.now() >= this.hardStop ? 0 : Math.max(0, this.ms - this.usedMs());
  }

  /** A budget of `ms` starting now, cut to what is left of this one. */
  sub(ms: number): Budget {
    return new Budget(Math.min(ms, this.leftMs()), this.hardStop);
  }
}
