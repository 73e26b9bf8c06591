import type { Simulation } from '@daemonsim/core';
import { SIM_EPOCH_MS, SimulationError, toTimestamp } from '@daemonsim/core';

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

  /**
   * Catches the clock up with the wall clock. A component's failure on the way (recovered by
   * the simulation, its item retried with backoff) or a queued request's rejection is written
   * to stderr; the pump goes on with the next tick.
   */
  private tick(): readonly string[] {
    const target = this.baseSim + Math.floor(this.speed * (performance.now() - this.baseWall));
    if (target <= this.simulation.now) return [];
    const failures = this.run(() => this.simulation.runUntil(target));
    for (const message of failures) process.stderr.write(`daemonsim: ${message}\n`);
    this.onMoved();
    return failures;
  }

  /**
   * Moves the clock forward by `ms` milliseconds, processing what falls due; returns the
   * failures of components recovered on the way (`ControllerPanic`, `Livelock`), which do not
   * fail the advance. Throws the simulation's `BadRequest` for a duration that is not a
   * non-negative whole number of milliseconds.
   */
  advance(ms: number): readonly string[] {
    const caught = this.paused ? [] : this.tick();
    const failures = this.run(() => this.simulation.advance(ms), true);
    this.baseSim = this.simulation.now;
    this.baseWall = performance.now();
    this.onMoved();
    return [...caught, ...failures];
  }

  /** Runs `move`, returning the messages of the failures it reports; `strict` rethrows a bad argument. */
  private run(move: () => void, strict = false): readonly string[] {
    try {
      move();
      return [];
    } catch (error) {
      if (error instanceof SimulationError && (error.code === 'ControllerPanic' || error.code === 'Livelock'))
        return [error.message];
      if (strict && error instanceof SimulationError && error.code === 'BadRequest') throw error;
      return [
        `the simulation rejected a queued event: ${error instanceof Error ? error.message : String(error)}`,
      ];
    }
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
