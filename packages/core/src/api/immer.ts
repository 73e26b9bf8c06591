import { enableMapSet, enablePatches, freeze, Immer } from 'immer';
import type { Draft, Patch } from 'immer';

export type { Draft, Patch };

enableMapSet();
enablePatches();

/**
 * The engine's immer: the only place that touches immer, so plugins are enabled once and the
 * freezing policy lives in one file (as `random/rng.ts` is for seedrandom).
 * Auto-freeze is off by default because the engine writes on every event: freezing a pod's
 * tree costs more than building it (see the measured figures in `sim/writePath.ts`). Tests turn
 * {@link setObjectFreezing} on (vitest.setup.ts), so any code that mutates what it read throws.
 * Upstream has no counterpart: Go controllers are trusted not to mutate informer caches.
 */
const engine = new Immer({ autoFreeze: false });
let freezing = false;

/** immer's `produce` on the engine's instance: the next object from a recipe that mutates a draft of the current one. */
export const produce: Immer['produce'] = engine.produce;

/** immer's `produceWithPatches`: the next object, the patches that lead to it, and their inverse. */
export const produceWithPatches: Immer['produceWithPatches'] = engine.produceWithPatches;

/** immer's `applyPatches`: replays patches from {@link produceWithPatches} onto an object. */
export function applyPatches<T extends object>(base: T, patches: readonly Patch[]): T {
  return engine.applyPatches(base, patches);
}

/**
 * Turns deep freezing of everything the simulator stores on or off (and immer's auto-freeze
 * with it). On in the test suite, so a controller or presenter that mutates an object it read
 * from the store fails with a TypeError instead of corrupting a snapshot; off by default,
 * because it costs a walk of every stored object on every write.
 */
export function setObjectFreezing(on: boolean): void {
  freezing = on;
  engine.setAutoFreeze(on);
}

/** `value` deep-frozen when {@link setObjectFreezing} is on, else `value` untouched; the store calls it on every write. */
export function frozenIfEnabled<T>(value: T): T {
  return freezing ? freeze(value, true) : value;
}
