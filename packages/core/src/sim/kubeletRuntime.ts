import type { LatencyRange } from './simulationOptions.js';
import {
  containerExitedPodStatus,
  containerRestartedPodStatus,
  crashLoopBackOffPodStatus,
  formatGoDuration,
  imagePullPodStatus,
  partlyRunningPodStatus,
  readyExceptPodStatus,
  rejectedPodStatus,
} from '../controllers/kubelet/kubeletPodStatus.js';
import { nextBackOff, restartAt } from '../controllers/kubelet/crashLoopBackOff.js';
import { imageBehaviourOf } from '../controllers/kubelet/imageBehaviour.js';
import { admitPod } from '../controllers/kubelet/admitPod.js';
import { allocatePodIP } from '../controllers/kubelet/allocatePodIP.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { SECOND, parseTimestamp } from '../model/time.js';
import type { SimEvent } from './simEvent.js';
import { removePod, writePodStatus } from './podWrites.js';
import { containerInvolvedOf, involvedOf, recordEvent } from './recordEvent.js';
import { startReadinessProbes } from './proberRuntime.js';
import { startContainerProbes } from './containerProbeRuntime.js';
import type { KubeletEventInput } from './recordKubeletEvents.js';
import { containerStartEvents, restartPullMs } from './containerStartEvents.js';
import { recordKubeletEvents } from './recordKubeletEvents.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * One kubelet event for a pod on its node: admission and start, readiness, exits and restarts with backoff, image pull failures, termination. Upstream counterpart: the kubelet's `syncPod` for the pod.
 * Deviation: the `BackOff` event is recorded once per exit; the kubelet records it at every pod
 * sync that finds the container still backing off (PLEG events and the 10 s resync), so on a real
 * cluster its count climbs faster than the restart count, here it equals it.
 */
export function runKubelet(
  core: SimulationCore,
  event: Extract<
    SimEvent,
    {
      type:
        | 'ContainerStarted'
        | 'PodReady'
        | 'PodTerminated'
        | 'ContainerExited'
        | 'ContainerBackedOff'
        | 'ContainerRestarted'
        | 'ImagePullBackedOff'
        | 'ImagePullRetried';
    }
  >,
): void {
  const pod = core.store.getPod(event.key);
  if (pod === undefined || pod.metadata.uid !== event.uid) return;
  const nodeName = pod.spec.nodeName;
  if (nodeName === undefined) return;
  const node = core.store.getNode(nodeName);
  if (node === undefined) return;
  // A kubelet that stopped does nothing; it picks its pods up again when it is back (resumeKubelet).
  if (core.kubeletDown.has(nodeName)) return;
  if (event.type === 'PodTerminated') {
    removePod(core, pod, 'kubelet');
    return;
  }
  if (pod.metadata.deletionTimestamp !== undefined) return;
  if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return;
  const key = event.key;
  const uid = event.uid;
  switch (event.type) {
    case 'ContainerStarted': {
      // Admission (the kubelet's `canAdmitPod`): a pod that does not fit, or whose image is set to fail here, fails.
      const rejection = admitPod(
        pod,
        node,
        core.store.podsOnNode(nodeName),
        (image) => imageBehaviourOf(core.images, image),
        core.store.nodeUsage(nodeName),
      );
      if (rejection !== undefined) {
        writePodStatus(
          core,
          pod,
          rejectedPodStatus(pod, rejection.reason, rejection.message),
          'kubelet',
          `phase=Failed reason=${rejection.reason}`,
        );
        recordEvent(core, involvedOf(pod), 'Warning', rejection.reason, rejection.message, 'kubelet');
        return;
      }
      // A hostNetwork pod shares its node's address; others get one from the pod network.
      const n = pod.spec.hostNetwork === true ? core.podIPs : ++core.podIPs;
      const ip =
        pod.spec.hostNetwork === true && pod.status.hostIP !== undefined
          ? pod.status.hostIP
          : allocatePodIP(core.podNetwork, n, pod.status.hostIP);
      let failing: Map<string, { reason: string; message: string }> | undefined;
      for (const c of pod.spec.containers) {
        if (core.behaviour(c.image).pull === 'fail')
          (failing ??= new Map()).set(c.name, {
            reason: 'ErrImagePull',
            message: pullErrorMessage(c.image ?? ''),
          });
      }
      const waiting = failing ?? NO_WAITING;
      // The pull took the time since admission (the kubelet's sandbox, pull and create in one latency).
      const pullMs = pod.status.startTime
        ? Math.max(0, core.clock - parseTimestamp(pod.status.startTime))
        : 0;
      const events: KubeletEventInput[] = [];
      for (const c of pod.spec.containers)
        if (!waiting.has(c.name)) containerStartEvents(core, pod, c, pullMs, false, events);
      const started = writePodStatus(
        core,
        pod,
        partlyRunningPodStatus(pod, ip, core.clock, waiting, core.seed),
        'kubelet',
        waiting.size === 0
          ? 'phase=Running'
          : `phase=Pending ${[...waiting.keys()].map((c) => `${c}=ErrImagePull`).join(' ')}`,
      );
      for (const c of pod.spec.containers) {
        if (waiting.has(c.name)) imagePullFailed(core, started, c.name, c.image ?? '');
      }
      recordKubeletEvents(core, started, events);
      containersStarted(
        core,
        started,
        pod.spec.containers.filter((c) => !waiting.has(c.name)).map((c) => c.name),
      );
      return;
    }
    case 'PodReady': {
      if (event.restarts !== undefined && event.restarts !== restartsOf(pod)) return;
      const never = neverReady(core, pod);
      const status = readyExceptPodStatus(pod, core.clock, never);
      // readyExceptPodStatus hands back pod.status itself when nothing changes.
      if (status === pod.status) return;
      writePodStatus(core, pod, status, 'kubelet', () =>
        isReadyStatus(status)
          ? 'ready=true'
          : `ready=false (${[...never].sort().join(',') || 'containers not running'})`,
      );
      return;
    }
    case 'ContainerExited': {
      const spec = pod.spec.containers.find((c) => c.name === event.container);
      const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
      if (spec === undefined || cs?.state?.running === undefined) return;
      const exitCode = core.behaviour(spec.image).exitCode ?? 1;
      const exited = writePodStatus(
        core,
        pod,
        containerExitedPodStatus(pod, event.container, exitCode, core.clock),
        'kubelet',
        `${event.container} exited code=${exitCode}`,
      );
      const policy = pod.spec.restartPolicy ?? 'Always';
      if (!(policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0))) return;
      const entry = core.crashBackoff.get(`${uid}/${event.container}`);
      const at = restartAt(entry, core.clock);
      if (at > core.clock) {
        core.pushEvent(Math.min(at, core.clock + SECOND), {
          type: 'ContainerBackedOff',
          key,
          uid,
          container: event.container,
        });
        recordEvent(
          core,
          containerInvolvedOf(exited, event.container),
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${event.container} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`,
          'kubelet',
        );
      }
      core.pushEvent(at, { type: 'ContainerRestarted', key, uid, container: event.container });
      return;
    }
    case 'ContainerBackedOff': {
      const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
      const entry = core.crashBackoff.get(`${uid}/${event.container}`);
      if (cs?.state?.terminated === undefined || entry === undefined) return;
      writePodStatus(
        core,
        pod,
        crashLoopBackOffPodStatus(pod, event.container, entry.backoff),
        'kubelet',
        `${event.container} CrashLoopBackOff back-off ${formatGoDuration(entry.backoff)}`,
      );
      return;
    }
    case 'ContainerRestarted': {
      const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
      const finished = cs?.state?.terminated?.finishedAt;
      if (
        cs === undefined ||
        cs.state?.running !== undefined ||
        (finished === undefined && cs.lastState?.terminated === undefined)
      )
        return;
      const finishedAt = parseTimestamp(finished ?? cs.lastState!.terminated!.finishedAt!);
      const backoffKey = `${uid}/${event.container}`;
      core.crashBackoff.set(
        backoffKey,
        nextBackOff(core.crashBackoff.get(backoffKey), finishedAt, core.clock),
      );
      const spec = pod.spec.containers.find((c) => c.name === event.container);
      const events =
        spec === undefined
          ? []
          : containerStartEvents(core, pod, spec, restartPullMs(pod, spec, cs.restartCount + 1));
      const restarted = writePodStatus(
        core,
        pod,
        containerRestartedPodStatus(pod, event.container, core.clock, core.seed),
        'kubelet',
        `${event.container} restarted restartCount=${cs.restartCount + 1}`,
      );
      recordKubeletEvents(core, restarted, events);
      containersStarted(core, restarted, [event.container]);
      return;
    }
    case 'ImagePullBackedOff': {
      const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
      if (cs?.state?.waiting?.reason !== 'ErrImagePull') return;
      const image = pod.spec.containers.find((c) => c.name === event.container)?.image ?? '';
      writePodStatus(
        core,
        pod,
        imagePullPodStatus(pod, event.container, 'ImagePullBackOff', `Back-off pulling image "${image}"`),
        'kubelet',
        `${event.container} ImagePullBackOff`,
      );
      const involved = containerInvolvedOf(pod, event.container);
      recordEvent(core, involved, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet');
      recordEvent(core, involved, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet');
      return;
    }
    case 'ImagePullRetried': {
      const cs = pod.status.containerStatuses?.find((c) => c.name === event.container);
      const spec = pod.spec.containers.find((c) => c.name === event.container);
      if (spec === undefined || cs?.state?.waiting === undefined) return;
      if (core.behaviour(spec.image).pull === 'fail') {
        const failed = writePodStatus(
          core,
          pod,
          imagePullPodStatus(pod, event.container, 'ErrImagePull', pullErrorMessage(spec.image ?? '')),
          'kubelet',
          `${event.container} ErrImagePull`,
        );
        imagePullFailed(core, failed, event.container, spec.image ?? '');
        return;
      }
      const events = containerStartEvents(
        core,
        pod,
        spec,
        restartPullMs(pod, spec, cs.restartCount + 1),
        true,
      );
      const restarted = writePodStatus(
        core,
        pod,
        containerRestartedPodStatus(pod, event.container, core.clock, core.seed),
        'kubelet',
        `${event.container} started`,
      );
      recordKubeletEvents(core, restarted, events);
      containersStarted(core, restarted, [event.container]);
      return;
    }
  }
}

/** After containers (re)started: the readiness probe's success or failures, the liveness and startup probes, and each crashing container's exit. */
export function containersStarted(core: SimulationCore, pod: Pod, names: readonly string[]): void {
  if (names.length === 0) return;
  const key = objectKey(pod.metadata);
  const uid = pod.metadata.uid;
  const specs = pod.spec.containers.filter((c) => names.includes(c.name));
  const configured = specs
    .map((c) => core.behaviour(c.image).readinessDelay)
    .filter((r): r is LatencyRange => r !== undefined);
  if (specs.some((c) => core.behaviour(c.image).ready !== false)) {
    const delay =
      configured.length === 0
        ? core.draw(core.latencies.readiness)
        : Math.max(...configured.map((r) => core.draw(r)));
    core.pushEvent(core.clock + delay, { type: 'PodReady', key, uid, restarts: restartsOf(pod) });
  }
  startReadinessProbes(core, pod, names);
  startContainerProbes(core, pod, names);
  for (const c of specs) {
    const crashAfter = core.behaviour(c.image).crashAfter;
    if (crashAfter !== undefined)
      core.pushEvent(core.clock + crashAfter, { type: 'ContainerExited', key, uid, container: c.name });
  }
}

/** A failed pull: `Failed` events, then `ImagePullBackOff` on the next sync and a retry when the pull backoff ends. */
function imagePullFailed(core: SimulationCore, pod: Pod, container: string, image: string): void {
  const key = objectKey(pod.metadata);
  const uid = pod.metadata.uid;
  const involved = containerInvolvedOf(pod, container);
  recordEvent(core, involved, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet');
  recordEvent(
    core,
    involved,
    'Warning',
    'Failed',
    `Failed to pull image "${image}": ${pullErrorMessage(image)}`,
    'kubelet',
  );
  recordEvent(core, involved, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet');
  const backoffKey = `${uid}/${container}`;
  const entry = nextBackOff(core.pullBackoff.get(backoffKey), core.clock, core.clock);
  core.pullBackoff.set(backoffKey, entry);
  core.pushEvent(core.clock + SECOND, { type: 'ImagePullBackedOff', key, uid, container });
  core.pushEvent(core.clock + entry.backoff, { type: 'ImagePullRetried', key, uid, container });
}

const NONE: ReadonlySet<string> = new Set();
/** No container waits on its image (the usual start): shared, never written to. */
const NO_WAITING: ReadonlyMap<string, { reason: string; message: string }> = new Map();

/** The pod's containers whose image never passes its readiness probe (usually none: no Set built). */
function neverReady(core: SimulationCore, pod: Pod): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const c of pod.spec.containers)
    if (core.behaviour(c.image).ready === false) (out ??= new Set()).add(c.name);
  return out ?? NONE;
}

/** The sum of the pod's container restart counts: which container instances a readiness probe is for. */
export function restartsOf(pod: Pod): number {
  let n = 0;
  for (const s of pod.status.containerStatuses ?? []) n += s.restartCount;
  return n;
}

function isReadyStatus(status: Pod['status']): boolean {
  return status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** containerd's answer for an image that does not exist, as the kubelet reports it. */
function pullErrorMessage(image: string): string {
  const ref = image.includes('/') ? image : `docker.io/library/${image}`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}
