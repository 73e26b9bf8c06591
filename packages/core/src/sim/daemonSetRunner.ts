import type { DaemonSetSyncPlan } from '../controllers/daemonset/syncDaemonSet.js';
import {
  cleanupHistoryActions,
  rollingUpdateActions,
  stoppedPlan,
  syncDaemonSet,
} from '../controllers/daemonset/syncDaemonSet.js';
import { crashIfDue } from './crashController.js';
import { deferStaleSync } from './staleControllerConsistency.js';
import { lowerExpectations, satisfiedExpectations } from '../controllers/daemonset/expectations.js';
import {
  applyRolloutEntries,
  newRolloutLedger,
  rollingUpdateFromLedger,
  rolloutLedgerMatches,
  rolloutNodeEntries,
  rolloutNodesDue,
} from '../controllers/daemonset/rolloutLedger.js';
import type { SyncNodesResult } from '../controllers/daemonset/syncNodes.js';
import { syncNodes } from '../controllers/daemonset/syncNodes.js';
import { updateDaemonSetStatus } from '../controllers/daemonset/updateDaemonSetStatus.js';
import type { Action } from '../controllers/plan.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import { objectKey } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import type { MutableDaemonSetMemory } from './daemonSetMemory.js';
import type { InjectedFault } from './faultInjector.js';
import {
  DEFERRED,
  getDaemonSet,
  requeueAfterError,
  requeueRateLimited,
  sendRequest,
  slowStartBatch,
  storeDaemonSetStatus,
} from './daemonSetRequests.js';
import { enqueueDaemonSet, markDirty } from './enqueueDaemonSet.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * A `DaemonSetSync` of DaemonSet `key`: one controller pass whose plan is performed (and
 * returned), retried after 5 ms if a write met a conflict, and with the rate limiter's backoff
 * if a request failed on a fault rule (`core.syncError`, see {@link requeueAfterError}).
 * Upstream counterpart: `dsc.syncHandler` over the rate-limited work queue.
 */
export function runDaemonSetSync(core: SimulationCore, key: string): DaemonSetSyncPlan {
  const conflictsBefore = core.conflicts;
  core.syncError = undefined;
  if (deferStaleSync(core, key)) {
    // The key leaves the queue and comes back with the rate limiter's backoff; its nodes stay marked.
    if (core.syncDue.get(key) === core.clock) core.syncDue.delete(key);
    if (core.syncWaiting.get(key) === core.clock) core.syncWaiting.delete(key);
    requeueRateLimited(core, key, 0);
    core.syncError = DEFERRED;
    return stoppedPlan([]);
  }
  const writtenBefore = core.resourceVersion;
  const plan = syncPass(core, key);
  if (crashIfDue(core)) return plan;
  if (core.staleControllerConsistency && core.resourceVersion !== writtenBefore)
    core.writtenRV.set(key, core.resourceVersion);
  // A pass that failed on an injected API error is retried with the rate limiter's backoff.
  if (core.syncError !== undefined) requeueAfterError(core, key, core.syncError);
  // A failed pass is retried by the rate-limited work queue, whose first delay is 5 ms.
  else if (core.conflicts !== conflictsBefore) enqueueDaemonSet(core, key, 'all', 5);
  return plan;
}

function syncPass(core: SimulationCore, key: string): DaemonSetSyncPlan {
  if (core.syncDue.get(key) === core.clock) core.syncDue.delete(key);
  if (core.syncWaiting.get(key) === core.clock) core.syncWaiting.delete(key);
  const dirty = core.dirty.get(key);
  core.dirty.delete(key);
  const incremental = core.syncMode !== 'full';
  const nodes =
    !incremental || dirty === 'all'
      ? undefined
      : withAvailabilityDue(dirty, core.cache.daemonSetMemory(key).availabilityDue, core.clock);
  // A pass with no node to look at still runs: its status step may write (the cached status
  // can lag under informer observation) and its rollout phase reads the ledger, as a full pass.
  const plan = syncDaemonSet(
    core.cache,
    key,
    core.clock,
    nodes === undefined
      ? { controller: core.daemonSetController }
      : { nodes, controller: core.daemonSetController },
  );
  if (plan.forget) return plan;
  // A pass that stopped before manage (expectations pending, being deleted, a collision)
  // has decided nothing about its nodes: the next pass looks at them again.
  if (!plan.managed && dirty !== undefined) {
    if (dirty === 'all') core.dirty.set(key, 'all');
    else for (const n of nodes ?? dirty) markDirty(core, key, n);
  }
  const memory = core.cache.mutableDaemonSetMemory(key);
  for (const [k, v] of plan.backoffUpdates) memory.backoff.set(k, v);
  // Upstream sets expectations in syncNodes, after the history and the claim: one of those that
  // fails leaves them as they were.
  const before = memory.expectations;
  // SetExpectations comes before the API calls, whose observation lowers it.
  if (plan.expectations !== undefined) setExpectations(core, memory, plan.expectations);
  // A node this pass acted on is decided again next pass, as a full pass would: under informer
  // observation its cache entry may not show the write yet (without expectations, a duplicate).
  const acted: string[] = [];
  // Nodes whose pods this pass wrote: the status step groups them again, the rest it reuses.
  const written = new Set<string>();
  const act = (action: Action): InjectedFault | undefined => {
    if (action.type === 'createPod') acted.push(action.nodeName);
    else if (action.type === 'deletePod') {
      const target = core.cache.getPod(action.key);
      if (target !== undefined) acted.push(getTargetNodeName(target) ?? '');
    } else if (action.type === 'updatePod') {
      const before = core.cache.getPod(objectKey(action.pod.metadata));
      if (before !== undefined) {
        written.add(getTargetNodeName(before) ?? '');
        acted.push(getTargetNodeName(before) ?? '');
      }
      written.add(getTargetNodeName(action.pod) ?? '');
      // An adopted or released pod's node is decided again too: until the cache shows the
      // update, a full pass would claim the cached copy again (and meet a conflict).
      acted.push(getTargetNodeName(action.pod) ?? '');
    }
    return sendRequest(core, action);
  };
  const actions = plan.actions;
  const claimEnd = plan.historyActions + plan.claimActions;
  // constructHistory's error ends syncDaemonSet at once: no manage, no status.
  for (let i = 0; i < plan.historyActions; i++) {
    const fault = act(actions[i]!);
    if (fault !== undefined) {
      memory.expectations = before;
      core.syncError = fault;
      for (const node of acted) markDirty(core, key, node);
      return plan;
    }
  }
  // A failed claim ends manage before syncNodes; the status step still runs.
  let failed: InjectedFault | undefined;
  let adoptionChecked = false;
  for (let i = plan.historyActions; i < claimEnd && failed === undefined; i++) {
    const action = actions[i]!;
    // canAdoptFunc reads the DaemonSet afresh before the first adoption (RecheckDeletionTimestamp).
    if (!adoptionChecked && action.type === 'updatePod' && action.reason === 'adopt') {
      adoptionChecked = true;
      failed = getDaemonSet(core, key);
      if (failed !== undefined) break;
    }
    failed = act(action);
  }
  if (failed !== undefined) memory.expectations = before;
  else failed = performSyncNodes(core, memory, actions, claimEnd, act);
  if (
    failed === undefined &&
    plan.statusHash !== undefined &&
    plan.rollingUpdate &&
    satisfiedExpectations(memory.expectations, core.clock)
  ) {
    const rollout =
      core.syncMode === 'full'
        ? rollingUpdateActions(
            core.cache,
            key,
            plan.statusHash,
            core.clock,
            core.daemonSetController.burstReplicas,
          )
        : incrementalRollingUpdate(core, key, memory, plan.statusHash);
    setExpectations(core, memory, rollout.expectations);
    failed = performSyncNodes(core, memory, rollout.actions, 0, act);
  }
  // The ledger lives while some pod carries an old hash; a later rollout starts a new one.
  if (plan.managed && !plan.rollingUpdate) memory.rollout = undefined;
  if (plan.cleanupHistory && failed === undefined)
    for (const action of cleanupHistoryActions(core.cache, key, incremental)) {
      failed = sendRequest(core, action);
      if (failed !== undefined) break;
    }
  if (plan.statusHash !== undefined) {
    for (const n of acted) written.add(n);
    const status = updateDaemonSetStatus(
      core.cache,
      key,
      plan.statusHash,
      nodes,
      plan.updateObservedGen,
      core.clock,
      incremental && plan.grouped !== undefined ? { grouped: plan.grouped, written } : undefined,
    );
    if (status.replaceLedger) {
      memory.ledger.clear();
      memory.availabilityDue.clear();
    }
    for (const [node, flags] of status.ledger) {
      if (flags === undefined) memory.ledger.delete(node);
      else memory.ledger.set(node, flags);
    }
    for (const [node, at] of status.availableAt) {
      if (at === undefined) memory.availabilityDue.delete(node);
      else memory.availabilityDue.set(node, at);
    }
    memory.counts = status.counts;
    for (const action of status.actions) {
      const fault =
        action.type === 'updateDaemonSetStatus'
          ? storeDaemonSetStatus(core, action)
          : sendRequest(core, action);
      failed ??= fault;
    }
    if (status.requeueAfter !== undefined) enqueueDaemonSet(core, key, 'all', status.requeueAfter);
  }
  for (const node of plan.stillDirty) markDirty(core, key, node);
  for (const node of acted) markDirty(core, key, node);
  if (plan.requeueAfter !== undefined) enqueueDaemonSet(core, key, [], plan.requeueAfter);
  if (failed !== undefined) core.syncError = failed;
  return plan;
}

/**
 * Performs `syncNodes`' requests from `actions[from]` on: the creates in slow-start batches,
 * then the deletes, each failed delete lowering the expected deletes (`DeletionObserved`), and
 * manage's KubeEvents. Returns the first fault (the aggregate error upstream returns), or undefined.
 */
function performSyncNodes(
  core: SimulationCore,
  memory: MutableDaemonSetMemory,
  actions: readonly Action[],
  from: number,
  act: (action: Action) => InjectedFault | undefined,
): InjectedFault | undefined {
  let first: InjectedFault | undefined;
  for (let i = from; i < actions.length;) {
    const action = actions[i]!;
    if (action.type === 'createPod' && core.faults !== undefined) {
      let end = i;
      while (end < actions.length && actions[end]!.type === 'createPod') end++;
      first ??= slowStartBatch(core, memory, actions.slice(i, end), act);
      i = end;
      continue;
    }
    const fault = act(action);
    if (fault !== undefined) {
      first ??= fault;
      if (action.type === 'deletePod') memory.expectations = lowerExpectations(memory.expectations, 0, 1);
    }
    i++;
  }
  return first;
}

/**
 * The nodes of an incremental pass: the dirty ones and those where a pod turned available by
 * time alone since the last look, which a full pass would notice as well; sorted.
 */
function withAvailabilityDue(
  dirty: ReadonlySet<string> | undefined,
  due: ReadonlyMap<string, SimTime>,
  now: SimTime,
): string[] {
  // Nothing dirty and nothing due (a pass woken by its own status write): no set, no sort.
  if ((dirty === undefined || dirty.size === 0) && due.size === 0) return [];
  const nodes = new Set(dirty);
  for (const [node, at] of due) if (at <= now) nodes.add(node);
  return [...nodes].sort();
}

/**
 * The rolling-update phase over the rollout ledger: only nodes whose inputs changed since the
 * last pass (or whose pods became available with time) are looked at again; a ledger made for
 * another spec or hash is rebuilt from every node. Same decisions as {@link rollingUpdateActions}.
 */
function incrementalRollingUpdate(
  core: SimulationCore,
  key: string,
  memory: MutableDaemonSetMemory,
  hash: string,
): SyncNodesResult {
  const ds = core.cache.getDaemonSet(key)!;
  let ledger = memory.rollout;
  let nodes: readonly string[] | undefined;
  if (ledger === undefined || !rolloutLedgerMatches(ledger, ds, hash)) {
    ledger = newRolloutLedger(ds, hash);
    memory.rollout = ledger;
  } else nodes = rolloutNodesDue(ledger, core.clock);
  if (nodes === undefined || nodes.length > 0)
    applyRolloutEntries(ledger, rolloutNodeEntries(core.cache, ds, hash, core.clock, nodes));
  const decision = rollingUpdateFromLedger(ds, ledger);
  return syncNodes(
    ds,
    decision.oldPodsToDelete,
    decision.newNodesToCreate,
    hash,
    core.daemonSetController.burstReplicas,
  );
}

function setExpectations(
  core: SimulationCore,
  memory: MutableDaemonSetMemory,
  expected: { readonly add: number; readonly del: number },
): void {
  if (core.useExpectations)
    memory.expectations = { add: expected.add, del: expected.del, timestamp: core.clock };
}
