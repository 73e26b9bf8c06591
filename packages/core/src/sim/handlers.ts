import { jsonEqual } from '../api/jsonEqual.js';
import { nodeShouldRunDaemonPod } from '../controllers/daemonset/nodeShouldRunDaemonPod.js';
import { lowerExpectations } from '../controllers/daemonset/expectations.js';
import { labelSelectorMatches } from '../model/labelSelector.js';
import { getTargetNodeName } from '../model/nodeAffinity.js';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { getControllerOf } from '../model/ownerReferences.js';
import { isPodReady } from '../model/podConditions.js';
import { SECOND } from '../model/time.js';
import type { WatchedKind, WatchedObject } from './simEvent.js';
import { emit } from './emit.js';
import { enqueueDaemonSet, enqueueGarbageCollector, markDirty } from './enqueueDaemonSet.js';
import { clearUnschedulable } from './schedulingQueue.js';
import type { SimulationCore } from './simulationCore.js';
import { scheduleWatchDelivery } from './watchFaults.js';

/**
 * Passes a write to the controllers: at once under instant observation, or through the
 * informer caches after a seeded lag, in write order; watch fault rules may drop or delay it
 * (see `WatchFaultRule`).
 */
export function notify(
  core: SimulationCore,
  kind: WatchedKind,
  key: string,
  old: WatchedObject | undefined,
  obj: WatchedObject | undefined,
): void {
  emit(core, kind, old, obj);
  if (core.cache === core.store) {
    handle(core, kind, key, old, obj);
    return;
  }
  let at = Math.max(core.lastDelivery, core.clock + core.draw(core.latencies.informer));
  // A delete's resourceVersion is the one `emit` drew for it, the latest.
  const rv = obj === undefined ? core.resourceVersion : Number(obj.metadata.resourceVersion);
  const watchType = obj === undefined ? 'DELETED' : old === undefined ? 'ADDED' : 'MODIFIED';
  if (core.watchFaults === undefined) core.lastDelivery = at;
  else {
    const faulted = scheduleWatchDelivery(
      core,
      core.watchFaults,
      kind,
      `${kind} ${key} ${watchType} rv=${rv}`,
      rv,
      at,
    );
    if (faulted === undefined) return;
    at = faulted;
  }
  core.pushEvent(at, {
    type: 'WatchDelivered',
    kind,
    key,
    object: obj,
    rv,
    watchType,
    writtenAt: core.clock,
  });
}

/** A watch event reaches the informer cache: update the cache, then run the handlers. */
export function deliver(
  core: SimulationCore,
  kind: WatchedKind,
  key: string,
  obj: WatchedObject | undefined,
): void {
  const c = core.cache;
  switch (kind) {
    case 'Node': {
      const old = c.getNode(key);
      if (obj === undefined) c.removeNode(key);
      else c.putNode(obj as Node);
      return handle(core, kind, key, old, obj);
    }
    case 'Pod': {
      const old = c.getPod(key);
      if (obj === undefined) c.removePod(key);
      else c.putPod(obj as Pod);
      return handle(core, kind, key, old, obj);
    }
    case 'DaemonSet': {
      const old = c.getDaemonSet(key);
      if (obj === undefined) c.removeDaemonSet(key);
      else c.putDaemonSet(obj as DaemonSet);
      return handle(core, kind, key, old, obj);
    }
    case 'ControllerRevision': {
      const old = c.getRevision(key);
      if (obj === undefined) c.removeRevision(key);
      else c.putRevision(obj as ControllerRevision);
      return handle(core, kind, key, old, obj);
    }
  }
}

/**
 * An object the components' informers find in their initial list (a fixture): their handlers
 * see it as added, queuing work without running any of it. Upstream counterpart: the ADDED
 * events a shared informer delivers for the objects of its first LIST.
 */
export function listed(core: SimulationCore, kind: WatchedKind, key: string, obj: WatchedObject): void {
  if (kind === 'Pod') return onPodChanged(core, undefined, obj as Pod, true);
  handle(core, kind, key, undefined, obj);
}

function handle(
  core: SimulationCore,
  kind: WatchedKind,
  key: string,
  old: WatchedObject | undefined,
  obj: WatchedObject | undefined,
): void {
  switch (kind) {
    case 'Node':
      if (obj === undefined) {
        // Upstream has no node-delete handler: DaemonSets notice on their next pass.
        for (const dsKey of core.cache.daemonSetKeys()) markDirty(core, dsKey, key);
        return;
      }
      return onNodeChanged(core, old as Node | undefined, obj as Node);
    case 'Pod':
      return onPodChanged(core, old as Pod | undefined, obj as Pod | undefined);
    case 'DaemonSet':
      return onDaemonSetChanged(core, key, old as DaemonSet | undefined, obj as DaemonSet | undefined);
    case 'ControllerRevision':
      return onRevisionChanged(
        core,
        old as ControllerRevision | undefined,
        obj as ControllerRevision | undefined,
      );
  }
}

function onNodeChanged(core: SimulationCore, old: Node | undefined, node: Node): void {
  const labelsOrTaintsChanged =
    old === undefined ||
    !jsonEqual(old.metadata.labels ?? {}, node.metadata.labels ?? {}) ||
    !jsonEqual(old.spec.taints ?? [], node.spec.taints ?? []);
  if (!labelsOrTaintsChanged) return;
  const name = node.metadata.name;
  for (const key of core.cache.daemonSetKeys()) {
    const ds = core.cache.getDaemonSet(key)!;
    markDirty(core, key, name);
    // The node-update queue wakes only the DaemonSets this node changes something for.
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const hasPod = core.cache.hasPodsOfOwnerOnNode(ds.metadata.uid, name);
    if (
      (shouldRun && !hasPod) ||
      (!shouldContinueRunning && hasPod) ||
      (hasPod && ds.status.numberMisscheduled > 0)
    )
      enqueueDaemonSet(core, key, [name]);
  }
  for (const pod of core.cache.podsOnNode(name)) {
    const key = objectKey(pod.metadata);
    if (core.unschedulable.get(key) === pod.metadata.uid) {
      clearUnschedulable(core, key);
      core.pushEvent(core.clock + core.draw(core.latencies.scheduling), {
        type: 'SchedulingAttempted',
        key,
        uid: pod.metadata.uid,
      });
    }
  }
}

const NO_NODES: readonly string[] = [];
/** The node list of a pod attributed to no node: its DaemonSet's pass looks at the unnamed node. */
const NO_NODE_NAME: readonly string[] = [''];

function onPodChanged(
  core: SimulationCore,
  old: Pod | undefined,
  pod: Pod | undefined,
  initialList = false,
): void {
  const current = (pod ?? old)!;
  const key = objectKey(current.metadata);
  const oldNode = old === undefined ? undefined : getTargetNodeName(old);
  const newNode = pod === undefined ? undefined : getTargetNodeName(pod);
  // Most pod writes keep the node: no set, no filter, no spread on the hot path.
  const nodes: readonly string[] =
    oldNode === newNode || newNode === undefined
      ? oldNode === undefined
        ? NO_NODES
        : [oldNode]
      : oldNode === undefined
        ? [newNode]
        : [oldNode, newNode];
  const oldOwner = old === undefined ? undefined : getControllerOf(old.metadata);
  const newOwner = pod === undefined ? undefined : getControllerOf(pod.metadata);
  // DaemonSet controller: wake the owner, or the DaemonSets that could adopt an orphan.
  const ownedBy: string[] = [];
  for (const ref of oldOwner === newOwner ? [oldOwner] : [oldOwner, newOwner]) {
    if (ref?.kind !== 'DaemonSet') continue;
    const dsKey = `${current.metadata.namespace}/${ref.name}`;
    if (core.cache.getDaemonSet(dsKey)?.metadata.uid === ref.uid && !ownedBy.includes(dsKey))
      ownedBy.push(dsKey);
  }
  let owners: readonly string[] = ownedBy;
  const orphanChanged =
    newOwner === undefined &&
    pod !== undefined &&
    (old === undefined ||
      oldOwner !== undefined ||
      !jsonEqual(old.metadata.labels ?? {}, pod.metadata.labels ?? {}));
  if (orphanChanged) {
    const adopters = new Set(ownedBy);
    for (const dsKey of core.cache.daemonSetKeys()) {
      const ds = core.cache.getDaemonSet(dsKey)!;
      if (
        ds.metadata.namespace === pod.metadata.namespace &&
        labelSelectorMatches(ds.spec.selector, pod.metadata.labels)
      )
        adopters.add(dsKey);
    }
    owners = [...adopters];
  }
  // An orphan that stopped matching a DaemonSet wakes nothing (as upstream), but that
  // DaemonSet's rollout ledger may have counted it as adoptable on its node.
  if (old !== undefined && oldOwner === undefined) {
    for (const dsKey of core.cache.daemonSetKeys()) {
      const ds = core.cache.getDaemonSet(dsKey)!;
      if (ds.metadata.namespace === old.metadata.namespace && !owners.includes(dsKey))
        for (const n of nodes) core.cache.markRolloutStale(dsKey, n);
    }
  }
  for (const dsKey of owners.length > 1 ? [...owners].sort() : owners) {
    if (ownedBy.includes(dsKey)) observe(core, dsKey, old, pod);
    enqueueDaemonSet(core, dsKey, nodes.length > 0 ? nodes : NO_NODE_NAME);
    const ds = core.cache.getDaemonSet(dsKey)!;
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    if (
      minReadySeconds > 0 &&
      old !== undefined &&
      pod !== undefined &&
      !isPodReady(old) &&
      isPodReady(pod)
    ) {
      enqueueDaemonSet(core, dsKey, nodes, (minReadySeconds + 1) * SECOND);
    }
  }
  // Garbage collector: a dependent whose owner is gone (possible when the controller's cache
  // still showed a deleted owner), or an owner waiting for its dependents to go.
  if (
    newOwner !== undefined &&
    newOwner.kind === 'DaemonSet' &&
    !ownedBy.includes(`${current.metadata.namespace}/${newOwner.name}`)
  )
    enqueueGarbageCollector(core, newOwner.uid);
  if (pod === undefined) {
    for (const ref of current.metadata.ownerReferences ?? []) {
      if (ownerAwaitsDependents(core, current.metadata.namespace, ref.name, ref.uid))
        enqueueGarbageCollector(core, ref.uid);
    }
  }
  if (pod === undefined) return;
  // Scheduler: a new pending pod.
  if (old === undefined && (pod.spec.nodeName ?? '') === '') {
    core.pushEvent(core.clock + core.draw(core.latencies.scheduling), {
      type: 'SchedulingAttempted',
      key,
      uid: pod.metadata.uid,
    });
  }
  // Kubelet: a pod just bound to its node, or just asked to terminate.
  const nodeName = pod.spec.nodeName;
  if (nodeName === undefined || nodeName === '' || core.cache.getNode(nodeName) === undefined) return;
  // A listed pod the kubelet already started (past Pending) stays as it is.
  if (
    (old?.spec.nodeName ?? '') === '' &&
    pod.metadata.deletionTimestamp === undefined &&
    !core.kubeletDown.has(nodeName) &&
    (!initialList || pod.status.phase === 'Pending')
  ) {
    core.pushEvent(core.clock + core.draw(core.latencies.containerStart), {
      type: 'ContainerStarted',
      key,
      uid: pod.metadata.uid,
    });
  }
  if (
    old !== undefined &&
    old.metadata.deletionTimestamp === undefined &&
    pod.metadata.deletionTimestamp !== undefined
  ) {
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * SECOND;
    const stops = pod.spec.containers
      .map((c) => core.behaviour(c.image).stopLatency)
      .filter((d): d is number => d !== undefined);
    // Containers that outlast the grace period are killed (SIGKILL) when it ends.
    const stop = stops.length === 0 ? core.draw(core.latencies.termination) : Math.max(...stops);
    if (!core.kubeletDown.has(nodeName))
      core.pushEvent(core.clock + Math.min(grace, stop), {
        type: 'PodTerminated',
        key,
        uid: pod.metadata.uid,
      });
  }
}

/**
 * Deviation: upstream also wakes the owning DaemonSet on every revision write; the only
 * revision writes here are the controller's own, made in a pass that already acts on them.
 */
function onRevisionChanged(
  core: SimulationCore,
  old: ControllerRevision | undefined,
  revision: ControllerRevision | undefined,
): void {
  if (revision !== undefined) {
    const ref = getControllerOf(revision.metadata);
    if (
      ref?.kind === 'DaemonSet' &&
      core.cache.getDaemonSet(`${revision.metadata.namespace}/${ref.name}`)?.metadata.uid !== ref.uid
    )
      enqueueGarbageCollector(core, ref.uid);
    return;
  }
  if (old === undefined) return;
  const ref = getControllerOf(old.metadata);
  if (ref?.kind === 'DaemonSet' && ownerAwaitsDependents(core, old.metadata.namespace, ref.name, ref.uid))
    enqueueGarbageCollector(core, ref.uid);
}

/**
 * Wakes a DaemonSet on every add, update and delete, its own status writes included.
 * Mirrors `addDaemonset`, `updateDaemonset` and `deleteDaemonset`
 * (pkg/controller/daemon/daemon_controller.go): a delete drops the DaemonSet's expectations
 * (the cache drops its whole memory with it) and queues the key, whose pass then finds nothing.
 * Deviation: a status-only update marks no node dirty, so an incremental pass it wakes looks
 * at no node (a full pass looks at all and decides the same).
 */
function onDaemonSetChanged(
  core: SimulationCore,
  key: string,
  old: DaemonSet | undefined,
  ds: DaemonSet | undefined,
): void {
  if (ds === undefined) {
    core.dirty.delete(key);
    if (old !== undefined && core.cache.dependentsOf(old.metadata.uid).length > 0)
      enqueueGarbageCollector(core, old.metadata.uid);
    enqueueDaemonSet(core, key, []);
    return;
  }
  const statusOnly =
    old !== undefined &&
    old.metadata.uid === ds.metadata.uid &&
    old.metadata.generation === ds.metadata.generation &&
    old.metadata.deletionTimestamp === ds.metadata.deletionTimestamp &&
    (old.status.collisionCount ?? 0) === (ds.status.collisionCount ?? 0) &&
    old.metadata.finalizers === ds.metadata.finalizers;
  enqueueDaemonSet(core, key, statusOnly ? [] : 'all');
}

function ownerAwaitsDependents(core: SimulationCore, namespace: string, name: string, uid: string): boolean {
  const owner = core.cache.getDaemonSet(`${namespace}/${name}`);
  return owner !== undefined && owner.metadata.uid === uid && owner.metadata.deletionTimestamp !== undefined;
}

/** Records what the informer shows of a DaemonSet's own creates and deletes (`CreationObserved`, `DeletionObserved`). */
function observe(core: SimulationCore, dsKey: string, old: Pod | undefined, pod: Pod | undefined): void {
  const memory = core.cache.mutableDaemonSetMemory(dsKey);
  if (memory.expectations === undefined) return;
  const created = old === undefined && pod !== undefined && pod.metadata.deletionTimestamp === undefined;
  const deleted =
    (pod === undefined && old !== undefined) ||
    (pod !== undefined &&
      pod.metadata.deletionTimestamp !== undefined &&
      (old === undefined || old.metadata.deletionTimestamp === undefined));
  if (created || deleted)
    memory.expectations = lowerExpectations(memory.expectations, created ? 1 : 0, deleted ? 1 : 0);
}
