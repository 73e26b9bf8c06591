import type { Container } from 'kubernetes-types/core/v1.js';
import type { KubeEvent, Pod } from '../model/objects.js';
import { getControllerOf } from '../model/ownerReferences.js';
import { parseTimestamp, type SimTime } from '../model/time.js';
import {
  writeContainers,
  writeResources,
  writeTopologySpreadConstraints,
  writeVolumes,
} from './describeContainers.js';
import type { DescribeOptions } from './describeDaemonSet.js';
import { writeEvents } from './describeEvents.js';
import { humanDuration } from './humanDuration.js';
import {
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  PrefixWriter,
} from './prefixWriter.js';
import { parseExactQuantity } from './quantityString.js';

/**
 * Renders `kubectl describe pod <name>`: identity, node, start time, labels, annotations,
 * status, IPs, controller, containers with their state, conditions, volumes, QoS class, node
 * selectors, tolerations and events (those whose involved object has the pod's namespace,
 * name and UID; `events` may hold the whole cluster's).
 * Mirrors `PodDescriber.Describe` and `describePod` (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
 * Deviations: times print in UTC; no seccomp or pod-level resources lines beyond `Resources:`.
 */
export function describePod(
  pod: Pod,
  events: Iterable<KubeEvent>,
  now: SimTime,
  options: DescribeOptions = {},
): string {
  const spec = pod.spec;
  const status = pod.status;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if ((spec.priorityClassName ?? '') !== '')
    w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if ((spec.runtimeClassName ?? '') !== '')
    w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if ((spec.serviceAccountName ?? '') !== '')
    w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.nodeName ?? '') === '') w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if ((status.startTime ?? '') !== '') w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  const deletion = pod.metadata.deletionTimestamp;
  if (
    deletion !== undefined &&
    deletion !== null &&
    status.phase !== 'Failed' &&
    status.phase !== 'Succeeded'
  ) {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(now - parseTimestamp(deletion))})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if ((status.reason ?? '') !== '') w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if ((status.message ?? '') !== '') w.write(LEVEL_0, `Message:\t${status.message}\n`);
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const podIPs = status.podIPs ?? [];
  if (podIPs.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controllerRef = getControllerOf(pod.metadata);
  if (controllerRef !== undefined)
    w.write(LEVEL_0, `Controlled By:\t${controllerRef.kind}/${controllerRef.name}\n`);
  if ((status.nominatedNodeName ?? '') !== '')
    w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Container['resources'] }).resources;
  if (podResources !== undefined) {
    w.write(LEVEL_0, 'Resources:\n');
    writeResources(w, podResources, LEVEL_1);
  }
  if ((spec.initContainers ?? []).length > 0)
    writeContainers(
      w,
      'Init Containers',
      spec.initContainers ?? [],
      status.initContainerStatuses ?? [],
      pod,
      '',
    );
  writeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? [], pod, '');
  const gates = spec.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of gates) {
      const condition = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      w.write(LEVEL_1, `${gate.conditionType} \t${condition?.status ?? '<none>'} \n`);
    }
  }
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${getPodQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  writeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  if (options.showEvents !== false) {
    const own = [...events].filter(
      (e) =>
        e.involvedObject.name === pod.metadata.name &&
        (e.involvedObject.namespace ?? '') === pod.metadata.namespace &&
        e.involvedObject.uid === pod.metadata.uid,
    );
    writeEvents(w, own, now);
  }
  return w.tabbed();
}

const QOS_RESOURCES = ['cpu', 'memory'] as const;

/**
 * The pod's QoS class: `status.qosClass` when set, else computed: BestEffort without any cpu or
 * memory request or limit, Guaranteed when every container limits both and requests equal
 * limits, else Burstable.
 * Mirrors `qos.GetPodQOS` and `ComputePodQOS` (staging/src/k8s.io/kubectl/pkg/util/qos/qos.go).
 * Deviation: pod-level resources are not considered.
 */
export function getPodQOS(pod: Pod): string {
  if ((pod.status.qosClass ?? '') !== '') return pod.status.qosClass as string;
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const [name, value] of Object.entries(container.resources?.requests ?? {})) {
      const q = parseExactQuantity(String(value));
      if (!(QOS_RESOURCES as readonly string[]).includes(name) || q === undefined || q.nanos === 0n) continue;
      requests.set(name, (requests.get(name) ?? 0n) + q.nanos);
    }
    const limitsFound = new Set<string>();
    for (const [name, value] of Object.entries(container.resources?.limits ?? {})) {
      const q = parseExactQuantity(String(value));
      if (!(QOS_RESOURCES as readonly string[]).includes(name) || q === undefined || q.nanos === 0n) continue;
      limitsFound.add(name);
      limits.set(name, (limits.get(name) ?? 0n) + q.nanos);
    }
    if (!QOS_RESOURCES.every((name) => limitsFound.has(name))) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) isGuaranteed = false;
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
