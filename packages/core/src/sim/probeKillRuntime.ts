import { isInBackOffSince, nextBackOff } from '../controllers/kubelet/crashLoopBackOff.js';
import {
  containerExitedPodStatus,
  containerRestartedPodStatus,
} from '../controllers/kubelet/kubeletPodStatus.js';
import { SECOND, parseTimestamp } from '../model/time.js';
import { containerStartEvents, restartPullMs } from './containerStartEvents.js';
import { containersStarted } from './kubeletRuntime.js';
import { writePodStatus } from './podWrites.js';
import { containerInvolvedOf, recordEvent } from './recordEvent.js';
import { recordKubeletEvents } from './recordKubeletEvents.js';
import type { SimEvent } from './simEvent.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * `ContainerKilled`: a container the kubelet killed for a failed liveness or startup probe has
 * stopped (exit code 137 after SIGKILL, or 143 when SIGTERM ended it), and the same sync starts
 * it again, as the kill and the start are one `SyncPod`: its restart count raised, the exit in
 * `lastState`, the kubelet's `Pulled`, `Created` and `Started` events. That start's backoff
 * check looks at the instance that exited before the killed one (the pod status the sync began
 * with): none, or outside the window, restarts at once (the window advanced from that exit);
 * inside it, the sync records `Back-off restarting failed container ...`, the container waits in
 * `CrashLoopBackOff` and restarts when the window since its kill ends.
 * With `restartPolicy: Never` the container stays terminated.
 * Mirrors `SyncPod`'s kill and start steps and `doBackOff` (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
 * Deviation: a kubelet that stopped during the grace period leaves the container running.
 */
export function finishProbeKill(
  core: SimulationCore,
  event: Extract<SimEvent, { type: 'ContainerKilled' }>,
): void {
  const pod = core.store.getPod(event.key);
  if (pod === undefined || pod.metadata.uid !== event.uid) return;
  const nodeName = pod.spec.nodeName ?? '';
  if (core.kubeletDown.has(nodeName) || core.store.getNode(nodeName) === undefined) return;
  // A pod being deleted is stopped by its own termination.
  if (pod.metadata.deletionTimestamp !== undefined) return;
  if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return;
  const name = event.container;
  const spec = pod.spec.containers.find((c) => c.name === name);
  const cs = pod.status.containerStatuses?.find((s) => s.name === name);
  if (spec === undefined || cs === undefined) return;
  if (cs.restartCount !== event.restarts || cs.state?.running === undefined) return;
  const previous = cs.lastState?.terminated?.finishedAt;
  const exitedStatus = containerExitedPodStatus(pod, name, event.exitCode, core.clock);
  const detail = `${name} killed exitCode=${event.exitCode}`;
  if ((pod.spec.restartPolicy ?? 'Always') === 'Never') {
    writePodStatus(core, pod, exitedStatus, 'kubelet', detail);
    return;
  }
  const backoffKey = `${pod.metadata.uid}/${name}`;
  const entry = core.crashBackoff.get(backoffKey);
  const key = event.key;
  const uid = event.uid;
  if (previous !== undefined && isInBackOffSince(entry, parseTimestamp(previous), core.clock)) {
    const exited = writePodStatus(core, pod, exitedStatus, 'kubelet', detail);
    recordEvent(
      core,
      containerInvolvedOf(exited, name),
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`,
      'kubelet',
    );
    const backoff = entry!.backoff;
    core.pushEvent(core.clock + Math.min(backoff, SECOND), {
      type: 'ContainerBackedOff',
      key,
      uid,
      container: name,
    });
    core.pushEvent(core.clock + backoff, { type: 'ContainerRestarted', key, uid, container: name });
    return;
  }
  if (previous !== undefined)
    core.crashBackoff.set(backoffKey, nextBackOff(entry, parseTimestamp(previous), core.clock));
  const exitedPod = { ...pod, status: exitedStatus };
  const events = containerStartEvents(core, exitedPod, spec, restartPullMs(pod, spec, cs.restartCount + 1));
  const restarted = writePodStatus(
    core,
    pod,
    containerRestartedPodStatus(exitedPod, name, core.clock, core.seed),
    'kubelet',
    `${detail}, restarted restartCount=${cs.restartCount + 1}`,
  );
  recordKubeletEvents(core, restarted, events);
  containersStarted(core, restarted, [name]);
}
