import type { PodGCPlan } from '../controllers/podgc/gcPods.js';
import type { DaemonSetSyncPlan } from '../controllers/daemonset/syncDaemonSet.js';
import { SimulationError } from '../errors.js';
import type { SimTime } from '../model/time.js';
import { runDaemonSetSync } from './daemonSetRunner.js';
import { handleCrash } from './handleCrash.js';
import { gcPass } from './podGCRunner.js';
import type { SimEvent } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';
import type { TraceEntry } from './trace.js';

/** What one controller pass planned and the writes (and refusals) it made, in order. */
export interface PassResult<P> {
  readonly plan: P;
  readonly writes: readonly TraceEntry[];
}

/** A DaemonSet key as the work queue holds it, and when it is due. */
export interface QueuedKey {
  readonly key: string;
  readonly at: SimTime;
}

/**
 * Runs exactly one pass of a component as an event of its own, atomic as {@link Simulation.step}
 * makes events: traced, its writes captured, taken back and re-thrown as `ControllerPanic` if it
 * throws. Nothing else runs, and the work queue is not touched.
 */
function onePass<P>(core: SimulationCore, event: SimEvent, detail: string, run: () => P): PassResult<P> {
  if (core.keepTrace)
    core.traceLog.record({ entry: 'event', at: core.clock, seq: -1, type: event.type, detail });
  const writes: TraceEntry[] = [];
  core.capture = writes;
  core.beginEvent();
  let plan: P;
  try {
    plan = run();
  } catch (error) {
    core.rollbackEvent();
    core.capture = undefined;
    throw handleCrash(core, event, error);
  } finally {
    core.capture = undefined;
  }
  core.commitEvent();
  return { plan, writes };
}

/**
 * One `syncDaemonSet` pass for `key` (`namespace/name`) and what it wrote, as upstream's unit tests
 * call `dsc.syncHandler(ctx, key)`: the pass reads the controller's cache and memory, and its
 * plan is performed; nothing else runs. Throws `BadRequest` for a key that is not `namespace/name`.
 */
export function syncDaemonSetOnce(core: SimulationCore, key: unknown): PassResult<DaemonSetSyncPlan> {
  if (typeof key !== 'string' || !/^[^/]+\/[^/]+$/.test(key))
    throw new SimulationError(
      'BadRequest',
      `syncDaemonSet: key: Invalid value: ${JSON.stringify(key) ?? String(key)}: must be namespace/name`,
      { path: 'key' },
    );
  return onePass(core, { type: 'DaemonSetSync', key }, `${key} (one pass)`, () =>
    runDaemonSetSync(core, key),
  );
}

/** One PodGC pass (`PodGCController.gc`) and what it wrote; the next period stays as queued. */
export function podGCOnce(core: SimulationCore): PassResult<PodGCPlan> {
  return onePass(core, { type: 'PodGCPeriod' }, '(one pass)', () => gcPass(core));
}

/**
 * The DaemonSet keys the work queue holds, ready ones (due now or earlier) and delayed ones
 * (`AddAfter`, due later), each in due order, ties by when they were added.
 * Upstream counterpart: the items of the controller's rate-limited work queue and its delaying heap.
 */
export function daemonSetQueue(core: SimulationCore): {
  readonly ready: readonly QueuedKey[];
  readonly delayed: readonly QueuedKey[];
} {
  const ready: QueuedKey[] = [];
  const delayed: QueuedKey[] = [];
  // A key waits at most once among the ready items and once among the delayed ones.
  const seen = new Set<string>();
  for (const { at, item } of core.queue.toSortedArray()) {
    if (item.type !== 'DaemonSetSync') continue;
    if (core.syncDue.get(item.key) !== at && core.syncWaiting.get(item.key) !== at) continue;
    const isReady = at <= core.clock;
    const id = `${isReady ? 'ready' : 'delayed'} ${item.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    (isReady ? ready : delayed).push({ key: item.key, at });
  }
  return { ready, delayed };
}

/**
 * Takes the first ready DaemonSet key off the work queue without running it (`queue.Get` then
 * `queue.Done`), or returns undefined when none is ready. The nodes marked for its next pass stay marked.
 */
export function takeQueuedKey(core: SimulationCore): string | undefined {
  const first = daemonSetQueue(core).ready[0];
  if (first === undefined) return undefined;
  const { key, at } = first;
  if (core.syncDue.get(key) === at) core.syncDue.delete(key);
  if (core.syncWaiting.get(key) === at) core.syncWaiting.delete(key);
  const removed = core.queue.removeWhere(
    (e) => e.item.type === 'DaemonSetSync' && e.item.key === key && e.at === at,
  );
  core.busyEvents -= removed.length;
  return key;
}
