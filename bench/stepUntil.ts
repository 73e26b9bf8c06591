import { performance } from 'node:perf_hooks';
import type { SimTime, Simulation } from '../packages/core/src/index.js';
import type { Budget } from './budget.js';

/** Whole DaemonSet controller passes (`DaemonSetSync` events) seen by {@link stepUntil}, and their wall time. */
export interface PassTally {
  count: number;
  totalMs: number;
}

/** What {@link stepUntil} may do besides stepping. */
export interface StepOptions {
  /** Times every `DaemonSetSync` event on its own (wall clock around `step()`). */
  readonly passes?: PassTally;
  /** Called at every budget check, e.g. for a progress line; returning false stops the stepping there. */
  readonly onCheck?: () => boolean | void;
}

/**
 * Processes events due at or before `until` one at a time, stopping early once `budget` is spent
 * or `onCheck` says stop; returns true when it reached `until` (the clock is
 * then set to it, as `runUntil` does). A phase that runs out of budget thus stops between two
 * events, and its figures are computed from the events it did process.
 * The budget is read every k events, k adapting so that a check falls about every millisecond:
 * reading it after each event would add its own cost to a fast engine's per-event figures,
 * and checking rarely would let a slow engine overrun its budget. A check reads the CPU clock
 * only every 50 ms ({@link Budget.spent}): in this process that read costs up to half a ms.
 */
export function stepUntil(
  sim: Simulation,
  until: SimTime,
  budget: Budget,
  options: StepOptions = {},
): boolean {
  const passes = options.passes;
  let k = 1;
  let left = 1;
  let lastCheck = performance.now();
  for (;;) {
    const next = sim.peek();
    if (next === undefined || next.at > until) break;
    if (--left === 0) {
      const now = performance.now();
      if (budget.spent() || options.onCheck?.() === false) return false;
      const took = now - lastCheck;
      lastCheck = now;
      if (took < 0.5 && k < 1024) k *= 2;
      else if (took > 5 && k > 1) k >>= 1;
      left = k;
    }
    if (passes !== undefined && next.type === 'DaemonSetSync') {
      const t0 = performance.now();
      sim.step();
      passes.totalMs += performance.now() - t0;
      passes.count++;
    } else sim.step();
  }
  if (until > sim.now) sim.runUntil(until);
  return true;
}
