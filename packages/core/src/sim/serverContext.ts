import type { Rng } from '../random/rng.js';
import type { SimTime } from '../model/time.js';

/**
 * What the simulated API server needs to stamp a stored object: the time, fresh UIDs and
 * resourceVersions, and the seeded RNG for generated names.
 * Upstream counterpart: the apiserver's registry and etcd's revision counter.
 */
export interface ServerContext {
  readonly now: SimTime;
  readonly rng: Rng;
  nextUid(): string;
  nextResourceVersion(): string;
}

/** A UUID-shaped UID from a counter: unique, deterministic and readable in traces. */
export function uidFromCounter(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
