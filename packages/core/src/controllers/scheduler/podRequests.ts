import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { milliValue, parseQuantity } from '../../model/quantity.js';

/** A pod's resource requests in the scheduler's units: milli-CPU, bytes, and counts for the rest. */
export interface ResourceRequests {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  /** Extended and other resources by name (`nvidia.com/gpu`, `hugepages-2Mi`). */
  readonly scalar: ReadonlyMap<string, number>;
}

/** One host port a pod claims on its node. */
export interface HostPort {
  readonly protocol: string;
  readonly hostIP: string;
  readonly port: number;
}

const cache = new WeakMap<object, ResourceRequests>();
/** Largest per-pod amount for which sums over a node's pods stay exact integers in a double. */
const EXACT_LIMIT = 2 ** 40;
let onlyExactRequests = true;

/**
 * Whether every request computed so far (in this process) was a non-negative integer below
 * 2^40: then a node's running usage total is an upper bound of the requests of any subset of its
 * pods, exactly, and the kubelet's admission can answer from it (see `admitPod`). Sticky once
 * false; it only chooses between two ways to the same answer.
 */
export function requestsAreExactCounts(): boolean {
  return onlyExactRequests;
}

function noteExact(v: number): void {
  if (!(Number.isInteger(v) && v >= 0 && v < EXACT_LIMIT)) onlyExactRequests = false;
}
const portCache = new WeakMap<object, readonly HostPort[]>();

function add(into: Map<string, number>, list: Readonly<Record<string, string | number>> | undefined): void {
  for (const [name, q] of Object.entries(list ?? {})) {
    try {
      const v = name === 'cpu' ? milliValue(q) : parseQuantity(q);
      into.set(name, (into.get(name) ?? 0) + v);
    } catch {
      // Unparsable quantities were rejected by validation upstream; here they count as zero.
    }
  }
}

function max(into: Map<string, number>, other: ReadonlyMap<string, number>): void {
  for (const [name, v] of other) if (v > (into.get(name) ?? 0)) into.set(name, v);
}

const requestsOf = (c: Container): Readonly<Record<string, string | number>> | undefined =>
  c.resources?.requests as Readonly<Record<string, string | number>> | undefined;

/**
 * The pod's effective requests: containers summed, the larger of that and each init container
 * (restartable sidecars adding), plus the pod overhead. Memoised per containers list.
 * Mirrors `resourcehelper.PodRequests` (k8s.io/component-helpers/resource) as NodeResourcesFit's
 * `computePodResourceRequest` uses it. Deviation: pod-level `spec.resources` is not considered.
 */
export function podRequests(spec: PodSpec): ResourceRequests {
  const hit = cache.get(spec.containers);
  if (hit !== undefined) return hit;
  const total = new Map<string, number>();
  for (const c of spec.containers) add(total, requestsOf(c));
  const sidecars = new Map<string, number>();
  const initMax = new Map<string, number>();
  for (const c of spec.initContainers ?? []) {
    const own = new Map<string, number>();
    add(own, requestsOf(c));
    if (c.restartPolicy === 'Always') {
      for (const [k, v] of own) {
        total.set(k, (total.get(k) ?? 0) + v);
        sidecars.set(k, (sidecars.get(k) ?? 0) + v);
      }
      max(initMax, sidecars);
    } else {
      for (const [k, v] of sidecars) own.set(k, (own.get(k) ?? 0) + v);
      max(initMax, own);
    }
  }
  max(total, initMax);
  add(total, spec.overhead as Readonly<Record<string, string | number>> | undefined);
  const scalar = new Map<string, number>();
  for (const [k, v] of [...total].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (k !== 'cpu' && k !== 'memory' && k !== 'ephemeral-storage' && k !== 'pods' && v > 0) scalar.set(k, v);
  const result: ResourceRequests = {
    milliCPU: total.get('cpu') ?? 0,
    memory: total.get('memory') ?? 0,
    ephemeralStorage: total.get('ephemeral-storage') ?? 0,
    scalar,
  };
  noteExact(result.milliCPU);
  noteExact(result.memory);
  noteExact(result.ephemeralStorage);
  for (const v of scalar.values()) noteExact(v);
  cache.set(spec.containers, result);
  return result;
}

/**
 * The host ports the pod's containers claim (hostPort > 0), protocol defaulting to TCP and
 * host IP to `0.0.0.0`. Mirrors `schedutil.GetHostPorts` (pkg/scheduler/util). Memoised per containers list.
 */
export function podHostPorts(spec: PodSpec): readonly HostPort[] {
  const hit = portCache.get(spec.containers);
  if (hit !== undefined) return hit;
  const out: HostPort[] = [];
  for (const c of [
    ...(spec.initContainers ?? []).filter((i) => i.restartPolicy === 'Always'),
    ...spec.containers,
  ]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort === undefined || p.hostPort <= 0) continue;
      out.push({
        protocol: p.protocol ?? 'TCP',
        hostIP: p.hostIP === undefined || p.hostIP === '' ? '0.0.0.0' : p.hostIP,
        port: p.hostPort,
      });
    }
  }
  portCache.set(spec.containers, out);
  return out;
}

/** The key a host port is indexed under on its node: `protocol/port`. */
export function hostPortKey(p: HostPort): string {
  return `${p.protocol}/${p.port}`;
}
