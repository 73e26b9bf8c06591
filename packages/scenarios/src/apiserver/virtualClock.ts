import type { Simulation } from '@daemonsim/core';
import { SIM_EPOCH_MS, toTimestamp } from '@daemonsim/core';
import { badRequest } from './status.js';

/**
 * The API server's virtual clock: a timer that moves the simulation `speed` simulated seconds
 * per wall second unless `paused`, explicit advances, and the shift that presents simulated
 * timestamps on the wall clock.
 * Upstream has no counterpart: a real API server lives on the wall clock.
 */
export class VirtualClock {
  private baseSim: number;
  private baseWall: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly simulation: Simulation,
    readonly speed: number,
    readonly paused: boolean,
    tickMs: number,
    private readonly wallClock: boolean,
    /** Called after the clock moved, to stream what the move produced (log followers). */
    private readonly onMoved: () => void,
  ) {
    this.baseSim = simulation.now;
    this.baseWall = performance.now();
    if (!paused) {
      this.timer = setInterval(() => this.tick(), tickMs);
      this.timer.unref();
    }
  }

  /** How far timestamps move on their way out (and back on their way in). */
  timeShift(): number {
    return this.wallClock ? Date.now() - (SIM_EPOCH_MS + this.simulation.now) - 500 : 0;
  }

  private tick(): void {
    const target = this.baseSim + Math.floor(this.speed * (performance.now() - this.baseWall));
    if (target <= this.simulation.now) return;
    try {
      this.simulation.runUntil(target);
    } catch (error) {
      process.stderr.write(
        `daemonsim: the simulation rejected a queued event: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    this.onMoved();
  }

  /** Moves the clock forward by `ms` milliseconds, processing what falls due. */
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0)
      throw badRequest(`duration: Invalid value: ${ms}: must be a non-negative whole number of milliseconds`);
    if (!this.paused) this.tick();
    this.simulation.runUntil(this.simulation.now + ms);
    this.baseSim = this.simulation.now;
    this.baseWall = performance.now();
    this.onMoved();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** The body of `GET /daemonsim/v1/time`. */
  timeInfo(): unknown {
    return {
      now: this.simulation.now,
      time: toTimestamp(this.simulation.now),
      speed: this.speed,
      paused: this.paused,
      eventsProcessed: this.simulation.eventsProcessed,
    };
  }
}
