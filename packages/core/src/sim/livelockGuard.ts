import { SimulationError } from '../errors.js';
import type { SimTime } from '../model/time.js';
import type { SimEvent } from './simEvent.js';
import type { LivelockOptions } from './simulationOptions.js';
import type { SimulationCore } from './simulationCore.js';

/** What the guard caught: a key that re-queued itself `requeues` times, or the event after `events` at one instant. */
export type LivelockCatch = { readonly requeues: number } | { readonly events: number };

const DEFAULT_MAX_REQUEUES = 50;
const DEFAULT_MAX_EVENTS = 1_000_000;

/**
 * Notices a component that keeps the clock still: a DaemonSet key whose every pass re-queues it
 * at the same instant, or a flood of events at one instant with no request in between. The
 * simulation sets such an item aside with backoff (`parkLivelock`) so that no run can hang.
 * A request resets the count: work a request causes at its own instant is progress.
 * Upstream has no counterpart: a real cluster's clock moves on its own.
 */
export class LivelockGuard {
  private readonly maxRequeues: number;
  private readonly maxEvents: number;
  private instant: SimTime = -1;
  private events = 0;
  /** DaemonSet key to how many passes in a row re-queued it at this instant. */
  private readonly chains = new Map<string, number>();

  constructor(options: LivelockOptions = {}) {
    this.maxRequeues = positive(
      'livelock.maxRequeuesPerInstant',
      options.maxRequeuesPerInstant,
      DEFAULT_MAX_REQUEUES,
    );
    this.maxEvents = positive(
      'livelock.maxEventsPerInstant',
      options.maxEventsPerInstant,
      DEFAULT_MAX_EVENTS,
    );
  }

  /** Called before each event is processed; returns what the guard caught (see {@link LivelockCatch}), or undefined to process it. */
  admit(now: SimTime, event: SimEvent, request: boolean): LivelockCatch | undefined {
    if (now !== this.instant || request) {
      this.instant = now;
      this.events = 0;
      if (this.chains.size > 0) this.chains.clear();
      if (request) return undefined;
    }
    if (++this.events > this.maxEvents) {
      this.events = 0;
      return { events: this.maxEvents };
    }
    if (event.type !== 'DaemonSetSync') return undefined;
    const passes = this.chains.get(event.key);
    if (passes === undefined || passes < this.maxRequeues) return undefined;
    this.chains.delete(event.key);
    return { requeues: passes };
  }

  /**
   * Called after a DaemonSet's sync succeeded: counts the pass if it re-queued the key at this
   * instant; returns whether the DaemonSet settled (did not wake itself again now).
   */
  synced(core: SimulationCore, key: string): boolean {
    if (core.syncDue.get(key) === core.clock) {
      this.chains.set(key, (this.chains.get(key) ?? 0) + 1);
      return false;
    }
    if (this.chains.size > 0) this.chains.delete(key);
    return true;
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new SimulationError(
      'BadRequest',
      `createSimulation: ${name}: Invalid value: ${String(value)}: must be a positive integer`,
      {
        path: name,
      },
    );
  return value;
}
