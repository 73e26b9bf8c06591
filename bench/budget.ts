import { performance } from 'node:perf_hooks';

/**
 * How much slower than its CPU time a phase's wall time may run (other processes on the shared
 * cores) before the wall clock, not the CPU, ends the phase.
 */
const WALL_FACTOR = 2.5;

/**
 * Wall ms between two reads of the CPU clock. `process.cpuUsage()` is a `getrusage` system call
 * that costs 13 µs in a fresh process but 370–550 µs in the bench's (measured around every call
 * during a 2,000-node build and churn; a large heap and V8's helper threads), against 0.13 µs
 * for `performance.now()`: read at every budget check (every 0.5–5 ms of stepping) it was 5 %
 * of the churn phase's CPU and 8 % of the 50,000-node build's, counted in the per-event figures.
 * Read at most every 50 ms it is about 1 %; a budget then overruns by at most 50 ms times the
 * process's CPU per wall ms (under 2 on 2 cores), nothing next to phases of seconds.
 */
const CPU_READ_INTERVAL_MS = 50;

/**
 * A phase's time budget. It is counted in this process's CPU time, so that other work on the same
 * 2 cores does not shrink what a phase gets done. It also ends at a wall-clock deadline: at most
 * WALL_FACTOR times its length, and within the phase's share of what is left of the run, so that
 * the whole run keeps its 10-minute limit however loaded the machine is, and a loaded machine
 * squeezes every phase alike instead of starving the last ones. Without contention CPU and wall
 * time advance alike and only the CPU budget matters.
 */
export class Budget {
  private readonly cpu0 = process.cpuUsage();
  private readonly wallDeadline: number;
  /** When the CPU clock was last read (`performance.now()` ms), and whether it showed the budget spent. */
  private cpuReadAt = -Infinity;
  private cpuSpent = false;

  /** `ms` of CPU time, ending by `wallDeadline` (`performance.now()` ms) at the latest. */
  constructor(
    readonly ms: number,
    wallDeadline: number,
  ) {
    this.wallDeadline = Math.min(wallDeadline, performance.now() + ms * WALL_FACTOR);
  }

  private cpuMs(): number {
    const cpu = process.cpuUsage(this.cpu0);
    return (cpu.user + cpu.system) / 1000;
  }

  /** Whether the budget is spent, in CPU time or against its wall deadline. */
  over(): boolean {
    return performance.now() >= this.wallDeadline || this.cpuMs() >= this.ms;
  }

  /**
   * {@link over} for loops that ask after every few events (`stepUntil`): the wall deadline is
   * checked every time, the CPU clock at most every CPU_READ_INTERVAL_MS.
   */
  spent(): boolean {
    const now = performance.now();
    if (now >= this.wallDeadline || this.cpuSpent) return true;
    if (now - this.cpuReadAt < CPU_READ_INTERVAL_MS) return false;
    this.cpuReadAt = now;
    this.cpuSpent = this.cpuMs() >= this.ms;
    return this.cpuSpent;
  }

  /** CPU ms left, or 0 past the wall deadline. */
  leftMs(): number {
    return performance.now() >= this.wallDeadline ? 0 : Math.max(0, this.ms - this.cpuMs());
  }

  /** A budget of `ms` starting now, within what is left of this one. */
  sub(ms: number): Budget {
    return new Budget(Math.min(ms, this.leftMs()), this.wallDeadline);
  }
}

/**
 * Hands out the run's phase budgets: each gets its CPU seconds, and a wall deadline within its
 * share (its seconds over the seconds of every phase still to come) of the wall time left before
 * the run's hard stop.
 */
export class BudgetPlan {
  private remaining: number;

  /** `plannedSeconds`: every budget the run will ask for, summed; `hardStop`: `performance.now()` ms. */
  constructor(
    plannedSeconds: number,
    private readonly hardStop: number,
  ) {
    this.remaining = plannedSeconds;
  }

  /** Gives up `seconds` planned for a phase that will not run (its cluster was not built). */
  forgo(seconds: number): void {
    this.remaining = Math.max(0, this.remaining - seconds);
  }

  /** The next phase's budget of `seconds`. */
  next(seconds: number): Budget {
    const now = performance.now();
    const share = this.remaining > 0 ? Math.min(1, seconds / this.remaining) : 1;
    this.remaining = Math.max(0, this.remaining - seconds);
    return new Budget(seconds * 1000, now + Math.max(0, this.hardStop - now) * share);
  }
}
