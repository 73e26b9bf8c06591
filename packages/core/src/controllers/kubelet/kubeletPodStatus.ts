import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Node, Pod } from '../../model/objects.js';
import { toTimestamp, type SimTime } from '../../model/time.js';
import { containerIdOf, imageIdOf } from './containerRuntimeIds.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function condition(type: string, status: 'True' | 'False', at: SimTime, reason?: string): PodCondition {
  const lastProbeTime = null as unknown as string;
  const lastTransitionTime = toTimestamp(at);
  // Two literals rather than a spread of a throw-away object: five conditions per bound pod.
  return reason === undefined
    ? { type, status, lastProbeTime, lastTransitionTime }
    : { type, status, lastProbeTime, lastTransitionTime, reason };
}

function hostIPOf(node: Node | undefined): string | undefined {
  return node?.status.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function containerStatuses(
  pod: Pod,
  state: 'waiting' | 'running',
  ready: boolean,
  at: SimTime,
  seed: string | number = 0,
): ContainerStatus[] {
  // One timestamp for all containers (they start in the same sync).
  const startedAt = toTimestamp(at);
  // Two plain literals rather than a spread: a status object per container of every pod stays small.
  return pod.spec.containers.map((c) =>
    state === 'running'
      ? {
          name: c.name,
          image: c.image ?? '',
          imageID: imageIdOf(c.image ?? ''),
          containerID: containerIdOf(seed, pod.metadata.uid, c.name, 0),
          ready,
          restartCount: 0,
          // A container with a startup probe has not started until the probe succeeds.
          started: c.startupProbe === undefined,
          state: { running: { startedAt } },
        }
      : {
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          ready,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        },
  );
}

/**
 * The status the kubelet posts once it has admitted a freshly bound pod: Pending, containers
 * `ContainerCreating`. Mirrors the kubelet's `generateAPIPodStatus` for a pod whose sandbox is
 * being created. Deviation: posted at bind time rather than on the kubelet's next sync.
 */
export function admittedPodStatus(pod: Pod, node: Node | undefined, now: SimTime): PodStatus {
  const hostIP = hostIPOf(node);
  // Assigned one by one onto a copy, in the order a literal with spreads would place them (a
  // key the old status has keeps its place): a spread in mid-literal takes V8's slow path, and
  // this runs on every binding.
  const out: Mutable<PodStatus> = { ...pod.status };
  out.phase = 'Pending';
  out.conditions = [
    condition('PodReadyToStartContainers', 'False', now),
    condition('Initialized', 'True', now),
    condition('Ready', 'False', now, 'ContainersNotReady'),
    condition('ContainersReady', 'False', now, 'ContainersNotReady'),
    condition('PodScheduled', 'True', now),
  ];
  if (hostIP !== undefined) {
    out.hostIP = hostIP;
    out.hostIPs = [{ ip: hostIP }];
  }
  out.startTime = toTimestamp(now);
  out.containerStatuses = containerStatuses(pod, 'waiting', false, now);
  out.qosClass = pod.status.qosClass ?? 'BestEffort';
  return out;
}

/**
 * The status once every container runs but readiness is not yet established; each container
 * has the runtime's container ID (made from `seed`) and image ID.
 */
export function runningPodStatus(
  pod: Pod,
  podIP: string,
  now: SimTime,
  seed: string | number = 0,
): PodStatus {
  const conditions = (pod.status.conditions ?? []).map((c) =>
    c.type === 'PodReadyToStartContainers' ? condition(c.type, 'True', now) : c,
  );
  return {
    ...pod.status,
    phase: 'Running',
    conditions,
    podIP,
    podIPs: [{ ip: podIP }],
    containerStatuses: containerStatuses(pod, 'running', false, now, seed),
  };
}

/** The status once every container passed its readiness probe: Ready and ContainersReady True. */
export function readyPodStatus(pod: Pod, now: SimTime): PodStatus {
  const conditions = (pod.status.conditions ?? []).map((c) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? condition(c.type, 'True', now) : c,
  );
  const statuses = (pod.status.containerStatuses ?? []).map((s) => ({ ...s, ready: true }));
  return { ...pod.status, conditions, containerStatuses: statuses };
}

function withContainer(
  pod: Pod,
  name: string,
  change: (s: Mutable<ContainerStatus>) => void,
): ContainerStatus[] {
  return (pod.status.containerStatuses ?? []).map((s) => {
    if (s.name !== name) return s;
    const copy: Mutable<ContainerStatus> = { ...s };
    change(copy);
    return copy;
  });
}

/**
 * The pod's Ready and ContainersReady conditions (and phase) recomputed from its container
 * statuses; a condition keeps its transition time unless its status changes.
 * Mirrors the kubelet's `GeneratePodReadyCondition` / `GenerateContainersReadyCondition` (pkg/kubelet/status/generate.go).
 */
export function withReadiness(status: PodStatus, now: SimTime): PodStatus {
  const statuses = status.containerStatuses ?? [];
  const ready = statuses.length > 0 && statuses.every((s) => s.ready);
  // Only a not-ready condition carries the message: not built when every container is ready.
  const message = ready
    ? ''
    : `containers with unready status: [${statuses
        .filter((s) => !s.ready)
        .map((s) => s.name)
        .join(' ')}]`;
  let changed = status.conditions === undefined;
  const conditions = (status.conditions ?? []).map((c) => {
    const next = readinessCondition(c, ready, message, now);
    if (next !== c) changed = true;
    return next;
  });
  const allStarted = statuses.every(
    (s) =>
      s.state?.running !== undefined ||
      s.state?.terminated !== undefined ||
      s.lastState?.terminated !== undefined,
  );
  const phase =
    status.phase === 'Pending' && allStarted && statuses.some((s) => s.state?.running !== undefined)
      ? 'Running'
      : status.phase;
  // Unchanged, the status itself: the kubelet's readiness step tells "nothing to write" by identity.
  if (!changed && phase === status.phase) return status;
  // As `{ ...status, conditions, phase }` would order them, without a mid-literal spread.
  const out: Mutable<PodStatus> = { ...status };
  out.conditions = conditions;
  if (phase !== undefined) out.phase = phase;
  return out;
}

/** One condition after a readiness change: Ready and ContainersReady follow `ready`; the same object when already so. */
function readinessCondition(c: PodCondition, ready: boolean, message: string, now: SimTime): PodCondition {
  if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
  if (ready) return c.status === 'True' ? c : condition(c.type, 'True', now);
  if (c.status === 'False')
    return c.message === message ? c : { ...c, reason: 'ContainersNotReady', message };
  return { ...condition(c.type, 'False', now, 'ContainersNotReady'), message };
}

/**
 * The status once every container that can start runs and the others wait, for example on an
 * image that cannot be pulled: phase Running only when no container waits.
 * Mirrors `generateAPIPodStatus` after a sync that started some containers.
 */
export function partlyRunningPodStatus(
  pod: Pod,
  podIP: string,
  now: SimTime,
  waiting: ReadonlyMap<string, { readonly reason: string; readonly message: string }>,
  seed: string | number = 0,
): PodStatus {
  const running = runningPodStatus(pod, podIP, now, seed);
  if (waiting.size === 0) return running;
  const containerStatuses = (running.containerStatuses ?? []).map((s) => {
    const w = waiting.get(s.name);
    if (w === undefined) return s;
    // A container whose image never arrived has no container and no image ID yet.
    const { containerID: _id, ...rest } = s;
    return {
      ...rest,
      imageID: '',
      started: false,
      state: { waiting: { reason: w.reason, message: w.message } },
    };
  });
  return { ...running, phase: 'Pending', containerStatuses };
}

/**
 * The status once every running container except `except` passed its readiness probe; a
 * container whose startup probe has not succeeded (`started: false`) is not probed for
 * readiness yet. Mirrors the prober manager's `UpdatePodStatus` (pkg/kubelet/prober/prober_manager.go).
 */
export function readyExceptPodStatus(pod: Pod, now: SimTime, except: ReadonlySet<string>): PodStatus {
  const old = pod.status.containerStatuses;
  let changed = old === undefined;
  const statuses = (old ?? []).map((s) => {
    if (s.ready === true || s.state?.running === undefined || s.started === false || except.has(s.name))
      return s;
    changed = true;
    return { ...s, ready: true };
  });
  // Nothing to change returns `pod.status` itself (see withReadiness), so callers compare by identity.
  return withReadiness(changed ? { ...pod.status, containerStatuses: statuses } : pod.status, now);
}

/**
 * The status after container `name` exited: `state.terminated` with the exit code, reason
 * `Completed` (0) or `Error`, start and finish times; the container and the pod not ready.
 * With restartPolicy Never (or OnFailure and exit 0) and every container done, the pod is
 * Succeeded or Failed. Mirrors the kubelet's `convertToAPIContainerStatuses` for an exited container.
 */
export function containerExitedPodStatus(
  pod: Pod,
  name: string,
  exitCode: number,
  now: SimTime,
  signal?: number,
): PodStatus {
  const statuses = withContainer(pod, name, (s) => {
    const startedAt = s.state?.running?.startedAt ?? toTimestamp(now);
    s.state = {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt,
        finishedAt: toTimestamp(now),
        ...(s.containerID === undefined ? {} : { containerID: s.containerID }),
        ...(signal === undefined ? {} : { signal }),
      },
    };
    s.ready = false;
    s.started = false;
  });
  let status = withReadiness({ ...pod.status, containerStatuses: statuses }, now);
  const policy = pod.spec.restartPolicy ?? 'Always';
  const restarts = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  if (!restarts && statuses.every((s) => s.state?.terminated !== undefined)) {
    const failed = statuses.some((s) => (s.state?.terminated?.exitCode ?? 0) !== 0);
    status = { ...status, phase: failed ? 'Failed' : 'Succeeded' };
  }
  return status;
}

/**
 * The status while an exited container waits out its restart backoff: `CrashLoopBackOff`,
 * the exit moved to `lastState`. Mirrors the kubelet's waiting reason from `doBackOff`
 * (`back-off 10s restarting failed container=... pod=...`).
 */
export function crashLoopBackOffPodStatus(pod: Pod, name: string, backoff: number): PodStatus {
  const statuses = withContainer(pod, name, (s) => {
    if (s.state?.terminated !== undefined) s.lastState = { terminated: s.state.terminated };
    s.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${formatGoDuration(backoff)} restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      },
    };
  });
  return { ...pod.status, containerStatuses: statuses };
}

/**
 * The status once a restarted container runs again: restartCount + 1, the previous exit in
 * `lastState`, a new container ID (made from `seed`) and the image's ID.
 */
export function containerRestartedPodStatus(
  pod: Pod,
  name: string,
  now: SimTime,
  seed: string | number = 0,
): PodStatus {
  const statuses = withContainer(pod, name, (s) => {
    const last = s.state?.terminated ?? s.lastState?.terminated;
    if (last !== undefined) s.lastState = { terminated: last };
    s.restartCount = s.restartCount + 1;
    s.imageID = imageIdOf(s.image);
    s.containerID = containerIdOf(seed, pod.metadata.uid, name, s.restartCount);
    s.state = { running: { startedAt: toTimestamp(now) } };
    s.started = pod.spec.containers.find((c) => c.name === name)?.startupProbe === undefined;
    s.ready = false;
  });
  return withReadiness({ ...pod.status, containerStatuses: statuses }, now);
}

/**
 * The status once container `name`'s startup probe succeeded: `started: true`, so its
 * readiness and liveness probes run. Mirrors the startup result `UpdatePodStatus` reads
 * (pkg/kubelet/prober/prober_manager.go).
 */
export function containerStartedPodStatus(pod: Pod, name: string): PodStatus {
  const statuses = withContainer(pod, name, (s) => {
    s.started = true;
  });
  return { ...pod.status, containerStatuses: statuses };
}

/** The status of a container whose image pull failed (`ErrImagePull`) or waits to be retried (`ImagePullBackOff`). */
export function imagePullPodStatus(
  pod: Pod,
  name: string,
  reason: 'ErrImagePull' | 'ImagePullBackOff',
  message: string,
): PodStatus {
  const statuses = withContainer(pod, name, (s) => {
    s.state = { waiting: { reason, message } };
  });
  return { ...pod.status, containerStatuses: statuses };
}

/**
 * The status of a pod the kubelet rejected at admission: phase Failed with the reason and
 * message, no container statuses. Mirrors the kubelet's `rejectPod` (pkg/kubelet/kubelet.go).
 */
export function rejectedPodStatus(pod: Pod, reason: string, message: string): PodStatus {
  const { containerStatuses: _c, ...rest } = pod.status;
  return { ...rest, phase: 'Failed', reason, message };
}

/** The pod's Ready condition False, as the node lifecycle controller's `MarkPodsNotReady` writes it for an unreachable node. */
export function notReadyPodStatus(pod: Pod, now: SimTime): PodStatus {
  const conditions = (pod.status.conditions ?? []).map((c) =>
    c.type === 'Ready' && c.status !== 'False' ? condition('Ready', 'False', now) : c,
  );
  const statuses = (pod.status.containerStatuses ?? []).map((s) => (s.ready ? { ...s, ready: false } : s));
  return { ...pod.status, conditions, containerStatuses: statuses };
}

/** A Go `time.Duration` string for whole seconds and minutes: `10s`, `5m0s`, `2m40s`. */
export function formatGoDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
