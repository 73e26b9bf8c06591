// Test helpers mirroring upstream's pkg/controller/daemon/daemon_controller_test.go fixtures
// (newNode, newDaemonSet, addNodes, newPod, addPods, addFailedPods, markPodsReady,
// expectSyncDaemonSets). Two harnesses:
// - `TestController`: the unit-level harness. Objects go straight into a simulation's store (as
//   upstream adds them to the informer stores) and `syncDaemonSet` is called directly; the plan
//   is counted like upstream's fake pod control and fake recorder.
// - `newSim` / `addNodes` / `applyDaemonSet`: a real simulation driven through `submit`.
import type * as apps from 'kubernetes-types/apps/v1.js';
import type { PodSpec, Taint } from 'kubernetes-types/core/v1.js';
import { expect } from 'vitest';
import { computeHash } from '../../../src/api/computeHash.js';
import type { DaemonSetSyncPlan } from '../../../src/controllers/daemonset/syncDaemonSet.js';
import {
  cleanupHistoryActions,
  rollingUpdateActions,
  syncDaemonSet,
} from '../../../src/controllers/daemonset/syncDaemonSet.js';
import type { Action, NewPod } from '../../../src/controllers/plan.js';
import type { ControllerRevision, DaemonSet, KubeEvent, Node, Pod } from '../../../src/model/objects.js';
import { objectKey } from '../../../src/model/objects.js';
import { getControllerOf, newControllerRef } from '../../../src/model/ownerReferences.js';
import type { SimTime } from '../../../src/model/time.js';
import { toTimestamp } from '../../../src/model/time.js';
import { Rng } from '../../../src/random/rng.js';
import type { DaemonSetManifest } from '../../../src/sim/admitDaemonSet.js';
import { admitDaemonSet } from '../../../src/sim/admitDaemonSet.js';
import { ClusterStore } from '../../../src/sim/clusterStore.js';
import { newNode as registerNode } from '../../../src/sim/newNode.js';
import type { ServerContext } from '../../../src/sim/serverContext.js';
import type { NodeInput } from '../../../src/sim/simEvent.js';
import type { Simulation } from '../../../src/sim/simulation.js';
import type { SimulationOptions } from '../../../src/sim/simulationOptions.js';
import { createSimulation } from '../../../src/sim/simulation.js';

export const simpleDaemonSetLabel: Readonly<Record<string, string>> = {
  name: 'simple-daemon',
  type: 'production',
};
export const simpleDaemonSetLabel2: Readonly<Record<string, string>> = {
  name: 'simple-daemon',
  type: 'test',
};
export const simpleNodeLabel: Readonly<Record<string, string>> = { color: 'blue', speed: 'fast' };
export const simpleNodeLabel2: Readonly<Record<string, string>> = { color: 'red', speed: 'fast' };

export const noScheduleTolerations = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
export const noScheduleTaints: Taint[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
export const noExecuteTaints: Taint[] = [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }];

/** The two strategies upstream runs most cases under (`updateStrategies()`). */
export type StrategyName = 'OnDelete' | 'RollingUpdate';
export const updateStrategies: readonly StrategyName[] = ['OnDelete', 'RollingUpdate'];

/** A DaemonSet manifest as a test edits it before applying: plain mutable data. */
export interface DaemonSetInput {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    selector: apps.DaemonSetSpec['selector'];
    template: {
      metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
      spec: PodSpec;
    };
    updateStrategy: apps.DaemonSetUpdateStrategy;
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
  };
}

/** Upstream's `newRollingUpdateStrategy()` / `newOnDeleteStrategy()`. */
export function strategyOf(name: StrategyName): apps.DaemonSetUpdateStrategy {
  return name === 'OnDelete'
    ? { type: 'OnDelete' }
    : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } };
}

/** Upstream's `newUpdateSurge(maxSurge)`. */
export function surgeStrategy(maxSurge: number | string): apps.DaemonSetUpdateStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } };
}

/** Upstream's `newDaemonSet(name)`: selector and template labels `simpleDaemonSetLabel`, one `foo/bar` container. */
export function newDaemonSet(name: string, strategy: StrategyName = 'OnDelete'): DaemonSetInput {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      revisionHistoryLimit: 2,
      updateStrategy: strategyOf(strategy),
      selector: { matchLabels: { ...simpleDaemonSetLabel } },
      template: {
        metadata: { labels: { ...simpleDaemonSetLabel } },
        spec: {
          containers: [{ name: 'foo', image: 'foo/bar', imagePullPolicy: 'IfNotPresent' }],
          dnsPolicy: 'Default',
        },
      },
    },
  };
}

/** Upstream's `newNode(name, labels)` as simulator input. */
export function newNode(
  name: string,
  labels?: Readonly<Record<string, string>>,
  extra: Omit<NodeInput, 'name' | 'labels'> = {},
): NodeInput {
  return { name, ...(labels === undefined ? {} : { labels }), ...extra };
}

// --- the unit-level harness --------------------------------------------------------------

/** Counts of one sync, as upstream's fake pod control and fake recorder see them. */
export interface SyncResult {
  readonly plan: DaemonSetSyncPlan;
  readonly creates: readonly Extract<Action, { type: 'createPod' }>[];
  readonly deletes: readonly Extract<Action, { type: 'deletePod' }>[];
  readonly events: readonly Extract<Action, { type: 'recordEvent' }>[];
}

/**
 * Upstream's `newTestController`: a simulation's store that tests fill directly, as upstream
 * fills the informer stores, plus a clock. Nothing runs on its own; `sync` calls the pure
 * `syncDaemonSet` and applies only what the controller remembers (the failed-pod backoff).
 */
export class TestController {
  readonly sim: Simulation;
  readonly store: ClusterStore;
  now: SimTime = 0;
  private uids = 0;
  private rvs = 0;
  private names = 0;
  private nodeOrdinal = 0;
  readonly ctx: ServerContext;

  constructor() {
    this.sim = createSimulation();
    const view = this.sim.view;
    if (!(view instanceof ClusterStore))
      throw new Error('TestController: the simulation view is not a ClusterStore');
    this.store = view;
    const clock = (): SimTime => this.now;
    this.ctx = {
      get now() {
        return clock();
      },
      rng: Rng.fromSeed('test'),
      nextUid: () => `test-uid-${++this.uids}`,
      nextResourceVersion: () => `t${++this.rvs}`,
    };
  }

  /** Stores a node as the kubelet registers it (Ready, well-known labels). */
  addNode(input: NodeInput, mutate?: (node: Node) => Node): Node {
    let node = registerNode(input, this.nodeOrdinal++, this.ctx);
    if (mutate !== undefined) node = mutate(node);
    this.store.putNode(node);
    return node;
  }

  /** Upstream's `addNodes(nodeStore, startIndex, numNodes, label)`: nodes `node-<i>`. */
  addNodes(startIndex: number, numNodes: number, labels?: Readonly<Record<string, string>>): void {
    for (let i = startIndex; i < startIndex + numNodes; i++) this.addNode(newNode(`node-${i}`, labels));
  }

  /** Admits (defaults, validates) and stores a DaemonSet, as the API server would. */
  addDaemonSet(manifest: DaemonSetInput, mutate?: (ds: DaemonSet) => DaemonSet): DaemonSet {
    let ds = admitDaemonSet(
      manifest as DaemonSetManifest,
      manifest.metadata.namespace ?? 'default',
      undefined,
      this.ctx,
    );
    if (mutate !== undefined) ds = mutate(ds);
    this.store.putDaemonSet(ds);
    return ds;
  }

  /** The stored DaemonSet (the controller's status writes are not applied by this harness). */
  daemonSet(name: string, namespace = 'default'): DaemonSet {
    const ds = this.store.getDaemonSet(`${namespace}/${name}`);
    if (ds === undefined) throw new Error(`no DaemonSet ${namespace}/${name}`);
    return ds;
  }

  /**
   * Upstream's `newPod(podName, nodeName, label, ds)`: with `ds`, the pod carries the
   * current hash label, the template spec and a controller reference; the name is the prefix
   * plus a counter so that creation order is name order.
   */
  newPod(
    prefix: string,
    nodeName: string,
    labels: Readonly<Record<string, string>>,
    ds: DaemonSet | undefined,
    mutate?: (pod: Pod) => Pod,
  ): Pod {
    const name = `${prefix}${String(++this.names).padStart(5, '0')}`;
    const podLabels: Record<string, string> = { ...labels };
    if (ds !== undefined)
      podLabels['controller-revision-hash'] = computeHash(ds.spec.template, ds.status.collisionCount);
    const spec: PodSpec =
      ds !== undefined ? { ...ds.spec.template.spec! } : { containers: [{ name: 'foo', image: 'foo/bar' }] };
    if (nodeName !== '') spec.nodeName = nodeName;
    let pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: prefix,
        namespace: ds?.metadata.namespace ?? 'default',
        uid: this.ctx.nextUid(),
        resourceVersion: this.ctx.nextResourceVersion(),
        creationTimestamp: toTimestamp(this.now),
        labels: podLabels,
        ...(ds === undefined ? {} : { ownerReferences: [newControllerRef(ds)] }),
      },
      spec,
      status: {},
    };
    if (mutate !== undefined) pod = mutate(pod);
    this.store.putPod(pod);
    return pod;
  }

  /** Upstream's `addPods(podStore, nodeName, label, ds, number)`. */
  addPods(
    nodeName: string,
    labels: Readonly<Record<string, string>>,
    ds: DaemonSet | undefined,
    count: number,
  ): Pod[] {
    const out: Pod[] = [];
    for (let i = 0; i < count; i++) out.push(this.newPod(`${nodeName}-`, nodeName, labels, ds));
    return out;
  }

  /** Upstream's `addFailedPods`. */
  addFailedPods(
    nodeName: string,
    labels: Readonly<Record<string, string>>,
    ds: DaemonSet | undefined,
    count: number,
  ): Pod[] {
    const out: Pod[] = [];
    for (let i = 0; i < count; i++)
      out.push(
        this.newPod(`${nodeName}-`, nodeName, labels, ds, (p) => ({ ...p, status: { phase: 'Failed' } })),
      );
    return out;
  }

  /** Replaces a stored pod. */
  putPod(pod: Pod): void {
    this.store.putPod(pod);
  }

  /** Upstream's `markPodsReady`: every pod gets Ready=True (transition at `readySince`, default now). */
  markPodsReady(readySince: SimTime = this.now): void {
    for (const pod of this.store.allPods()) this.store.putPod(markPodReady(pod, readySince));
  }

  /**
   * Applies the admitted update of a DaemonSet manifest (generation and template generation
   * bumped by the server as upstream's registry does), as upstream's `dsStore.Update`.
   */
  updateDaemonSet(manifest: DaemonSetInput, mutate?: (ds: DaemonSet) => DaemonSet): DaemonSet {
    const key = `${manifest.metadata.namespace ?? 'default'}/${manifest.metadata.name}`;
    const existing = this.store.getDaemonSet(key);
    if (existing === undefined) throw new Error(`no DaemonSet ${key}`);
    const admitted = admitDaemonSet(
      manifest as DaemonSetManifest,
      manifest.metadata.namespace ?? 'default',
      existing,
      this.ctx,
    );
    // The server keeps the status the controller wrote.
    let ds: DaemonSet = { ...admitted, status: existing.status };
    if (mutate !== undefined) ds = mutate(ds);
    this.store.putDaemonSet(ds);
    return ds;
  }

  /** The DaemonSet's ControllerRevisions in the store, by ascending revision. */
  revisions(name: string, namespace = 'default'): ControllerRevision[] {
    const uid = this.daemonSet(name, namespace).metadata.uid;
    return this.store
      .revisionsInNamespace(namespace)
      .filter((r) => getControllerOf(r.metadata)?.uid === uid)
      .sort((a, b) => a.revision - b.revision);
  }

  /**
   * Upstream's `setPodReadiness(t, dsc, ready, count, fn)`: flips the Ready condition of up to
   * `count` live pods whose readiness differs and that `fn` accepts, with the transition at now.
   * Throws when fewer than `count` pods qualify, as upstream fails the test.
   */
  setPodReadiness(ready: boolean, count: number, fn: (pod: Pod) => boolean): void {
    for (const pod of [...this.store.allPods()].sort((a, b) =>
      a.metadata.name < b.metadata.name ? -1 : 1,
    )) {
      if (count <= 0) break;
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const isReady = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
      if (isReady === ready || !fn(pod)) continue;
      const conditions = (pod.status.conditions ?? []).filter((c) => c.type !== 'Ready');
      this.store.putPod({
        ...pod,
        status: {
          ...pod.status,
          conditions: [
            ...conditions,
            { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: toTimestamp(this.now) },
          ],
        },
      });
      count--;
    }
    if (count > 0) throw new Error(`could not mark ${count} pods ready=${ready}`);
  }

  /**
   * A whole pass as upstream's unit tests run it with the fake pod control: `syncDaemonSet`
   * (manage), then the rolling update and the history cleanup, each phase's writes stored at
   * once before the next phase reads (created pods land unbound and not ready, deleted pods
   * vanish, revisions and status writes are stored). Counts creates, deletes and events over
   * all phases.
   */
  syncFull(ds: DaemonSet | string): SyncResult {
    const key = typeof ds === 'string' ? ds : objectKey(ds.metadata);
    const plan = syncDaemonSet(this.store, key, this.now);
    const memory = this.store.mutableDaemonSetMemory(key);
    for (const [k, v] of plan.backoffUpdates) memory.backoff.set(k, v);
    const all: Action[] = [...plan.actions];
    this.applyActions(plan.actions);
    if (plan.statusHash !== undefined && plan.rollingUpdate) {
      const rollout = rollingUpdateActions(this.store, key, plan.statusHash, this.now).actions;
      all.push(...rollout);
      this.applyActions(rollout);
    }
    if (plan.cleanupHistory) {
      const cleanup = cleanupHistoryActions(this.store, key);
      all.push(...cleanup);
      this.applyActions(cleanup);
    }
    return {
      plan: { ...plan, actions: all },
      creates: all.filter((a): a is Extract<Action, { type: 'createPod' }> => a.type === 'createPod'),
      deletes: all.filter((a): a is Extract<Action, { type: 'deletePod' }> => a.type === 'deletePod'),
      events: all.filter(
        (a): a is Extract<Action, { type: 'recordEvent' }> =>
          a.type === 'recordEvent' && a.reason !== 'SuccessfulCreate' && a.reason !== 'SuccessfulDelete',
      ),
    };
  }

  /** Stores the writes of a plan as upstream's fake clients do. */
  applyActions(actions: readonly Action[]): void {
    for (const action of actions) {
      switch (action.type) {
        case 'createPod': {
          const name = `${action.pod.metadata.generateName ?? ''}${String(++this.names).padStart(5, '0')}`;
          this.store.putPod({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              ...action.pod.metadata,
              name,
              uid: this.ctx.nextUid(),
              resourceVersion: this.ctx.nextResourceVersion(),
              creationTimestamp: toTimestamp(this.now),
            },
            spec: action.pod.spec,
            status: { phase: 'Pending' },
          });
          break;
        }
        case 'deletePod':
          if (this.store.getPod(action.key)?.metadata.uid === action.uid) this.store.removePod(action.key);
          break;
        case 'updatePod':
          this.store.putPod(action.pod);
          break;
        case 'createRevision':
          this.store.putRevision({
            apiVersion: 'apps/v1',
            kind: 'ControllerRevision',
            metadata: {
              ...action.revision.metadata,
              uid: this.ctx.nextUid(),
              resourceVersion: this.ctx.nextResourceVersion(),
              creationTimestamp: toTimestamp(this.now),
            },
            data: action.revision.data as object,
            revision: action.revision.revision,
          });
          break;
        case 'updateRevision':
          this.store.putRevision(action.revision);
          break;
        case 'deleteRevision':
          this.store.removeRevision(action.key);
          break;
        case 'updateDaemonSetStatus': {
          const ds = this.store.getDaemonSet(action.key);
          if (ds !== undefined) this.store.putDaemonSet({ ...ds, status: action.status });
          break;
        }
        default:
          break;
      }
    }
  }

  /** One pass of `syncDaemonSet`, counted; the failed-pod backoff entries are remembered. */
  sync(ds: DaemonSet | string): SyncResult {
    const key = typeof ds === 'string' ? ds : objectKey(ds.metadata);
    const plan = syncDaemonSet(this.store, key, this.now);
    const memory = this.store.mutableDaemonSetMemory(key);
    for (const [k, v] of plan.backoffUpdates) memory.backoff.set(k, v);
    return {
      plan,
      creates: plan.actions.filter(
        (a): a is Extract<Action, { type: 'createPod' }> => a.type === 'createPod',
      ),
      deletes: plan.actions.filter(
        (a): a is Extract<Action, { type: 'deletePod' }> => a.type === 'deletePod',
      ),
      events: plan.actions.filter(
        (a): a is Extract<Action, { type: 'recordEvent' }> => a.type === 'recordEvent',
      ),
    };
  }
}

/** A pod with condition Ready=True since `at`. Mirrors upstream's `markPodReady`. */
export function markPodReady(pod: Pod, at: SimTime): Pod {
  const conditions = (pod.status.conditions ?? []).filter((c) => c.type !== 'Ready');
  return {
    ...pod,
    status: {
      ...pod.status,
      conditions: [...conditions, { type: 'Ready', status: 'True', lastTransitionTime: toTimestamp(at) }],
    },
  };
}

/**
 * Upstream's `expectSyncDaemonSets` + `validateSyncDaemonSets`: one pass issues exactly this
 * many creates, deletes and events, and every created pod has a correct controller reference.
 */
export function syncAndValidateDaemonSets(
  tc: TestController,
  ds: DaemonSet | string,
  creates: number,
  deletes: number,
  events: number,
): SyncResult {
  const result = tc.sync(ds);
  expect({
    creates: result.creates.length,
    deletes: result.deletes.length,
    events: result.events.length,
  }).toEqual({ creates, deletes, events });
  for (const c of result.creates) {
    const ref = getControllerOf(c.pod.metadata);
    expect(ref).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      controller: true,
      blockOwnerDeletion: true,
    });
  }
  return result;
}

/**
 * Upstream's `expectSyncDaemonSets` for the update tests: one whole pass (manage, rolling
 * update, history cleanup) issues exactly this many creates, deletes and events.
 */
export function expectSyncDaemonSets(
  tc: TestController,
  ds: DaemonSet | string,
  creates: number,
  deletes: number,
  events = 0,
): SyncResult {
  const result = tc.syncFull(ds);
  expect({
    creates: result.creates.length,
    deletes: result.deletes.length,
    events: result.events.length,
  }).toEqual({ creates, deletes, events });
  return result;
}

/** The node a created pod targets through its `metadata.name` affinity. */
export function createdNodes(result: SyncResult): string[] {
  return result.creates.map((c) => c.nodeName);
}

/** The single matchFields node-name value of a new pod, or undefined. */
export function affinityTarget(pod: NewPod | Pod): string | undefined {
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length !== 1) return undefined;
  const fields = terms[0]!.matchFields;
  if (
    fields?.length !== 1 ||
    fields[0]!.key !== 'metadata.name' ||
    fields[0]!.operator !== 'In' ||
    fields[0]!.values?.length !== 1
  )
    return undefined;
  return fields[0]!.values[0];
}

// --- the simulation harness ----------------------------------------------------------------

/** Short, fixed latencies so tests reason about time easily. */
export const FAST_LATENCIES: NonNullable<SimulationOptions['latencies']> = {
  scheduling: { min: 10, max: 10 },
  containerStart: { min: 1000, max: 1000 },
  readiness: { min: 500, max: 500 },
  termination: { min: 1000, max: 1000 },
};

/** A simulation with {@link FAST_LATENCIES} unless told otherwise. */
export function newSim(options: SimulationOptions = {}): Simulation {
  return createSimulation({ latencies: FAST_LATENCIES, ...options });
}

/** Upstream's `addNodes` against a running simulation. */
export function addNodes(
  sim: Simulation,
  startIndex: number,
  numNodes: number,
  labels?: Readonly<Record<string, string>>,
  extra: Omit<NodeInput, 'name' | 'labels'> = {},
): void {
  for (let i = startIndex; i < startIndex + numNodes; i++)
    sim.submit({ type: 'NodeAdded', node: newNode(`node-${i}`, labels, extra) });
}

/** Applies a DaemonSet manifest (create or update). */
export function applyDaemonSet(sim: Simulation, manifest: DaemonSetInput): void {
  sim.submit({ type: 'ManifestApplied', manifest });
}

/** The stored DaemonSet. */
export function getDaemonSet(sim: Simulation, name: string, namespace = 'default'): DaemonSet {
  const ds = sim.view.getDaemonSet(`${namespace}/${name}`);
  if (ds === undefined) throw new Error(`no DaemonSet ${namespace}/${name}`);
  return ds;
}

/** Pods whose controller is the DaemonSet `name` (by name; any uid), sorted by key. */
export function daemonPods(sim: Simulation, name: string, namespace = 'default'): Pod[] {
  return sim.view
    .allPods()
    .filter((p) => p.metadata.namespace === namespace && getControllerOf(p.metadata)?.name === name);
}

/** Pods of the DaemonSet that are not terminating, grouped by bound or target node. */
export function daemonPodNodes(sim: Simulation, name: string, namespace = 'default'): string[] {
  return daemonPods(sim, name, namespace)
    .filter((p) => p.metadata.deletionTimestamp === undefined)
    .map((p) => p.spec.nodeName ?? affinityTarget(p) ?? '<none>')
    .sort();
}

/** KubeEvents recorded so far, optionally of one reason. */
export function kubeEvents(sim: Simulation, reason?: string): KubeEvent[] {
  return [...sim.view.events()].filter((e) => reason === undefined || e.reason === reason);
}

/** Trace writes of `kind`/`verb` by `by` since trace index `from`. */
export function writesSince(
  sim: Simulation,
  from: number,
  match: { kind?: string; verb?: string; by?: string },
): number {
  let n = 0;
  for (const e of sim.trace.slice(from)) {
    if (e.entry !== 'write') continue;
    if (match.kind !== undefined && e.kind !== match.kind) continue;
    if (match.verb !== undefined && e.verb !== match.verb) continue;
    if (match.by !== undefined && e.by !== match.by) continue;
    n++;
  }
  return n;
}
