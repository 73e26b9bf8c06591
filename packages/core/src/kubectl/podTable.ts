import type { Container, ContainerStatus, PodCondition } from 'kubernetes-types/core/v1.js';
import type { Pod } from '../model/objects.js';
import { parseTimestamp, type SimTime } from '../model/time.js';
import { humanDuration, translateTimestampSince } from './humanDuration.js';
import {
  AGE_COLUMN,
  NAME_COLUMN,
  column,
  makeTable,
  partialObjectMetadata,
  type Table,
  type TableColumnDefinition,
  type TableRowCondition,
} from './table.js';

/**
 * The columns of `kubectl get pods`.
 * Mirrors `podColumnDefinitions` in `AddHandlers` (pkg/printers/internalversion/printers.go).
 * Deviation: field descriptions are the core/v1 OpenAPI texts of kubernetes-types 1.30.
 */
export const POD_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  AGE_COLUMN,
  column(
    'IP',
    'string',
    'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    1,
  ),
  column(
    'Node',
    'string',
    'NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.',
    1,
  ),
  column(
    'Nominated Node',
    'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
    1,
  ),
  column(
    'Readiness Gates',
    'string',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    1,
  ),
];

/** What kubectl shows of one pod in the READY, STATUS and RESTARTS columns. */
export interface PodSummary {
  readonly readyContainers: number;
  readonly totalContainers: number;
  /** The STATUS column. */
  readonly status: string;
  /** Restart count as summed by kubectl (see {@link summarizePod}). */
  readonly restarts: number;
  /** When the most recent counted restart happened, if known. */
  readonly lastRestart: SimTime | undefined;
  /** The RESTARTS column: `N`, or `N (<age> ago)` when the last restart time is known. */
  readonly restartsText: string;
}

/**
 * Computes the READY, STATUS and RESTARTS columns of one pod.
 * Mirrors the body of `printPod` (pkg/printers/internalversion/printers.go, v1.35): status starts
 * as the phase or `status.reason`, `SchedulingGated` when gated, init-container states give
 * `Init:<reason>`, `Init:ExitCode:N`, `Init:Signal:N` or `Init:i/n`; otherwise the lowest-index
 * container's waiting or terminated reason wins, and `Completed` turns into `Running`, the
 * failing container's reason, or `NotReady`; a deleted pod shows `Unknown` (NodeLost) or
 * `Terminating` (non-terminal phase). Restarts count sidecar init containers, plus regular
 * containers once initialised.
 * Deviation: a missing `podIPs` falls back to `podIP`, which upstream gets from v1 conversion.
 */
export function summarizePod(pod: Pod, now: SimTime): PodSummary {
  const status = pod.status;
  const conditions = status.conditions ?? [];
  const initContainerSpecs = pod.spec.initContainers ?? [];
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = pod.spec.containers.length;
  let readyContainers = 0;
  let lastRestartDate: SimTime | undefined;
  let lastRestartableInitContainerRestartDate: SimTime | undefined;

  const podPhase = status.phase ?? '';
  let reason: string = podPhase;
  if (status.reason !== undefined && status.reason !== '') reason = status.reason;
  for (const condition of conditions) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const container of initContainerSpecs) {
    initContainers.set(container.name, container);
    if (isRestartableInitContainer(container)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, container] of initStatuses.entries()) {
    restarts += container.restartCount;
    lastRestartDate = later(lastRestartDate, container);
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount;
      lastRestartableInitContainerRestartDate = later(lastRestartableInitContainerRestartDate, container);
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      // Initialisation failed.
      if (terminated.reason === undefined || terminated.reason === '') {
        reason =
          terminated.signal !== undefined && terminated.signal !== 0
            ? `Init:Signal:${terminated.signal}`
            : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (
      waiting?.reason !== undefined &&
      waiting.reason !== '' &&
      waiting.reason !== 'PodInitializing'
    ) {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainerSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isConditionTrue(conditions, 'Initialized')) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    let errorReason = '';
    const containerStatuses = status.containerStatuses ?? [];
    // Walking backwards lets the lowest-index container's reason win.
    for (let i = containerStatuses.length - 1; i >= 0; i--) {
      const container = containerStatuses[i];
      if (container === undefined) continue;
      restarts += container.restartCount;
      lastRestartDate = later(lastRestartDate, container);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason !== undefined && waiting.reason !== '') {
        reason = waiting.reason;
      } else if (terminated !== undefined) {
        if (terminated.reason !== undefined && terminated.reason !== '') reason = terminated.reason;
        else if (terminated.signal !== undefined && terminated.signal !== 0)
          reason = `Signal:${terminated.signal}`;
        else reason = `ExitCode:${terminated.exitCode}`;
        if (terminated.exitCode !== 0) errorReason = reason;
      } else if (container.ready && container.state?.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod with a container still running is not "Completed" just because another one finished.
    if (reason === 'Completed') {
      if (hasRunning && hasPodReadyCondition(conditions)) reason = 'Running';
      else if (errorReason !== '') reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  const deleting = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  const restartsText =
    restarts !== 0 && lastRestartDate !== undefined
      ? `${restarts} (${humanDuration(now - lastRestartDate)} ago)`
      : String(restarts);
  return {
    readyContainers,
    totalContainers,
    status: reason,
    restarts,
    lastRestart: lastRestartDate,
    restartsText,
  };
}

/**
 * The STATUS column kubectl shows for a pod (`Running`, `CrashLoopBackOff`, `Init:0/1`, `Terminating`, …).
 * Mirrors the `reason` computed in `printPod` (pkg/printers/internalversion/printers.go); see
 * {@link summarizePod} for the rules.
 */
export function podStatusReason(pod: Pod, now: SimTime): string {
  return summarizePod(pod, now).status;
}

/**
 * Builds the server-side table of `kubectl get pods`, wide cells included.
 * Mirrors `printPod`/`printPodList` (pkg/printers/internalversion/printers.go) with `Wide: true`;
 * Succeeded and Failed pods carry the upstream `Completed` row condition.
 * Deviation: IP falls back to `status.podIP` when `status.podIPs` is empty.
 */
export function podTable(pods: readonly Pod[], now: SimTime): Table {
  return makeTable(
    POD_COLUMNS,
    pods.map((pod) => {
      const summary = summarizePod(pod, now);
      const podIP = pod.status.podIPs?.[0]?.ip ?? pod.status.podIP ?? '';
      const row = {
        cells: [
          pod.metadata.name,
          `${summary.readyContainers}/${summary.totalContainers}`,
          summary.status,
          summary.restartsText,
          translateTimestampSince(pod.metadata.creationTimestamp, now),
          podIP === '' ? '<none>' : podIP,
          noneIfEmpty(pod.spec.nodeName),
          noneIfEmpty(pod.status.nominatedNodeName),
          readinessGates(pod),
        ],
        object: partialObjectMetadata(pod.metadata),
      };
      const conditions = rowConditions(pod.status.phase);
      return conditions === undefined ? row : { ...row, conditions };
    }),
  );
}

function rowConditions(phase: string | undefined): TableRowCondition[] | undefined {
  if (phase === 'Succeeded')
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  if (phase === 'Failed')
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status.conditions ?? [];
  // Only the first condition of a gate's type counts, as upstream breaks on the first match.
  const trueConditions = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
  ).length;
  return `${trueConditions}/${gates.length}`;
}

function noneIfEmpty(value: string | undefined): string {
  return value === undefined || value === '' ? '<none>' : value;
}

function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** `hasPodReadyCondition`: any Ready condition that is True. */
function hasPodReadyCondition(conditions: readonly PodCondition[]): boolean {
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** `isPodInitializedConditionTrue`: the first condition of the type decides. */
function isConditionTrue(conditions: readonly PodCondition[], type: string): boolean {
  return conditions.find((c) => c.type === type)?.status === 'True';
}

/** Keeps the later of a known restart time and this container's last termination. */
function later(current: SimTime | undefined, container: ContainerStatus): SimTime | undefined {
  const finishedAt = container.lastState?.terminated?.finishedAt;
  if (finishedAt === undefined || finishedAt === '') return current;
  const at = parseTimestamp(finishedAt);
  return current === undefined || current < at ? at : current;
}
