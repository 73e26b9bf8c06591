import { JournaledSet } from './journal.js';
import type { SimulationCore } from './simulationCore.js';

/** Notes that `node`'s inputs changed for DaemonSet `key`, for its next incremental pass. */
export function markDirty(core: SimulationCore, key: string, node: string): void {
  core.cache.markRolloutStale(key, node);
  const d = core.dirty.get(key);
  if (d === 'all') return;
  if (d === undefined) core.dirty.set(key, new JournaledSet(core.journal, [node]));
  else d.add(node);
}

/** Adds a DaemonSet key to the work queue (deduplicated while waiting), with the nodes to look at. */
export function enqueueDaemonSet(
  core: SimulationCore,
  key: string,
  nodes: readonly string[] | 'all',
  after = 0,
): void {
  if (nodes === 'all') core.dirty.set(key, 'all');
  else for (const n of nodes) markDirty(core, key, n);
  // Like client-go's delaying work queue: a key waits at most once in the queue proper and
  // at most once, at its earliest time, among the delayed adds.
  const at = core.clock + after;
  const pending = after === 0 ? core.syncDue : core.syncWaiting;
  const due = pending.get(key);
  if (due !== undefined && due <= at) return;
  pending.set(key, at);
  core.pushEvent(at, { type: 'DaemonSetSync', key });
}

/** Adds an owner uid to the garbage collector's queue (deduplicated while waiting), after `after` ms. */
export function enqueueGarbageCollector(core: SimulationCore, uid: string, after = 0): void {
  if (core.gcDue.has(uid)) return;
  core.gcDue.add(uid);
  core.pushEvent(core.clock + after, { type: 'GarbageCollectorSync', uid });
}
