import type * as core from 'kubernetes-types/core/v1.js';
import { containerStartedPodStatus } from '../controllers/kubelet/kubeletPodStatus.js';
import { probeFailureOutput } from '../controllers/kubelet/probeFailureOutput.js';
import type { RestartingProbe } from '../controllers/kubelet/probeResult.js';
import {
  livenessFails,
  probeKillExit,
  probeKillGracePeriod,
  probeKillMessage,
  probePeriod,
  probeSucceeds,
  probeTick,
  probeTypeName,
} from '../controllers/kubelet/probeResult.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { SECOND, parseTimestamp } from '../model/time.js';
import { writePodStatus } from './podWrites.js';
import { containerInvolvedOf, recordEvent } from './recordEvent.js';
import type { SimEvent } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';

type ContainerProbed = Extract<SimEvent, { type: 'ContainerProbed' }>;

/**
 * Schedules the first tick of the startup probe worker of each started container that has a
 * `startupProbe`, and of the liveness probe worker of each whose spec has a `livenessProbe` and
 * whose image fails it (`live: false` or `liveFor`): the worker's first tick at or after
 * `initialDelaySeconds` past the start, its ticks counted every `periodSeconds` from the pod's
 * admission (`status.startTime`), when the kubelet started the pod's workers.
 * Mirrors the prober manager's `AddPod` and the worker's ticker (pkg/kubelet/prober/worker.go).
 * Deviation: the worker's random first delay after a kubelet restart is not modelled, and a
 * liveness probe that always passes is not run (it changes nothing a client sees).
 */
export function startContainerProbes(core: SimulationCore, pod: Pod, names: readonly string[]): void {
  for (const c of pod.spec.containers) {
    // Most containers have neither probe: nothing to look up for them on this per-start path.
    if ((c.startupProbe === undefined && c.livenessProbe === undefined) || !names.includes(c.name)) continue;
    const admitted = pod.status.startTime === undefined ? core.clock : parseTimestamp(pod.status.startTime);
    if (c.startupProbe !== undefined) schedule(core, pod, c, c.startupProbe, 'startup', admitted);
    if (c.livenessProbe !== undefined && livenessFails(core.behaviour(c.image)))
      schedule(core, pod, c, c.livenessProbe, 'liveness', admitted);
  }
}

function schedule(
  core: SimulationCore,
  pod: Pod,
  c: core.Container,
  probe: core.Probe,
  kind: RestartingProbe,
  admitted: number,
): void {
  const first = core.clock + (probe.initialDelaySeconds ?? 0) * SECOND;
  core.pushEvent(probeTick(admitted, first, probePeriod(probe)), {
    type: 'ContainerProbed',
    probe: kind,
    key: objectKey(pod.metadata),
    uid: pod.metadata.uid,
    container: c.name,
    restarts: pod.status.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0,
    startedAt: core.clock,
    failures: 0,
  });
}

/**
 * `ContainerProbed`: one tick of a running container instance's liveness or startup probe
 * worker. Liveness waits until the container has started (its startup probe succeeded); a
 * startup success marks the container `started` (its readiness follows); a failure is a Warning
 * `Unhealthy` event `Liveness probe failed: <output>` (or `Startup`), its count raised as the
 * correlator does, and the `failureThreshold`-th consecutive one makes the kubelet kill the
 * container: `Normal Killing "Container NAME failed liveness probe, will be restarted"`, SIGTERM,
 * SIGKILL at the grace period's end (`ContainerKilled`); the worker then holds until the next
 * instance. A stopped kubelet probes nothing, and the worker's ticker goes on.
 * Mirrors the worker's `doProbe`, `prober.probe`'s event (pkg/kubelet/prober/prober.go) and the
 * kill of `computePodActions` and `killContainer` (pkg/kubelet/kuberuntime).
 * Deviation: the kubelet's sync after the result is at once, not after its pod worker's queue.
 */
export function runContainerProbe(core: SimulationCore, event: ContainerProbed): void {
  const pod = core.store.getPod(event.key);
  if (pod === undefined || pod.metadata.uid !== event.uid) return;
  // Upstream's liveness and startup workers stop at the pod's graceful shutdown.
  if (pod.metadata.deletionTimestamp !== undefined) return;
  if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return;
  const spec = pod.spec.containers.find((c) => c.name === event.container);
  const status = pod.status.containerStatuses?.find((s) => s.name === event.container);
  const probe = event.probe === 'liveness' ? spec?.livenessProbe : spec?.startupProbe;
  if (spec === undefined || probe === undefined || status === undefined) return;
  // Another instance of the container has its own workers' ticks (started with it).
  if (status.restartCount !== event.restarts || status.state?.running === undefined) return;
  if (event.probe === 'startup' && status.started === true) return;
  const next = (failures: number): void =>
    core.pushEvent(
      core.clock + probePeriod(probe),
      failures === event.failures ? event : { ...event, failures },
    );
  // Liveness is not probed until the container has started.
  if (
    core.kubeletDown.has(pod.spec.nodeName ?? '') ||
    (event.probe === 'liveness' && status.started === false)
  )
    return next(event.failures);
  const behaviour = core.behaviour(spec.image);
  if (probeSucceeds(event.probe, behaviour, core.clock - event.startedAt)) {
    if (event.probe === 'liveness') return next(0);
    startupSucceeded(core, pod, spec);
    return;
  }
  const output = probeFailureOutput(probe, spec, pod.status.podIP ?? '', behaviour.probeOutput);
  const involved = containerInvolvedOf(pod, spec.name);
  recordEvent(
    core,
    involved,
    'Warning',
    'Unhealthy',
    `${probeTypeName(event.probe)} probe failed: ${output}`,
    'kubelet',
  );
  const failures = event.failures + 1;
  if (failures < (probe.failureThreshold ?? 3)) return next(failures);
  const restart = (pod.spec.restartPolicy ?? 'Always') !== 'Never';
  recordEvent(
    core,
    involved,
    'Normal',
    'Killing',
    probeKillMessage(event.probe, spec.name, restart),
    'kubelet',
  );
  const stop = behaviour.stopLatency ?? core.draw(core.latencies.termination);
  const exit = probeKillExit(stop, probeKillGracePeriod(pod, probe));
  core.pushEvent(core.clock + exit.after, {
    type: 'ContainerKilled',
    key: event.key,
    uid: event.uid,
    container: spec.name,
    restarts: event.restarts,
    exitCode: exit.exitCode,
  });
}

/** The startup probe succeeded: the container is `started`, and its readiness probe passes after the image's readiness delay. */
function startupSucceeded(core: SimulationCore, pod: Pod, spec: core.Container): void {
  const written = writePodStatus(
    core,
    pod,
    containerStartedPodStatus(pod, spec.name),
    'kubelet',
    `${spec.name} started=true`,
  );
  const behaviour = core.behaviour(spec.image);
  if (behaviour.ready === false) return;
  let restarts = 0;
  for (const s of written.status.containerStatuses ?? []) restarts += s.restartCount;
  core.pushEvent(core.clock + core.draw(behaviour.readinessDelay ?? core.latencies.readiness), {
    type: 'PodReady',
    key: objectKey(pod.metadata),
    uid: pod.metadata.uid,
    restarts,
  });
}
