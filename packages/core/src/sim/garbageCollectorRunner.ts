import { garbageCollect } from '../controllers/garbagecollector/garbageCollect.js';
import { enqueueGarbageCollector } from './enqueueDaemonSet.js';
import type { SimulationCore } from './simulationCore.js';
import { perform } from './writePath.js';

/**
 * One `GarbageCollectorSync` of owner `uid`: the garbage collector's actions for it, performed,
 * and a retry if one of them met a conflict. Upstream counterpart: the garbage collector's
 * `attemptToDeleteItem` worker over its rate-limited queue.
 */
export function runGarbageCollector(core: SimulationCore, uid: string): void {
  core.gcDue.delete(uid);
  const conflictsBefore = core.conflicts;
  // The garbage collector confirms an owner's absence with a live read, so it reads the store.
  for (const action of garbageCollect(core.store, uid)) perform(core, action, 'garbage-collector');
  // Retried by the garbage collector's rate-limited queue (first step 5 ms).
  if (core.conflicts !== conflictsBefore) enqueueGarbageCollector(core, uid, 5);
}
