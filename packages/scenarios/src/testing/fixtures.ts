import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as k8s from 'kubernetes-types/core/v1.js';
import {
  computeHash,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  defaultDaemonSet,
  newControllerRef,
} from '@daemonsim/core';

// Builders for fixtures (`SimulationOptions.fixture`), after the helpers of upstream's
// pkg/controller/daemon/daemon_controller_test.go. Each returns plain apps/v1 or core/v1 data,
// a fresh object per call, for the test to change before the simulation stores it.

/** The labels of {@link newDaemonSet}'s selector and template (upstream's `simpleDaemonSetLabel`). */
export const SIMPLE_DAEMONSET_LABEL: Readonly<Record<string, string>> = {
  name: 'simple-daemon',
  type: 'production',
};

/** A fixture DaemonSet's uid: derived from its namespace and name, so a test can write owner references before storing it. */
export function fixtureUid(kind: string, namespace: string, name: string): string {
  return `fixture-${kind.toLowerCase()}-${namespace}-${name}`;
}

/**
 * A Ready node with room for 100 pods.
 * Mirrors `newNode` (pkg/controller/daemon/daemon_controller_test.go).
 */
export function newNode(name: string, labels?: Readonly<Record<string, string>>): k8s.Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(labels === undefined ? {} : { labels: { ...labels } }) },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      allocatable: { pods: '100' },
    },
  };
}

/**
 * Appends `numNodes` nodes named `node-<i>` from `startIndex` to `nodes` (a fixture's list).
 * Mirrors `addNodes` (pkg/controller/daemon/daemon_controller_test.go), whose store is a list here.
 */
export function addNodes(
  nodes: unknown[],
  startIndex: number,
  numNodes: number,
  labels?: Readonly<Record<string, string>>,
): void {
  for (let i = startIndex; i < startIndex + numNodes; i++) nodes.push(newNode(`node-${i}`, labels));
}

/**
 * A DaemonSet in `default` with the OnDelete strategy, revisionHistoryLimit 2, selector and
 * template labels {@link SIMPLE_DAEMONSET_LABEL} and one `foo/bar` container.
 * Mirrors `newDaemonSet` (pkg/controller/daemon/daemon_controller_test.go).
 * Deviation: the uid is {@link fixtureUid} rather than random, so runs stay deterministic.
 */
export function newDaemonSet(name: string): apps.DaemonSet & { metadata: { uid: string } } {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { uid: fixtureUid('DaemonSet', 'default', name), name, namespace: 'default' },
    spec: {
      revisionHistoryLimit: 2,
      updateStrategy: { type: 'OnDelete' },
      selector: { matchLabels: { ...SIMPLE_DAEMONSET_LABEL } },
      template: {
        metadata: { labels: { ...SIMPLE_DAEMONSET_LABEL } },
        spec: {
          containers: [
            {
              name: 'foo',
              image: 'foo/bar',
              terminationMessagePath: '/dev/termination-log',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          dnsPolicy: 'Default',
        },
      },
    },
  };
}

/**
 * A pod named by the API server from `podName` as a prefix (`generateName`), bound to `nodeName`
 * when given; with `ds`, its template's spec, the revision-hash label of its current template
 * and a controller reference to it.
 * Mirrors `newPod` (pkg/controller/daemon/daemon_controller_test.go).
 * Deviation: the hash is taken over the defaulted template, as the simulator stores it (the
 * API server defaults a DaemonSet on create); the name suffix comes from the simulation's seeded RNG.
 */
export function newPod(
  podName: string,
  nodeName: string,
  labels: Readonly<Record<string, string>>,
  ds?: apps.DaemonSet & { metadata: { uid: string } },
): k8s.Pod {
  let podLabels: Record<string, string> = { ...labels };
  let spec: k8s.PodSpec = {
    containers: [
      {
        name: 'foo',
        image: 'foo/bar',
        terminationMessagePath: '/dev/termination-log',
        imagePullPolicy: 'IfNotPresent',
      },
    ],
  };
  if (ds !== undefined) {
    const template = defaultDaemonSet(ds.spec ?? ({} as apps.DaemonSetSpec)).template;
    podLabels = {
      ...podLabels,
      [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: computeHash(template, ds.status?.collisionCount),
    };
    spec = template.spec ?? spec;
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podName,
      labels: podLabels,
      namespace: 'default',
      ...(ds === undefined
        ? {}
        : {
            ownerReferences: [
              newControllerRef({
                apiVersion: 'apps/v1',
                kind: 'DaemonSet',
                metadata: { name: ds.metadata.name ?? '', uid: ds.metadata.uid },
              }),
            ],
          }),
    },
    spec: nodeName === '' ? spec : { ...spec, nodeName },
  };
}

/**
 * Appends `number` pods of {@link newPod} on `nodeName` to `pods`, named after the node.
 * Mirrors `addPods` (pkg/controller/daemon/daemon_controller_test.go).
 */
export function addPods(
  pods: unknown[],
  nodeName: string,
  labels: Readonly<Record<string, string>>,
  ds: (apps.DaemonSet & { metadata: { uid: string } }) | undefined,
  number: number,
): void {
  for (let i = 0; i < number; i++) pods.push(newPod(`${nodeName}-`, nodeName, labels, ds));
}

/**
 * Appends `number` Failed pods of {@link newPod} on `nodeName` to `pods`.
 * Mirrors `addFailedPods` (pkg/controller/daemon/daemon_controller_test.go).
 */
export function addFailedPods(
  pods: unknown[],
  nodeName: string,
  labels: Readonly<Record<string, string>>,
  ds: (apps.DaemonSet & { metadata: { uid: string } }) | undefined,
  number: number,
): void {
  for (let i = 0; i < number; i++)
    pods.push({ ...newPod(`${nodeName}-`, nodeName, labels, ds), status: { phase: 'Failed' } });
}

/**
 * The pods with condition Ready=True (set, or its status changed; other conditions kept).
 * Mirrors `markPodsReady` and `markPodReady` with `podutil.UpdatePodCondition`
 * (pkg/controller/daemon/daemon_controller_test.go).
 * Deviation: returns new pods instead of changing a store's objects in place.
 */
export function markPodsReady<P extends k8s.Pod>(pods: readonly P[]): P[] {
  return pods.map((pod) => {
    const conditions = pod.status?.conditions ?? [];
    const ready: k8s.PodCondition = { type: 'Ready', status: 'True' };
    const rest = conditions.filter((c) => c.type !== 'Ready');
    const old = conditions.find((c) => c.type === 'Ready');
    return {
      ...pod,
      status: {
        ...pod.status,
        conditions: [...rest, old === undefined || old.status !== 'True' ? ready : old],
      },
    };
  });
}
