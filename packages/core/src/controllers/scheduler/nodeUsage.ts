import type { Pod } from '../../model/objects.js';
import { hostPortKey, podHostPorts, podRequests } from './podRequests.js';

/**
 * What the pods bound to one node request and claim: the scheduler's `NodeInfo.Requested`,
 * pod count and `UsedPorts`. Kept by the store as pods are written, so a filter is O(1).
 */
export interface NodeUsage {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  readonly pods: number;
  readonly scalar: ReadonlyMap<string, number>;
  /** `protocol/port` to host IP to how many pods claim it. */
  readonly hostPorts: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** The usage record the store mutates in place. */
export interface MutableNodeUsage {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  scalar: Map<string, number>;
  hostPorts: Map<string, Map<string, number>>;
}

/** An empty usage. */
export const EMPTY_NODE_USAGE: NodeUsage = {
  milliCPU: 0,
  memory: 0,
  ephemeralStorage: 0,
  pods: 0,
  scalar: new Map(),
  hostPorts: new Map(),
};

/** A fresh mutable usage. */
export function newNodeUsage(): MutableNodeUsage {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: new Map(), hostPorts: new Map() };
}

/**
 * Whether the scheduler counts `pod` on its node: bound and not Succeeded or Failed.
 * Mirrors the scheduler cache, whose pod informer drops terminal pods (`assignedPod && !terminal`).
 */
export function countsOnNode(pod: Pod): boolean {
  return (
    pod.spec.nodeName !== undefined &&
    pod.spec.nodeName !== '' &&
    pod.status.phase !== 'Succeeded' &&
    pod.status.phase !== 'Failed'
  );
}

/** Adds (`sign` 1) or removes (-1) a pod's requests and host ports. Mirrors `NodeInfo.AddPod` / `RemovePod`. */
export function updateNodeUsage(usage: MutableNodeUsage, pod: Pod, sign: 1 | -1): void {
  const r = podRequests(pod.spec);
  usage.milliCPU += sign * r.milliCPU;
  usage.memory += sign * r.memory;
  usage.ephemeralStorage += sign * r.ephemeralStorage;
  usage.pods += sign;
  for (const [k, v] of r.scalar) {
    const n = (usage.scalar.get(k) ?? 0) + sign * v;
    if (n === 0) usage.scalar.delete(k);
    else usage.scalar.set(k, n);
  }
  for (const p of podHostPorts(pod.spec)) {
    const key = hostPortKey(p);
    let ips = usage.hostPorts.get(key);
    if (ips === undefined) {
      ips = new Map();
      usage.hostPorts.set(key, ips);
    }
    const n = (ips.get(p.hostIP) ?? 0) + sign;
    if (n <= 0) ips.delete(p.hostIP);
    else ips.set(p.hostIP, n);
    if (ips.size === 0) usage.hostPorts.delete(key);
  }
}
