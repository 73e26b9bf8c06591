import type { Taint } from 'kubernetes-types/core/v1.js';
import { KUBERNETES_VERSION } from '../model/kubernetesVersion.js';
import { assertValidNode } from '../api/validateNode.js';
import type { Node } from '../model/objects.js';
import { toTimestamp } from '../model/time.js';
import type { NodeChange, NodeInput } from './simEvent.js';
import type { ServerContext } from './serverContext.js';

const DEFAULT_CAPACITY: Readonly<Record<string, string>> = {
  cpu: '4',
  memory: '16Gi',
  pods: '110',
  'ephemeral-storage': '100Gi',
};
const PRESSURE_CONDITIONS: readonly (readonly [string, string, string])[] = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
];

/**
 * A Ready node as the kubelet registers it, with the well-known labels, capacity, conditions,
 * addresses and node info. Throws `SimulationError('Invalid')` for an invalid name or taints.
 * Upstream counterpart: the kubelet's `initialNode` and first status update.
 * The `node.kubernetes.io/unschedulable:NoSchedule` taint of a cordoned node comes from the
 * node lifecycle controller (`doNoScheduleTaintingPass`), right after this write.
 */
export function newNode(input: NodeInput, ordinal: number, ctx: ServerContext): Node {
  const timestamp = toTimestamp(ctx.now);
  const unschedulable = input.unschedulable === true;
  const taints = [...(input.taints ?? [])];
  const capacity = { ...DEFAULT_CAPACITY, ...input.capacity };
  const ip =
    input.internalIP ??
    ipFromAwsName(input.name) ??
    `10.0.${Math.floor(ordinal / 250)}.${(ordinal % 250) + 2}`;
  const spec = {
    ...(taints.length > 0 ? { taints } : {}),
    ...(unschedulable ? { unschedulable: true } : {}),
  };
  assertValidNode({
    metadata: { name: input.name, ...(input.labels === undefined ? {} : { labels: { ...input.labels } }) },
    spec,
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      uid: ctx.nextUid(),
      resourceVersion: ctx.nextResourceVersion(),
      creationTimestamp: timestamp,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': input.name,
        'kubernetes.io/os': 'linux',
        ...input.labels,
      },
      ...(input.annotations === undefined ? {} : { annotations: { ...input.annotations } }),
    },
    spec,
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        ...PRESSURE_CONDITIONS.map(([type, reason, message]) => ({
          type,
          status: 'False',
          lastHeartbeatTime: timestamp,
          lastTransitionTime: timestamp,
          reason,
          message,
        })),
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: timestamp,
          lastTransitionTime: timestamp,
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: input.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.27',
        kernelVersion: '6.1.0-daemonsim',
        kubeProxyVersion: '',
        kubeletVersion: KUBERNETES_VERSION,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'daemonsim Linux',
        systemUUID: '',
      },
    },
  };
}

/**
 * The node after a label, annotation, taint or cordon change, stamped with a new resourceVersion.
 * Upstream counterpart: `kubectl label`, `kubectl annotate`, `kubectl taint`, `kubectl cordon` patches.
 */
export function changeNode(node: Node, change: NodeChange, ctx: ServerContext): Node {
  const labels: Record<string, string> = { ...node.metadata.labels };
  for (const [k, v] of Object.entries(change.labels ?? {})) {
    if (v === null) delete labels[k];
    else labels[k] = v;
  }
  let annotations = node.metadata.annotations;
  if (change.annotations !== undefined) {
    const next: Record<string, string> = { ...node.metadata.annotations };
    for (const [k, v] of Object.entries(change.annotations)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    annotations = next;
  }
  let taints: Taint[] = [...(node.spec.taints ?? [])];
  for (const r of change.removeTaints ?? [])
    taints = taints.filter((t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)));
  for (const t of change.addTaints ?? []) {
    taints = taints.filter((x) => !(x.key === t.key && x.effect === t.effect));
    taints.push(
      t.effect === 'NoExecute' && t.timeAdded === undefined ? { ...t, timeAdded: toTimestamp(ctx.now) } : t,
    );
  }
  const unschedulable = change.unschedulable ?? node.spec.unschedulable === true;
  const { taints: _t, unschedulable: _u, ...restSpec } = node.spec;
  const spec = {
    ...restSpec,
    ...(taints.length > 0 ? { taints } : {}),
    ...(unschedulable ? { unschedulable: true } : {}),
  };
  assertValidNode({
    metadata: { name: node.metadata.name, labels, ...(annotations === undefined ? {} : { annotations }) },
    spec,
  });
  if (change.annotations === undefined)
    return {
      ...node,
      metadata: { ...node.metadata, labels, resourceVersion: ctx.nextResourceVersion() },
      spec,
    };
  const { annotations: _a, ...meta } = node.metadata;
  const kept = annotations !== undefined && Object.keys(annotations).length > 0 ? { annotations } : {};
  return {
    ...node,
    metadata: { ...meta, labels, ...kept, resourceVersion: ctx.nextResourceVersion() },
    spec,
  };
}

/** EC2 private DNS names (`ip-192-168-12-201.…`) spell the node's address; use it, as EKS shows. */
function ipFromAwsName(name: string): string | undefined {
  const m = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(\.|$)/.exec(name);
  return m === null ? undefined : `${m[1]}.${m[2]}.${m[3]}.${m[4]}`;
}
