import { forbidden, formatFieldError } from '../api/fieldError.js';
import { SimulationError } from '../errors.js';
import type { SimTime } from '../model/time.js';
import { Rng } from '../random/rng.js';
import type { Journal } from './journal.js';
import { JournaledMap } from './journal.js';
import type { WatchedKind } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import type { WatchFaultRule } from './watchFaultRule.js';
import { isWatchFaultRule } from './watchFaultRule.js';

/** The reflector's first backoff before it lists again, in ms (client-go's `NewReflectorWithOptions`: 800 ms). */
export const REFLECTOR_INITIAL_BACKOFF = 800;
/** The reflector's longest backoff, in ms (30 s). */
export const REFLECTOR_MAX_BACKOFF = 30_000;
/** After this long without a relist of its kind, the backoff starts from the first again, in ms (2 min). */
export const REFLECTOR_BACKOFF_RESET = 120_000;

/**
 * The simulation's watch fault rules (see {@link WatchFaultRule}) and their state: which are
 * enabled, how many writes each has matched (for `nth`), which kinds' watches are broken and
 * since which resourceVersion, the relists queued, the reflectors' backoffs, and the fault RNG
 * of the watches, a stream of its own so that no other draw moves. All of it is taken back with
 * an event that is rolled back. Upstream counterpart: the state of each informer's reflector.
 */
export class WatchFaults {
  readonly rng: Rng;
  readonly rules: readonly WatchFaultRule[];
  private readonly enabled: Map<string, boolean>;
  private readonly matched: Map<string, number>;
  /** Kinds whose watch a `probability` or `nth` rule broke, to that rule's name, until their relist. */
  readonly broken: Map<WatchedKind, string>;
  /** Kinds with a relist queued, to its time. */
  readonly relistDue: Map<WatchedKind, SimTime>;
  /** The resourceVersion of the first write of each kind dropped since its last relist. */
  readonly firstDropped: Map<WatchedKind, number>;
  /** The time of the latest delivery of each kind that a delay holds back from the shared order. */
  readonly lastDelayed: Map<WatchedKind, SimTime>;
  /** Each kind's last relist: the backoff it waited (before jitter) and when it ran. */
  readonly lastRelist: Map<WatchedKind, { readonly backoff: number; readonly at: SimTime }>;

  constructor(rules: readonly WatchFaultRule[], seed: string | number, journal: Journal) {
    this.rules = rules;
    this.rng = Rng.fromSeed(`watch-faults/${String(seed)}`);
    this.enabled = new JournaledMap(journal);
    this.matched = new JournaledMap(journal);
    this.broken = new JournaledMap(journal);
    this.relistDue = new JournaledMap(journal);
    this.firstDropped = new JournaledMap(journal);
    this.lastDelayed = new JournaledMap(journal);
    this.lastRelist = new JournaledMap(journal);
    for (const r of rules) this.enabled.set(r.rule!, r.enabled ?? true);
  }

  /** Whether a watch rule is named `name`. */
  has(name: string): boolean {
    return this.enabled.has(name);
  }

  /** Whether rule `name` is enabled now. */
  isEnabled(name: string): boolean {
    return this.enabled.get(name) === true;
  }

  /** Switches rule `name` on or off; returns whether it was on. */
  setEnabled(name: string, on: boolean): boolean {
    const was = this.isEnabled(name);
    this.enabled.set(name, on);
    return was;
  }

  /** The first of the enabled rules of `fault` on `kind` that takes this write, counting it for every one (for `nth`). */
  take(kind: WatchedKind, fault: WatchFaultRule['fault']): WatchFaultRule | undefined {
    let hit: WatchFaultRule | undefined;
    for (const r of this.rules) {
      const name = r.rule!;
      if (r.watch !== kind || r.fault !== fault || this.enabled.get(name) !== true) continue;
      const count = (this.matched.get(name) ?? 0) + 1;
      this.matched.set(name, count);
      if (hit !== undefined) continue;
      const fires =
        r.nth !== undefined
          ? count === r.nth
          : r.probability === undefined || this.rng.next() < r.probability;
      if (fires) hit = r;
    }
    return hit;
  }

  /** The oldest resourceVersion any broken watch dropped, which the cache has not seen; undefined when none. */
  oldestDropped(): number | undefined {
    let oldest: number | undefined;
    for (const rv of this.firstDropped.values()) if (oldest === undefined || rv < oldest) oldest = rv;
    return oldest;
  }
}

/**
 * When a write of `kind` reaches the controllers' cache under the watch fault rules, or
 * undefined when its watch is broken and the write is dropped (traced `WatchEventDropped`; a
 * `probability` or `nth` break starts here, traced `WatchBroken`, its relist queued). A delayed
 * write (traced `WatchEventDelayed`) and every later write of its kind until the delay is
 * caught up keep their kind's order but leave the shared order, so other kinds overtake them.
 * `base` is the time without faults (after the shared order's latest delivery).
 */
export function scheduleWatchDelivery(
  core: SimulationCore,
  wf: WatchFaults,
  kind: WatchedKind,
  what: string,
  rv: number,
  base: SimTime,
): SimTime | undefined {
  const window = wf.rules.some(
    (r) =>
      r.watch === kind &&
      r.fault === 'break' &&
      r.probability === undefined &&
      r.nth === undefined &&
      wf.isEnabled(r.rule!),
  );
  let brokenBy = window ? windowRule(wf, kind) : wf.broken.get(kind);
  if (brokenBy === undefined) {
    const hit = wf.take(kind, 'break');
    if (hit !== undefined) {
      brokenBy = hit.rule!;
      wf.broken.set(kind, brokenBy);
      const after = scheduleRelist(core, wf, kind);
      traceWatch(core, 'WatchBroken', `${kind} [fault ${brokenBy}] relist in ${after}ms`);
    }
  }
  if (brokenBy !== undefined) {
    if (!wf.firstDropped.has(kind)) wf.firstDropped.set(kind, rv);
    traceWatch(core, 'WatchEventDropped', `${what} [fault ${brokenBy}]`);
    return undefined;
  }
  const delay = wf.take(kind, 'delay');
  const extra = delay === undefined ? 0 : draw(wf, delay);
  const at = Math.max(base + extra, wf.lastDelayed.get(kind) ?? 0);
  if (delay !== undefined)
    traceWatch(core, 'WatchEventDelayed', `${what} +${at - base}ms [fault ${delay.rule!}]`);
  if (at > base) wf.lastDelayed.set(kind, at);
  else {
    if (wf.lastDelayed.has(kind)) wf.lastDelayed.delete(kind);
    core.lastDelivery = at;
  }
  return at;
}

function windowRule(wf: WatchFaults, kind: WatchedKind): string {
  return wf.rules.find(
    (r) =>
      r.watch === kind &&
      r.fault === 'break' &&
      r.probability === undefined &&
      r.nth === undefined &&
      wf.isEnabled(r.rule!),
  )!.rule!;
}

function draw(wf: WatchFaults, rule: WatchFaultRule): number {
  const range = rule.delayMs!;
  return range.min === range.max ? range.min : wf.rng.between(range.min, range.max);
}

/**
 * Queues the relist of `kind` after the reflector's backoff, unless one is queued; returns the
 * wait. The backoff doubles from 800 ms for each relist within 2 min of the previous one, up to
 * 30 s, with a jitter factor 1.0 (the wait is the backoff times [1, 2)).
 * Mirrors the reflector's `wait.BackoffUntil` with `NewExponentialBackoffManager(800ms, 30s,
 * 2min, 2.0, 1.0)`. Deviation: the backoff is counted per relist, not per `ListAndWatch` call.
 */
export function scheduleRelist(core: SimulationCore, wf: WatchFaults, kind: WatchedKind): number {
  const due = wf.relistDue.get(kind);
  if (due !== undefined) return due - core.clock;
  const last = wf.lastRelist.get(kind);
  const backoff =
    last !== undefined && core.clock - last.at < REFLECTOR_BACKOFF_RESET
      ? Math.min(last.backoff * 2, REFLECTOR_MAX_BACKOFF)
      : REFLECTOR_INITIAL_BACKOFF;
  const after = Math.floor(backoff * (1 + wf.rng.next()));
  wf.relistDue.set(kind, core.clock + after);
  wf.lastRelist.set(kind, { backoff, at: core.clock + after });
  core.pushEvent(core.clock + after, { type: 'InformerRelist', kind });
  return after;
}

/**
 * Called when fault rule `name` is switched: turning off an enabled window `break` (one without
 * `probability` or `nth`) ends its broken watch with a relist after the reflector's backoff, the
 * watch staying broken until then.
 * Returns false when no watch rule has that name.
 */
export function switchWatchRule(core: SimulationCore, name: string, on: boolean): boolean {
  const wf = core.watchFaults;
  if (wf === undefined || !wf.has(name)) return false;
  const was = wf.setEnabled(name, on);
  const r = wf.rules.find((x) => x.rule === name)!;
  if (was && !on && r.fault === 'break' && r.probability === undefined && r.nth === undefined) {
    // The watch stays broken until the relist: a write delivered before it could be the delete
    // of an object whose add was dropped.
    if (!wf.broken.has(r.watch)) wf.broken.set(r.watch, name);
    scheduleRelist(core, wf, r.watch);
  }
  return true;
}

/** Records a watch fault's line in the trace (`WatchEventDropped`, `WatchRelisted`, ...). */
export function traceWatch(core: SimulationCore, type: string, detail: string): void {
  if (core.keepTrace) core.traceLog.record({ entry: 'event', at: core.clock, seq: -1, type, detail });
}

/**
 * Throws `SimulationError('Invalid')` naming the first watch fault rule of `rules` (`faults[i].watch`)
 * unless `observation` is `informer`: under instant observation the controllers read the store
 * itself, with no watch to break or delay.
 */
export function checkWatchObservation(rules: readonly object[], observation: string | undefined): void {
  if (observation === 'informer') return;
  const i = rules.findIndex(isWatchFaultRule);
  if (i < 0) return;
  const error = forbidden(
    `faults[${i}].watch`,
    'watch faults need observation: informer (under instant observation the controllers read the store, with no watch)',
  );
  throw new SimulationError('Invalid', `createSimulation: ${formatFieldError(error)}`, { causes: [error] });
}
