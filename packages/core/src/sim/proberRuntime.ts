import type * as core from 'kubernetes-types/core/v1.js';
import { probeFailureOutput } from '../controllers/kubelet/probeFailureOutput.js';
import type { Pod } from '../model/objects.js';
import { objectKey } from '../model/objects.js';
import { SECOND, parseTimestamp } from '../model/time.js';
import { containerInvolvedOf, recordEvent } from './recordEvent.js';
import type { SimEvent } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * Schedules the first failing readiness probe of each started container whose image never
 * turns ready (`ready: false`) and whose spec has a `readinessProbe`: the probe worker's first
 * tick at or after `initialDelaySeconds` past the start, its ticks counted every `periodSeconds`
 * from the pod's admission (`status.startTime`), when the kubelet started the pod's workers.
 * Mirrors the prober manager's `AddPod` and the worker's ticker (pkg/kubelet/prober/worker.go).
 * Deviation: the worker's random first delay after a kubelet restart is not modelled; a
 * container without a readiness probe and `ready: false` stays unready without events.
 */
export function startReadinessProbes(core: SimulationCore, pod: Pod, names: readonly string[]): void {
  const admitted = pod.status.startTime === undefined ? core.clock : parseTimestamp(pod.status.startTime);
  for (const c of pod.spec.containers) {
    const probe = c.readinessProbe;
    if (probe === undefined || !names.includes(c.name) || core.behaviour(c.image).ready !== false) continue;
    const period = periodOf(probe);
    const first = core.clock + (probe.initialDelaySeconds ?? 0) * SECOND;
    const ticks = Math.max(0, Math.ceil((first - admitted) / period));
    core.pushEvent(admitted + ticks * period, {
      type: 'ReadinessProbeFailed',
      key: objectKey(pod.metadata),
      uid: pod.metadata.uid,
      container: c.name,
      restarts: pod.status.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0,
    });
  }
}

/**
 * `ReadinessProbeFailed`: the probe of a running, unready container fails: a Warning `Unhealthy`
 * event `Readiness probe failed: <output>` on the container, repeated (its count raised) every
 * `periodSeconds` while the container instance runs. A stopped kubelet, or a container whose
 * startup probe has not succeeded, is not probed, and the worker's ticker goes on. Mirrors the worker's `doProbe` and `prober.probe`'s event
 * (pkg/kubelet/prober/prober.go).
 * Deviation: the result (Ready stays False) is the image behaviour's, written by the kubelet's
 * readiness step; `failureThreshold` does not delay it.
 */
export function runReadinessProbe(
  core: SimulationCore,
  event: Extract<SimEvent, { type: 'ReadinessProbeFailed' }>,
): void {
  const pod = core.store.getPod(event.key);
  if (pod === undefined || pod.metadata.uid !== event.uid) return;
  if (pod.metadata.deletionTimestamp !== undefined) return;
  if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return;
  const spec = pod.spec.containers.find((c) => c.name === event.container);
  const status = pod.status.containerStatuses?.find((s) => s.name === event.container);
  const probe = spec?.readinessProbe;
  if (spec === undefined || probe === undefined || status === undefined) return;
  // Another instance of the container has its own probes (started with it).
  if (status.restartCount !== event.restarts || status.state?.running === undefined) return;
  if (status.ready || core.behaviour(spec.image).ready !== false) return;
  core.pushEvent(core.clock + periodOf(probe), event);
  // Readiness is not probed until the container has started (its startup probe succeeded).
  if (core.kubeletDown.has(pod.spec.nodeName ?? '') || status.started === false) return;
  const output = probeFailureOutput(
    probe,
    spec,
    pod.status.podIP ?? '',
    core.behaviour(spec.image).probeOutput,
  );
  recordEvent(
    core,
    containerInvolvedOf(pod, event.container),
    'Warning',
    'Unhealthy',
    `Readiness probe failed: ${output}`,
    'kubelet',
  );
}

function periodOf(probe: core.Probe): number {
  return (probe.periodSeconds ?? 10) * SECOND;
}
