import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Node, Pod } from '../../model/objects.js';
import { toTimestamp, type SimTime } from '../../model/time.js';

function condition(type: string, status: 'True' | 'False', at: SimTime, reason?: string): PodCondition {
  return { type, status, lastProbeTime: null as unknown as string, lastTransitionTime: toTimestamp(at), ...(reason === undefined ? {} : { reason }) };
}

function hostIPOf(node: Node | undefined): string | undefined {
  return node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function containerStatuses(pod: Pod, state: 'waiting' | 'running', ready: boolean, at: SimTime): ContainerStatus[] {
  return pod.spec.containers.map((c) => ({
    name: c.name,
    image: c.image ?? '',
    imageID: '',
    ready,
    restartCount: 0,
    started: state === 'running',
    state: state === 'waiting' ? { waiting: { reason: 'ContainerCreating' } } : { running: { startedAt: toTimestamp(at) } },
  }));
}

/**
 * The status the kubelet posts once it has admitted a freshly bound pod: Pending, containers
 * `ContainerCreating`. Mirrors the kubelet's `generateAPIPodStatus` for a pod whose sandbox is
 * being created. Deviation: posted at bind time rather than on the kubelet's next sync.
 */
export function admittedPodStatus(pod: Pod, node: Node | undefined, now: SimTime): PodStatus {
  const hostIP = hostIPOf(node);
  return {
    ...pod.status,
    phase: 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', 'False', now),
      condition('Initialized', 'True', now),
      condition('Ready', 'False', now, 'ContainersNotReady'),
      condition('ContainersReady', 'False', now, 'ContainersNotReady'),
      condition('PodScheduled', 'True', now),
    ],
    ...(hostIP === undefined ? {} : { hostIP, hostIPs: [{ ip: hostIP }] }),
    startTime: toTimestamp(now),
    containerStatuses: containerStatuses(pod, 'waiting', false, now),
    qosClass: pod.status.qosClass ?? 'BestEffort',
  };
}

/** The status once every container runs but readiness is not yet established. */
export function runningPodStatus(pod: Pod, podIP: string, now: SimTime): PodStatus {
  const conditions = (pod.status.conditions ?? []).map((c) => (c.type === 'PodReadyToStartContainers' ? condition(c.type, 'True', now) : c));
  return { ...pod.status, phase: 'Running', conditions, podIP, podIPs: [{ ip: podIP }], containerStatuses: containerStatuses(pod, 'running', false, now) };
}

/** The status once every container passed its readiness probe: Ready and ContainersReady True. */
export function readyPodStatus(pod: Pod, now: SimTime): PodStatus {
  const conditions = (pod.status.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? condition(c.type, 'True', now) : c));
  const statuses = (pod.status.containerStatuses ?? []).map((s) => ({ ...s, ready: true }));
  return { ...pod.status, conditions, containerStatuses: statuses };
}
