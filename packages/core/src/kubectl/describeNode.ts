import type { KubeEvent, Node, Pod } from '../model/objects.js';
import type { SimTime } from '../model/time.js';
import type { DescribeOptions } from './describeDaemonSet.js';
import { writeEvents } from './describeEvents.js';
import { translateTimestampSince } from './humanDuration.js';
import { findNodeRoles } from './nodeTable.js';
import { addResourceList, podRequestsAndLimits, type ExactResourceList } from './podResources.js';
import {
  compareStrings,
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  PrefixWriter,
} from './prefixWriter.js';
import { formatQuantity, parseExactQuantity, quantityValue, type ExactQuantity } from './quantityString.js';

/** The node's Lease as `describe node` shows it. */
export interface NodeLeaseInfo {
  readonly holderIdentity?: string;
  /** RFC 3339 timestamps. */
  readonly acquireTime?: string;
  readonly renewTime?: string;
}

/** Options of {@link describeNode}. */
export interface DescribeNodeOptions extends DescribeOptions {
  /**
   * The node's Lease in `kube-node-lease`. The simulator keeps none, so by default the holder is
   * the node and the renew time its Ready condition's last heartbeat; `null` leaves the section out.
   */
  readonly lease?: NodeLeaseInfo | null;
}

/**
 * Renders `kubectl describe node <name>`: roles, labels, annotations, creation time, taints,
 * unschedulable, lease, conditions, addresses, capacity, allocatable, system info, the
 * non-terminated pods table with requests and limits as percentages of allocatable, allocated
 * resources and events (involved object named as the node, UID the node's UID or name).
 * `pods` may hold the whole cluster's: those bound to the node and not Succeeded or Failed are kept.
 * Mirrors `NodeDescriber.Describe`, `describeNode` and `describeNodeResource`
 * (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviations: times print in UTC; the Lease comes from {@link DescribeNodeOptions.lease}; pods
 * keep input order (the API server lists them by key).
 */
export function describeNode(
  node: Node,
  pods: Iterable<Pod>,
  events: Iterable<KubeEvent>,
  now: SimTime,
  options: DescribeNodeOptions = {},
): string {
  const w = new PrefixWriter();
  const status = node.status;
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = findNodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec.unschedulable === true}\n`);
  const conditions = status.conditions ?? [];
  if (options.lease !== null) {
    const ready = conditions.find((c) => c.type === 'Ready');
    const lease = options.lease ?? {
      holderIdentity: node.metadata.name,
      ...(ready?.lastHeartbeatTime === undefined ? {} : { renewTime: ready.lastHeartbeatTime }),
    };
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
    w.write(
      LEVEL_1,
      `AcquireTime:\t${lease.acquireTime === undefined ? '<unset>' : formatRFC1123Z(lease.acquireTime)}\n`,
    );
    w.write(
      LEVEL_1,
      `RenewTime:\t${lease.renewTime === undefined ? '<unset>' : formatRFC1123Z(lease.renewTime)}\n`,
    );
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const address of status.addresses ?? []) w.write(LEVEL_1, `${address.type}:\t${address.address}\n`);
  const printResourceList = (list: Readonly<Record<string, unknown>>): void => {
    for (const name of Object.keys(list).sort(compareStrings))
      w.write(LEVEL_0, `  ${name}:\t${formatQuantity(String(list[name]))}\n`);
  };
  if (Object.keys(status.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    printResourceList(status.capacity ?? {});
  }
  if (Object.keys(status.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printResourceList(status.allocatable ?? {});
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if ((node.spec.podCIDR ?? '') !== '') w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec.podCIDRs ?? []).length > 0)
    w.write(LEVEL_0, `PodCIDRs:\t${(node.spec.podCIDRs ?? []).join(',')}\n`);
  if ((node.spec.providerID ?? '') !== '') w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  const nonTerminated = [...pods].filter(
    (p) =>
      p.spec.nodeName === node.metadata.name && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed',
  );
  writeNodeResource(w, nonTerminated, node, now);
  if (options.showEvents !== false) {
    const own = [...events].filter(
      (e) =>
        e.involvedObject.name === node.metadata.name &&
        (e.involvedObject.uid === node.metadata.uid || e.involvedObject.uid === node.metadata.name),
    );
    writeEvents(w, own, now);
  }
  return w.tabbed();
}

const ZERO: ExactQuantity = { nanos: 0n, format: 'DecimalSI' };
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/**
 * `int64(float64(part) / float64(whole) * 100)` as Go computes it on amd64: truncated, and the
 * minimum int64 for a division by zero (upstream guards the totals but not the per-pod rows).
 */
function percent(part: number, whole: number): string {
  return whole === 0 ? '-9223372036854775808' : String(Math.trunc((part / whole) * 100));
}

function writeNodeResource(w: PrefixWriter, pods: readonly Pod[], node: Node, now: SimTime): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatableRaw =
    Object.keys(node.status.allocatable ?? {}).length > 0
      ? (node.status.allocatable ?? {})
      : (node.status.capacity ?? {});
  const allocatable = new Map<string, ExactQuantity>();
  for (const [name, value] of Object.entries(allocatableRaw)) {
    const q = parseExactQuantity(String(value));
    if (q !== undefined) allocatable.set(name, q);
  }
  const allocCpu = quantityValue(allocatable.get('cpu'), true);
  const allocMemory = quantityValue(allocatable.get('memory'));
  const reqs: ExactResourceList = new Map();
  const limits: ExactResourceList = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    const cpuReq = r.reqs.get('cpu') ?? ZERO;
    const cpuLimit = r.limits.get('cpu') ?? ZERO;
    const memReq = r.reqs.get('memory') ?? ZERO;
    const memLimit = r.limits.get('memory') ?? ZERO;
    const cell = (q: ExactQuantity, total: number, milli: boolean): string =>
      `${formatQuantity(q)} (${percent(quantityValue(q, milli), total)}%)`;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(cpuReq, allocCpu, true)}\t${cell(cpuLimit, allocCpu, true)}\t${cell(memReq, allocMemory, false)}\t${cell(memLimit, allocMemory, false)}\t${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`,
    );
    addResourceList(reqs, r.reqs);
    addResourceList(limits, r.limits);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const total = (q: ExactQuantity | undefined, alloc: ExactQuantity | undefined, milli: boolean): string => {
    const whole = quantityValue(alloc, milli);
    const fraction = whole === 0 ? 0 : Math.trunc((quantityValue(q, milli) / whole) * 100);
    return `${formatQuantity(q ?? ZERO)} (${fraction}%)`;
  };
  for (const [name, milli] of [
    ['cpu', true],
    ['memory', false],
    ['ephemeral-storage', false],
  ] as const) {
    w.write(
      LEVEL_1,
      `${name}\t${total(reqs.get(name), allocatable.get(name), milli)}\t${total(limits.get(name), allocatable.get(name), milli)}\n`,
    );
  }
  const names = [...allocatable.keys()];
  const hugePages = names.filter((n) => n.startsWith('hugepages-')).sort(compareStrings);
  const extended = names
    .filter((n) => !n.startsWith('hugepages-') && !STANDARD_CONTAINER_RESOURCES.has(n) && n !== 'pods')
    .sort(compareStrings);
  for (const name of hugePages) {
    w.write(
      LEVEL_1,
      `${name}\t${total(reqs.get(name), allocatable.get(name), false)}\t${total(limits.get(name), allocatable.get(name), false)}\n`,
    );
  }
  for (const name of extended) {
    w.write(
      LEVEL_1,
      `${name}\t${formatQuantity(reqs.get(name) ?? ZERO)}\t${formatQuantity(limits.get(name) ?? ZERO)}\n`,
    );
  }
}
