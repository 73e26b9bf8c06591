import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1.js';
import type { ControllerRevision, DaemonSet, KubeEvent, Node, Pod } from '../../src/model/objects.js';
import { toTimestamp, type SimTime } from '../../src/model/time.js';

export function daemonSet(
  name: string,
  createdAt: SimTime,
  patch: Partial<Pick<DaemonSet, 'spec' | 'status'>> = {},
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: toTimestamp(createdAt),
      generation: 1,
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1` }] } },
      updateStrategy: { type: 'RollingUpdate' },
      revisionHistoryLimit: 10,
      ...patch.spec,
    },
    status: {
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
      ...patch.status,
    },
  };
}

export interface PodPatch {
  readonly phase?: string;
  readonly reason?: string;
  readonly containers?: number;
  readonly initContainers?: readonly { name: string; restartPolicy?: string }[];
  readonly containerStatuses?: readonly Partial<ContainerStatus>[];
  readonly initContainerStatuses?: readonly Partial<ContainerStatus>[];
  readonly conditions?: readonly PodCondition[];
  readonly deletedAt?: SimTime;
  readonly nodeName?: string;
}

export function pod(name: string, createdAt: SimTime, patch: PodPatch = {}): Pod {
  const containerCount = patch.containers ?? patch.containerStatuses?.length ?? 1;
  const status = (s: Partial<ContainerStatus>, i: number, prefix: string): ContainerStatus => ({
    name: `${prefix}${i}`,
    image: 'img',
    imageID: '',
    ready: false,
    restartCount: 0,
    ...s,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: toTimestamp(createdAt),
      ...(patch.deletedAt === undefined ? {} : { deletionTimestamp: toTimestamp(patch.deletedAt) }),
    },
    spec: {
      containers: Array.from({ length: containerCount }, (_, i) => ({ name: `c${i}`, image: 'img' })),
      ...(patch.initContainers === undefined
        ? {}
        : { initContainers: patch.initContainers.map((c) => ({ image: 'img', ...c })) }),
      ...(patch.nodeName === undefined ? {} : { nodeName: patch.nodeName }),
    },
    status: {
      ...(patch.phase === undefined ? {} : { phase: patch.phase }),
      ...(patch.reason === undefined ? {} : { reason: patch.reason }),
      ...(patch.conditions === undefined ? {} : { conditions: [...patch.conditions] }),
      ...(patch.containerStatuses === undefined
        ? {}
        : { containerStatuses: patch.containerStatuses.map((s, i) => status(s, i, 'c')) }),
      ...(patch.initContainerStatuses === undefined
        ? {}
        : { initContainerStatuses: patch.initContainerStatuses.map((s, i) => status(s, i, 'i')) }),
    },
  };
}

export function node(
  name: string,
  createdAt: SimTime,
  patch: {
    ready?: 'True' | 'False' | 'Unknown';
    unschedulable?: boolean;
    labels?: Record<string, string>;
  } = {},
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: toTimestamp(createdAt),
      ...(patch.labels === undefined ? {} : { labels: patch.labels }),
    },
    spec: patch.unschedulable === undefined ? {} : { unschedulable: patch.unschedulable },
    status: {
      ...(patch.ready === undefined ? {} : { conditions: [{ type: 'Ready', status: patch.ready }] }),
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.0',
        kernelVersion: '6.1.0',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.30.0',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04',
        systemUUID: '',
      },
    },
  };
}

export function controllerRevision(
  name: string,
  owner: string | undefined,
  revision: number,
  createdAt: SimTime,
): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: toTimestamp(createdAt),
      ...(owner === undefined
        ? {}
        : {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'DaemonSet',
                name: owner,
                uid: `uid-${owner}`,
                controller: true,
              },
            ],
          }),
    },
    revision,
  };
}

export function kubeEvent(
  name: string,
  object: { kind: string; name: string },
  reason: string,
  message: string,
  first: SimTime,
  last: SimTime,
  count = 1,
): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: toTimestamp(first),
    },
    involvedObject: { ...object, namespace: 'default', uid: `uid-${object.name}` },
    reason,
    message,
    type: 'Normal',
    count,
    firstTimestamp: toTimestamp(first),
    lastTimestamp: toTimestamp(last),
    source: { component: 'daemonset-controller' },
  };
}
