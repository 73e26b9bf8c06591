import type { SimEvent } from './simEvent.js';
import { admittedPodStatus } from '../controllers/kubelet/kubeletPodStatus.js';
import {
  NODE_LIFECYCLE_COMPONENT,
  doNoScheduleTaintingPass,
} from '../controllers/nodelifecycle/nodeTaints.js';
import type { Action } from '../controllers/plan.js';
import { SCHEDULER_COMPONENT } from '../controllers/scheduler/schedulePod.js';
import { SimulationError } from '../errors.js';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { toTimestamp } from '../model/time.js';
import { newNode } from './newNode.js';
import { involvedOf, recordEvent } from './recordEvent.js';
import { notify } from './handlers.js';
import { afterPodWrite, clearUnschedulable } from './schedulingQueue.js';
import { createPod, deletePod, removePod } from './podWrites.js';
import { processTaintEviction } from './processTaintEviction.js';
import type { SimulationCore } from './simulationCore.js';

/** The node called `name`, or `SimulationError('NotFound')` as the API server answers a request for a missing one. */
export function requireNode(core: SimulationCore, name: string): Node {
  const node = core.store.getNode(name);
  if (node === undefined)
    throw new SimulationError('NotFound', `nodes "${name}" not found`, { path: 'metadata.name' });
  return node;
}

/** Creates a node (a kubelet registering it), refusing a name that is taken (`AlreadyExists`). */
export function addNode(core: SimulationCore, input: { readonly name: string }): void {
  if (core.store.getNode(input.name) !== undefined)
    throw new SimulationError('AlreadyExists', `nodes "${input.name}" already exists`, {
      path: 'metadata.name',
    });
  const node = newNode(input, core.nodeOrdinal, core.context);
  core.nodeOrdinal++;
  writeNode(core, undefined, node, 'kubelet', 'create');
}

/** Deletes node `name` from the store; its pods stay until PodGC finds them orphaned, as upstream. */
export function removeNode(core: SimulationCore, name: string): void {
  const node = requireNode(core, name);
  core.store.removeNode(name);
  core.recordWrite('delete', 'Node', name, 'user', '');
  notify(core, 'Node', name, node, undefined);
}

/** Stores a node write and passes it on; the node lifecycle controller's NoSchedule tainting pass and the taint eviction controller react to it at once. */
export function writeNode(
  core: SimulationCore,
  old: Node | undefined,
  node: Node,
  by: string,
  verb: 'create' | 'update' | 'status',
): void {
  if (old !== undefined && old === node) return;
  core.store.putNode(node);
  core.recordWrite(verb, 'Node', node.metadata.name, by, () => describeNode(node));
  notify(core, 'Node', node.metadata.name, old, node);
  // The node lifecycle controller's NoSchedule tainting pass runs on every node update.
  // Deviation: it reads the live node (no informer lag), so its write never conflicts.
  const tainted = doNoScheduleTaintingPass(node, core.clock);
  if (tainted !== undefined) {
    writeNode(
      core,
      node,
      { ...tainted, metadata: { ...tainted.metadata, resourceVersion: core.context.nextResourceVersion() } },
      NODE_LIFECYCLE_COMPONENT,
      'update',
    );
    return;
  }
  // The taint eviction controller reacts to NoExecute taint changes.
  if (noExecuteTaints(old) !== noExecuteTaints(node)) {
    const name = node.metadata.name;
    const pods = [...core.store.podsOnNode(name)]
      .filter((p) => p.spec.nodeName === name)
      .sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
    for (const pod of pods) processTaintEviction(core, pod);
  }
}

/** Removes a DaemonSet from storage, traced and passed to the controllers: the end of its deletion. */
export function removeDaemonSetObject(core: SimulationCore, ds: DaemonSet, by: string): void {
  const key = objectKey(ds.metadata);
  core.store.removeDaemonSet(key);
  core.recordWrite('delete', 'DaemonSet', key, by, '');
  notify(core, 'DaemonSet', key, ds, undefined);
}

/** Stores a DaemonSet create, update or status write, traces it and passes it on. */
export function writeDaemonSet(
  core: SimulationCore,
  ds: DaemonSet,
  verb: 'create' | 'update' | 'status',
  by: string,
  detail: string | (() => string) = () => `generation=${ds.metadata.generation}`,
): void {
  const key = objectKey(ds.metadata);
  const old = core.store.getDaemonSet(key);
  core.store.putDaemonSet(ds);
  core.recordWrite(verb, 'DaemonSet', key, by, detail);
  notify(core, 'DaemonSet', key, old, ds);
}

/** Carries out one controller `Action` as the API server would, answering an update from a stale copy with a conflict. Upstream counterpart: the REST handlers behind the controllers' clientsets. */
export function perform(core: SimulationCore, action: Action, by: string): void {
  switch (action.type) {
    case 'createPod':
      createPod(core, action.pod, by, action.recordedBy);
      return;
    case 'deletePod': {
      const pod = core.store.getPod(action.key);
      if (pod === undefined || pod.metadata.uid !== action.uid) return;
      deletePod(core, pod, by, action.force === true);
      if (action.recordedBy !== undefined)
        recordEvent(
          core,
          action.recordedBy.involvedObject,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          action.recordedBy.component,
        );
      return;
    }
    case 'updatePod': {
      const old = core.store.getPod(objectKey(action.pod.metadata));
      if (old === undefined || old.metadata.uid !== action.pod.metadata.uid) return;
      if (old.metadata.resourceVersion !== action.pod.metadata.resourceVersion)
        return conflict(core, 'Pod', objectKey(old.metadata), by);
      const pod: Pod = {
        ...action.pod,
        metadata: { ...action.pod.metadata, resourceVersion: core.context.nextResourceVersion() },
      };
      core.store.putPod(pod);
      core.recordWrite('update', 'Pod', objectKey(pod.metadata), by, action.reason);
      notify(core, 'Pod', objectKey(pod.metadata), old, pod);
      afterPodWrite(core, old, pod);
      // The update that removes the last finalizer of a pod whose deletion is due deletes it.
      if (pod.metadata.deletionGracePeriodSeconds === 0 && (pod.metadata.finalizers ?? []).length === 0)
        removePod(core, pod, by);
      return;
    }
    case 'bindPod': {
      const old = core.store.getPod(action.key);
      if (old === undefined || old.metadata.uid !== action.uid) return;
      const node = core.store.getNode(action.nodeName);
      const bound: Pod = {
        ...old,
        metadata: { ...old.metadata, resourceVersion: core.context.nextResourceVersion() },
        spec: { ...old.spec, nodeName: action.nodeName },
      };
      // Copied without the nomination only when it has one (a rest copy is slow, and
      // admittedPodStatus copies the status anyway).
      let status = bound.status;
      if (Object.hasOwn(status, 'nominatedNodeName')) {
        const { nominatedNodeName: _n, ...rest } = status;
        status = rest;
      }
      const pod: Pod = { ...bound, status: admittedPodStatus({ ...bound, status }, node, core.clock) };
      core.store.putPod(pod);
      clearUnschedulable(core, action.key);
      core.recordWrite('bind', 'Pod', action.key, by, `node=${action.nodeName}`);
      recordEvent(
        core,
        involvedOf(pod),
        'Normal',
        'Scheduled',
        `Successfully assigned ${action.key} to ${action.nodeName}`,
        SCHEDULER_COMPONENT,
      );
      notify(core, 'Pod', objectKey(pod.metadata), old, pod);
      processTaintEviction(core, pod);
      return;
    }
    case 'createRevision': {
      const r = action.revision;
      const key = `${r.metadata.namespace}/${r.metadata.name}`;
      if (core.store.getRevision(key) !== undefined) return;
      const revision: ControllerRevision = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          ...r.metadata,
          uid: core.context.nextUid(),
          resourceVersion: core.context.nextResourceVersion(),
          creationTimestamp: toTimestamp(core.clock),
        },
        data: r.data as NonNullable<ControllerRevision['data']>,
        revision: r.revision,
      };
      core.store.putRevision(revision);
      core.recordWrite('create', 'ControllerRevision', key, by, `revision=${r.revision}`);
      notify(core, 'ControllerRevision', key, undefined, revision);
      return;
    }
    case 'updateRevision': {
      const key = objectKey(action.revision.metadata);
      const old = core.store.getRevision(key);
      if (old === undefined || old.metadata.uid !== action.revision.metadata.uid) return;
      if (old.metadata.resourceVersion !== action.revision.metadata.resourceVersion)
        return conflict(core, 'ControllerRevision', key, by);
      const revision = {
        ...action.revision,
        metadata: { ...action.revision.metadata, resourceVersion: core.context.nextResourceVersion() },
      };
      core.store.putRevision(revision);
      core.recordWrite(
        'update',
        'ControllerRevision',
        key,
        by,
        `${action.reason} revision=${revision.revision}`,
      );
      notify(core, 'ControllerRevision', key, old, revision);
      return;
    }
    case 'deleteRevision': {
      const old = core.store.getRevision(action.key);
      if (old === undefined || old.metadata.uid !== action.uid) return;
      core.store.removeRevision(action.key);
      core.recordWrite('delete', 'ControllerRevision', action.key, by, '');
      notify(core, 'ControllerRevision', action.key, old, undefined);
      return;
    }
    case 'updateDaemonSetStatus': {
      const ds = core.store.getDaemonSet(action.key);
      if (ds === undefined) return;
      // Upstream's UpdateStatus carries its cached copy's resourceVersion: a stale copy gets a
      // Conflict, and storeDaemonSetStatus retries on a fresh GET. Writing onto the stored object
      // is that retry, or the first try when the cache is current: the counters computed, and
      // observedGeneration only when the pass set it (a pass that waits for its expectations
      // keeps what is stored, so a lagging cache never moves it back).
      const counters = action.counters;
      // The counters are what the pass computed; collisionCount and conditions are the stored ones.
      const {
        observedGeneration,
        collisionCount: _stored,
        conditions: _alsoStored,
        ...computed
      } = action.status;
      const status =
        counters === undefined
          ? action.status
          : {
              ...ds.status,
              ...computed,
              ...(counters.updateObservedGen && observedGeneration !== undefined
                ? { observedGeneration }
                : {}),
            };
      const updated: DaemonSet = {
        ...ds,
        metadata: { ...ds.metadata, resourceVersion: core.context.nextResourceVersion() },
        status,
      };
      writeDaemonSet(core, updated, 'status', by, () => describeDaemonSetStatus(updated));
      return;
    }
    case 'updateDaemonSet': {
      const old = core.store.getDaemonSet(objectKey(action.daemonSet.metadata));
      if (old === undefined || old.metadata.uid !== action.daemonSet.metadata.uid) return;
      if (old.metadata.resourceVersion !== action.daemonSet.metadata.resourceVersion)
        return conflict(core, 'DaemonSet', objectKey(old.metadata), by);
      writeDaemonSet(
        core,
        {
          ...action.daemonSet,
          metadata: { ...action.daemonSet.metadata, resourceVersion: core.context.nextResourceVersion() },
        },
        'update',
        by,
        action.reason,
      );
      return;
    }
    case 'removeDaemonSet': {
      const ds = core.store.getDaemonSet(action.key);
      if (ds === undefined || ds.metadata.uid !== action.uid) return;
      removeDaemonSetObject(core, ds, by);
      return;
    }
    case 'updateNode': {
      const old = core.store.getNode(action.node.metadata.name);
      if (old === undefined) return;
      writeNode(
        core,
        old,
        {
          ...action.node,
          metadata: { ...action.node.metadata, resourceVersion: core.context.nextResourceVersion() },
        },
        by,
        'update',
      );
      return;
    }
    case 'recordEvent':
      recordEvent(
        core,
        action.involvedObject,
        action.eventType,
        action.reason,
        action.message,
        action.component,
      );
      return;
  }
}

/**
 * An update made from a stale copy: the API server answers 409 Conflict and writes nothing;
 * the controller's pass fails and its work queue retries it (see {@link SimulationCore.conflicts}).
 */
function conflict(core: SimulationCore, kind: string, key: string, by: string): void {
  core.conflicts++;
  core.recordRejected(
    `update ${kind} ${key} [${by}]`,
    `Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again`,
  );
}

/** The NoExecute taints of a node as one comparable string. */
function noExecuteTaints(node: Node | undefined): string {
  return (node?.spec.taints ?? [])
    .filter((t) => t.effect === 'NoExecute')
    .map((t) => `${t.key}=${t.value ?? ''}`)
    .sort()
    .join(',');
}

function describeNode(node: Node): string {
  const taints = (node.spec.taints ?? []).map(
    (t) => `${t.key}${t.value === undefined || t.value === '' ? '' : `=${t.value}`}:${t.effect}`,
  );
  return `${taints.length > 0 ? `taints=${taints.join(',')}` : 'taints=<none>'}${node.spec.unschedulable === true ? ' unschedulable' : ''}`;
}

function describeDaemonSetStatus(ds: DaemonSet): string {
  const s = ds.status;
  return `desired=${s.desiredNumberScheduled} current=${s.currentNumberScheduled} ready=${s.numberReady} available=${s.numberAvailable ?? 0} updated=${s.updatedNumberScheduled ?? 0} misscheduled=${s.numberMisscheduled} observedGeneration=${s.observedGeneration ?? 0}`;
}

/** A user's pod delete request (`PodDeleted`): checks the pod and the DeleteOptions, then deletes gracefully, with a grace period, or at once. */
export function deletePodRequest(
  core: SimulationCore,
  event: Extract<SimEvent, { type: 'PodDeleted' }>,
): void {
  const key = `${event.namespace}/${event.name}`;
  const pod = core.store.getPod(key);
  if (pod === undefined)
    throw new SimulationError('NotFound', `pods "${event.name}" not found`, { path: 'metadata.name' });
  const grace = event.gracePeriodSeconds;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0)) {
    throw new SimulationError(
      'Invalid',
      `DeleteOptions.meta.k8s.io "" is invalid: gracePeriodSeconds: Invalid value: ${grace}: must be a non-negative integer`,
      { path: 'gracePeriodSeconds' },
    );
  }
  if (event.force === true || grace === 0) return deletePod(core, pod, 'user', true);
  if (grace === undefined) return perform(core, { type: 'deletePod', key, uid: pod.metadata.uid }, 'user');
  return deletePod(core, pod, 'user', false, grace);
}
