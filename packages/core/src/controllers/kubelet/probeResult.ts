import type * as core from 'kubernetes-types/core/v1.js';
import type { Pod } from '../../model/objects.js';
import { SECOND, type SimTime } from '../../model/time.js';
import type { ImageBehaviour } from './imageBehaviour.js';

/** The probes whose failure makes the kubelet kill a container: upstream's `liveness` and `startup` probe types. */
export type RestartingProbe = 'liveness' | 'startup';

/** A probe's period in ms (`periodSeconds`, 10 when unset, as `SetDefaults_Probe` defaults it). */
export function probePeriod(probe: core.Probe): number {
  return (probe.periodSeconds ?? 10) * SECOND;
}

/**
 * The first tick at or after `from` of a probe worker whose ticker started at `admitted` and
 * ticks every `period` ms. Mirrors the worker's `probeTicker` (pkg/kubelet/prober/worker.go),
 * started with the pod's workers when the kubelet admitted it.
 */
export function probeTick(admitted: SimTime, from: SimTime, period: number): SimTime {
  return admitted + Math.max(0, Math.ceil((from - admitted) / period)) * period;
}

/**
 * Whether a container whose image behaves as `behaviour` fails its liveness probe at some
 * point: `live: false`, or `liveFor`. Only such containers' liveness workers are simulated,
 * since a passing liveness probe changes nothing a client sees. Upstream has no counterpart.
 */
export function livenessFails(behaviour: ImageBehaviour): boolean {
  return behaviour.live === false || behaviour.liveFor !== undefined;
}

/**
 * Whether the `kind` probe of a container running an image that behaves as `behaviour`
 * succeeds `sinceStart` ms after the container started: liveness unless `live: false` or past
 * `liveFor`; startup unless `started: false` or before `startupDelay`. Upstream has no
 * counterpart: it stands in for what the image's program answers the probe.
 */
export function probeSucceeds(kind: RestartingProbe, behaviour: ImageBehaviour, sinceStart: number): boolean {
  if (kind === 'liveness')
    return behaviour.live !== false && (behaviour.liveFor === undefined || sinceStart < behaviour.liveFor);
  return behaviour.started !== false && sinceStart >= (behaviour.startupDelay ?? 0);
}

/** The kubelet's least grace period for a kill. Mirrors `minimumGracePeriodInSeconds` (pkg/kubelet/kuberuntime/kuberuntime_container.go). */
const MINIMUM_GRACE_PERIOD = 2 * SECOND;

/**
 * The grace period in ms of the kill after a failed `kind` probe: the probe's own
 * `terminationGracePeriodSeconds` when set, else the pod's (30 s when unset), at least 2 s.
 * Mirrors `setTerminationGracePeriod` and the minimum in `killContainer`
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go), ProbeTerminationGracePeriod being GA in 1.28.
 */
export function probeKillGracePeriod(pod: Pod, probe: core.Probe): number {
  const seconds = probe.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(MINIMUM_GRACE_PERIOD, seconds * SECOND);
}

/**
 * How a killed container ends: after `stopMs` with exit code 143 (128 + SIGTERM, as a program
 * the signal ends reports) when it stops within the grace period, else at the grace period's end
 * with 137 (128 + SIGKILL), which containerd reports with reason `Error`.
 * Mirrors `StopContainer` with a timeout (the CRI's SIGTERM, then SIGKILL) and containerd's
 * exit status of a signalled task. Deviation: a program that exits 0 on SIGTERM is not modelled.
 */
export function probeKillExit(
  stopMs: number,
  graceMs: number,
): { readonly after: number; readonly exitCode: number } {
  return stopMs < graceMs ? { after: stopMs, exitCode: 143 } : { after: graceMs, exitCode: 137 };
}

/**
 * The kubelet's `Killing` message for a container that failed its `kind` probe: `Container NAME
 * failed liveness probe, will be restarted` (without the restart when `restartPolicy` is Never).
 * Mirrors `computePodActions` (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
 */
export function probeKillMessage(kind: RestartingProbe, container: string, restart: boolean): string {
  const message = `Container ${container} failed ${kind} probe`;
  return restart ? `${message}, will be restarted` : message;
}

/** The name a probe type has in the kubelet's `Unhealthy` event: `Liveness`, `Startup`. Mirrors `probeType.String` (pkg/kubelet/prober/prober.go). */
export function probeTypeName(kind: RestartingProbe): string {
  return kind === 'liveness' ? 'Liveness' : 'Startup';
}
