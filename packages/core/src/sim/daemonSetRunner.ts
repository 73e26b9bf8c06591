import { DAEMONSET_CONTROLLER_COMPONENT } from '../controllers/daemonset/constants.js';
import {
  cleanupHistoryActions,
  rollingUpdateActions,
  syncDaemonSet,
} from '../controllers/daemonset/syncDaemonSet.js';
import { satisfiedExpectations } from '../controllers/daemonset/expectations.js';
import { updateDaemonSetStatus } from '../controllers/daemonset/updateDaemonSetStatus.js';
import type { Action } from '../controllers/plan.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import type { MutableDaemonSetMemory } from './clusterStore.js';
import { perform } from './writePath.js';
import { enqueueDaemonSet, markDirty } from './handlers.js';
import type { SimulationCore } from './simulationCore.js';

/** A `DaemonSetSync` of DaemonSet `key`: one controller pass whose plan is performed, retried after 5 ms if a write met a conflict. Upstream counterpart: `dsc.syncHandler` over the rate-limited work queue. */
export function runDaemonSetSync(core: SimulationCore, key: string): void {
  const conflictsBefore = core.conflicts;
  syncPass(core, key);
  // A failed pass is retried by the rate-limited work queue, whose first delay is 5 ms.
  if (core.conflicts !== conflictsBefore) enqueueDaemonSet(core, key, 'all', 5);
}

function syncPass(core: SimulationCore, key: string): void {
  if (core.syncDue.get(key) === core.clock) core.syncDue.delete(key);
  if (core.syncWaiting.get(key) === core.clock) core.syncWaiting.delete(key);
  const dirty = core.dirty.get(key);
  core.dirty.delete(key);
  const nodes =
    core.syncMode === 'full' || dirty === undefined || dirty === 'all' ? undefined : [...dirty].sort();
  if (nodes !== undefined && nodes.length === 0) return;
  const plan = syncDaemonSet(core.cache, key, core.clock, nodes === undefined ? {} : { nodes });
  if (plan.forget) return;
  // A pass that stopped before manage (expectations pending, being deleted, a collision)
  // has decided nothing about its nodes: the next pass looks at them again.
  if (!plan.managed && dirty !== undefined) {
    if (dirty === 'all') core.dirty.set(key, 'all');
    else for (const n of dirty) markDirty(core, key, n);
  }
  const memory = core.cache.mutableDaemonSetMemory(key);
  for (const [k, v] of plan.backoffUpdates) memory.backoff.set(k, v);
  // SetExpectations comes before the API calls, whose observation lowers it.
  if (plan.expectations !== undefined) setExpectations(core, memory, plan.expectations);
  // A node this pass acted on is decided again next pass, as a full pass would: under informer
  // observation its cache entry may not show the write yet (without expectations, a duplicate).
  const acted: string[] = [];
  const act = (action: Action): void => {
    if (action.type === 'createPod') acted.push(action.nodeName);
    else if (action.type === 'deletePod') {
      const target = core.cache.getPod(action.key);
      if (target !== undefined) acted.push(getTargetNodeName(target) ?? '');
    }
    perform(core, action, DAEMONSET_CONTROLLER_COMPONENT);
  };
  for (const action of plan.actions) act(action);
  if (
    plan.statusHash !== undefined &&
    plan.rollingUpdate &&
    satisfiedExpectations(memory.expectations, core.clock)
  ) {
    const rollout = rollingUpdateActions(core.cache, key, plan.statusHash, core.clock);
    setExpectations(core, memory, rollout.expectations);
    for (const action of rollout.actions) act(action);
  }
  if (plan.cleanupHistory)
    for (const action of cleanupHistoryActions(core.cache, key))
      perform(core, action, DAEMONSET_CONTROLLER_COMPONENT);
  if (plan.statusHash !== undefined) {
    const status = updateDaemonSetStatus(
      core.cache,
      key,
      plan.statusHash,
      nodes,
      plan.updateObservedGen,
      core.clock,
    );
    if (status.replaceLedger) memory.ledger.clear();
    for (const [node, flags] of status.ledger) {
      if (flags === undefined) memory.ledger.delete(node);
      else memory.ledger.set(node, flags);
    }
    memory.counts = status.counts;
    for (const action of status.actions) perform(core, action, DAEMONSET_CONTROLLER_COMPONENT);
    if (status.requeueAfter !== undefined) enqueueDaemonSet(core, key, 'all', status.requeueAfter);
  }
  for (const node of plan.stillDirty) markDirty(core, key, node);
  for (const node of acted) markDirty(core, key, node);
  if (plan.requeueAfter !== undefined) enqueueDaemonSet(core, key, [], plan.requeueAfter);
}

function setExpectations(
  core: SimulationCore,
  memory: MutableDaemonSetMemory,
  expected: { readonly add: number; readonly del: number },
): void {
  if (core.useExpectations)
    memory.expectations = { add: expected.add, del: expected.del, timestamp: core.clock };
}
