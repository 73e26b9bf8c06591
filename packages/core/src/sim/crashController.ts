import { DAEMONSET_CONTROLLER_COMPONENT } from '../controllers/daemonset/constants.js';
import { SimulationError } from '../errors.js';
import { enqueueDaemonSet } from './enqueueDaemonSet.js';
import { deliver } from './handlers.js';
import { startInformerResync } from './informerResync.js';
import { relistAfterRestart, takeInFlightDeliveries } from './relistInformer.js';
import type { InjectedFault } from './faultInjector.js';
import type { SimulationCore } from './simulationCore.js';

/** The controllers a crash can hit. */
export type CrashableController = 'daemonset';

/** How a controller crashes and restarts (see {@link crashController}). */
export interface CrashOptions {
  /**
   * Crash once the controller has sent this many more API requests, in the middle of a pass if
   * it comes to that: the requests sent stay done, the rest of the pass is never sent. 0 crashes
   * before its next request. Absent: crash now, between two passes.
   */
  readonly afterWrites?: number;
  /**
   * What the restarted controller's informers list: `fresh`, the API server's current state
   * (every watch event in flight arrives at once); `stale`, the state its cache had, as a LIST
   * served from a watch cache that lags behind etcd, the events in flight arriving later as
   * they would have. @defaultValue 'fresh'
   */
  readonly relist?: 'fresh' | 'stale';
}

/** A crash armed by {@link CrashOptions.afterWrites}, counting down the controller's requests. */
export interface ArmedCrash {
  remaining: number;
  readonly afterWrites: number;
  readonly relist: 'fresh' | 'stale';
}

/** What a request the crashed controller never sent returns: it stops the pass as an error would. */
export const CRASHED: InjectedFault = {
  rule: '',
  status: { code: 0, reason: 'InternalError', message: 'the controller crashed', retryAfterSeconds: 0 },
};

/**
 * Crashes the DaemonSet controller now, or arms the crash to come after `afterWrites` more of its
 * requests. Throws `SimulationError('BadRequest')` naming the field for a controller other than
 * `daemonset`, a count that is not a non-negative whole number or an unknown relist.
 * Upstream counterpart: kube-controller-manager exiting (a panic re-raised by `HandleCrash`, a
 * lost leader lease) and starting again.
 */
export function crashController(core: SimulationCore, controller: unknown, options: CrashOptions = {}): void {
  if (controller !== 'daemonset')
    throw new SimulationError(
      'BadRequest',
      `crashController: controller: Unsupported value: ${JSON.stringify(controller) ?? String(controller)}: supported values: "daemonset"`,
      { path: 'controller' },
    );
  const n = options.afterWrites as unknown;
  if (n !== undefined && (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0))
    throw new SimulationError(
      'BadRequest',
      `crashController: afterWrites: Invalid value: ${JSON.stringify(n) ?? String(n)}: must be greater than or equal to 0`,
      { path: 'afterWrites' },
    );
  const relist = (options.relist as unknown) ?? 'fresh';
  if (relist !== 'fresh' && relist !== 'stale')
    throw new SimulationError(
      'BadRequest',
      `crashController: relist: Unsupported value: ${JSON.stringify(relist)}: supported values: "fresh", "stale"`,
      { path: 'relist' },
    );
  if (n === undefined) restartDaemonSetController(core, relist);
  else core.crashArmed = { remaining: n, afterWrites: n, relist };
}

/**
 * Whether an armed crash stops the DaemonSet controller's next request; counts the request down
 * otherwise. Called before each request it sends.
 */
export function crashesBeforeRequest(core: SimulationCore): boolean {
  const armed = core.crashArmed;
  if (armed === undefined) return false;
  if (armed.remaining === 0) return true;
  armed.remaining--;
  return false;
}

/**
 * Ends a pass whose armed crash came (every request after its countdown returned {@link CRASHED}):
 * traced as `ControllerCrashed`, then the controller restarts. Returns whether it crashed.
 */
export function crashIfDue(core: SimulationCore): boolean {
  const armed = core.crashArmed;
  if (armed === undefined || armed.remaining > 0) return false;
  if (core.keepTrace)
    core.traceLog.record({
      entry: 'event',
      at: core.clock,
      seq: -1,
      type: 'ControllerCrashed',
      detail: `${DAEMONSET_CONTROLLER_COMPONENT} after ${armed.afterWrites} requests`,
    });
  restartDaemonSetController(core, armed.relist);
  return true;
}

/**
 * The DaemonSet controller's process restarts: its memory is gone (expectations, failed-pod
 * backoff, status and rollout ledgers), its work queue and rate limiter are empty, and its
 * informers list again (fresh or stale, see {@link CrashOptions.relist}) and resync on a period
 * of their own; their initial list queues every DaemonSet. Traced as `ControllerRestarted`.
 * Upstream counterpart: a new `NewDaemonSetsController` whose informers `WaitForCacheSync` and
 * whose `addDaemonset` handler queues each listed DaemonSet.
 */
export function restartDaemonSetController(core: SimulationCore, relist: 'fresh' | 'stale'): void {
  core.crashArmed = undefined;
  if (core.keepTrace)
    core.traceLog.record({
      entry: 'event',
      at: core.clock,
      seq: -1,
      type: 'ControllerRestarted',
      detail: `${DAEMONSET_CONTROLLER_COMPONENT} relist=${relist}`,
    });
  if (relist === 'fresh' && core.cache !== core.store) {
    // The fresh LIST shows every write made so far: the watch events in flight land now, in order.
    for (const item of takeInFlightDeliveries(core)) deliver(core, item.kind, item.key, item.object);
    // What broken watches dropped, the new informers' lists show.
    relistAfterRestart(core);
  }
  core.cache.forgetDaemonSetMemory();
  core.busyEvents -= core.queue.removeWhere((e) => e.item.type === 'DaemonSetSync').length;
  core.syncDue.clear();
  core.syncWaiting.clear();
  core.dirty.clear();
  core.backingOff.clear();
  core.writtenRV.clear();
  for (const key of [...core.failures.keys()])
    if (key.startsWith(`${DAEMONSET_CONTROLLER_COMPONENT}\u0000`)) core.failures.delete(key);
  core.staleFloor = core.staleControllerConsistency ? core.resourceVersion : 0;
  // A new process builds a new informer factory, with a resync period of its own.
  startInformerResync(core);
  for (const key of core.cache.daemonSetKeys()) enqueueDaemonSet(core, key, 'all');
}
