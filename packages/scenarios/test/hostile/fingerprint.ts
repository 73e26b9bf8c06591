import type { Simulation } from '@daemonsim/core';

/** Everything a rejected input must leave as it was: every stored object, the RNG, the queue and the clock. */
export function fingerprint(simulation: Simulation): string {
  const snapshot = simulation.snapshot();
  const maps = Object.entries(snapshot)
    .filter(([, v]) => v instanceof Map)
    .map(([k, v]) => [k, [...(v as Map<string, unknown>).entries()].sort(([a], [b]) => (a < b ? -1 : 1))]);
  return JSON.stringify({
    maps,
    rng: simulation.rngState,
    pending: simulation.pendingEvents,
    now: simulation.now,
  });
}
