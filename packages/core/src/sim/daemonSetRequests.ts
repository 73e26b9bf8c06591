import { DAEMONSET_CONTROLLER_COMPONENT } from '../controllers/daemonset/constants.js';
import { lowerExpectations } from '../controllers/daemonset/expectations.js';
import type { Action } from '../controllers/plan.js';
import { itemExponentialFailureDelay } from '../controllers/workqueue/itemExponentialFailureRateLimiter.js';
import { SECOND } from '../model/time.js';
import type { MutableDaemonSetMemory } from './daemonSetMemory.js';
import type { InjectedFault } from './faultInjector.js';
import { injectFault, requestOf } from './faultInjector.js';
import { enqueueDaemonSet } from './enqueueDaemonSet.js';
import { CRASHED, crashesBeforeRequest } from './crashController.js';
import type { SimulationCore } from './simulationCore.js';
import { perform } from './writePath.js';

// The DaemonSet controller's API calls and how it reacts when one fails: the parts of
// pkg/controller/daemon/daemon_controller.go that only matter once a request can fail.

/**
 * Sends one of the DaemonSet controller's requests: the fault rules may fail it (traced, nothing
 * written, the fault returned); otherwise it is performed. Without fault rules this is `perform`.
 */
export function sendRequest(core: SimulationCore, action: Action): InjectedFault | undefined {
  if (core.crashArmed !== undefined && crashesBeforeRequest(core)) return CRASHED;
  if (core.faults !== undefined) {
    const request = requestOf(action);
    const fault =
      request === undefined ? undefined : injectFault(core, request, DAEMONSET_CONTROLLER_COMPONENT);
    if (fault !== undefined) return fault;
  }
  perform(core, action, DAEMONSET_CONTROLLER_COMPONENT);
  return undefined;
}

/** A GET of DaemonSet `key` by the controller: only a fault rule can fail it (the read itself changes nothing). */
export function getDaemonSet(core: SimulationCore, key: string): InjectedFault | undefined {
  if (core.faults === undefined) return undefined;
  const slash = key.indexOf('/');
  return injectFault(
    core,
    { verb: 'get', resource: 'daemonsets', namespace: key.slice(0, slash), name: key.slice(slash + 1) },
    DAEMONSET_CONTROLLER_COMPONENT,
  );
}

/**
 * Performs a pass's pod creates in batches of `slowStartInitialBatchSize`, doubling after each
 * batch without a failure; after a batch with a failure the rest are skipped. Each failed create
 * lowers the expected adds by one (`CreationObserved`), the skipped ones by their number
 * (`LowerExpectations`), so the next pass is not held back waiting for pods that never come.
 * `send` performs one create and returns its fault. Returns the first fault, or undefined.
 * Mirrors the create loop of `syncNodes` and `slowStartBatch` (pkg/controller/daemon/daemon_controller.go).
 * Deviation: a batch's creates run one after another in node order, not in goroutines.
 */
export function slowStartBatch(
  core: SimulationCore,
  memory: MutableDaemonSetMemory,
  creates: readonly Action[],
  send: (action: Action) => InjectedFault | undefined,
): InjectedFault | undefined {
  const createDiff = creates.length;
  let first: InjectedFault | undefined;
  let batchSize = Math.min(createDiff, core.daemonSetController.slowStartInitialBatchSize);
  for (let pos = 0; createDiff > pos;) {
    let errors = 0;
    for (let i = pos; i < pos + batchSize; i++) {
      const fault = send(creates[i]!);
      if (fault === undefined) continue;
      errors++;
      first ??= fault;
      memory.expectations = lowerExpectations(memory.expectations, 1, 0);
    }
    const skippedPods = createDiff - (batchSize + pos);
    if (errors > 0 && skippedPods > 0) {
      memory.expectations = lowerExpectations(memory.expectations, skippedPods, 0);
      break;
    }
    pos += batchSize;
    batchSize = Math.min(2 * batchSize, createDiff - pos);
  }
  return first;
}

/**
 * Writes a DaemonSet's status, and after a failure reads the DaemonSet again and retries once
 * (`StatusUpdateRetries` is 1); a failed GET ends the attempt with its own error, "bound to be
 * more interesting than the update failure". Returns the fault that stopped it, or undefined.
 * Mirrors `storeDaemonSetStatus` (pkg/controller/daemon/daemon_controller.go).
 * Deviation: the retry writes the status computed before the GET; upstream recomputes nothing
 * either, it only takes the fresh resourceVersion.
 */
export function storeDaemonSetStatus(
  core: SimulationCore,
  action: Action & { type: 'updateDaemonSetStatus' },
): InjectedFault | undefined {
  const failed = sendRequest(core, action);
  if (failed === undefined) return undefined;
  return getDaemonSet(core, action.key) ?? sendRequest(core, action);
}

/**
 * Re-queues a DaemonSet whose pass failed on an API error, with the work queue's rate-limited
 * backoff (5 ms doubling per failure in a row, to 1000 s), or the error's `Retry-After` when longer;
 * the failure count is kept until a pass succeeds (`Forget`).
 * Mirrors `processNextWorkItem`'s `queue.AddRateLimited(key)` after `syncHandler` returns an error.
 * Deviation: client-go retries a 429 or a 5xx with `Retry-After` itself before the error reaches
 * the controller; here the controller sees it, and waits at least `Retry-After`.
 */
export function requeueAfterError(core: SimulationCore, key: string, fault: InjectedFault): void {
  requeueRateLimited(core, key, fault.status.retryAfterSeconds * SECOND);
}

/** `queue.AddRateLimited(key)`: the next failure's delay (or `atLeast` ms when longer), the failure counted. */
export function requeueRateLimited(core: SimulationCore, key: string, atLeast: number): void {
  const failureKey = `${DAEMONSET_CONTROLLER_COMPONENT}\u0000${key}`;
  const failures = core.failures.get(failureKey) ?? 0;
  core.failures.set(failureKey, failures + 1);
  enqueueDaemonSet(core, key, 'all', Math.max(itemExponentialFailureDelay(failures), atLeast));
}

/** The pass result of a sync that KEP-5647's check deferred: not settled, so its failures stay counted. */
export const DEFERRED: InjectedFault = {
  rule: '',
  status: { code: 0, reason: 'InternalError', message: 'sync deferred: stale cache', retryAfterSeconds: 0 },
};
