import type { Container } from 'kubernetes-types/core/v1.js';
import { containerIdOf } from '../controllers/kubelet/containerRuntimeIds.js';
import type { Pod } from '../model/objects.js';
import type { KubeletEventInput } from './recordKubeletEvents.js';
import type { SimulationCore } from './simulationCore.js';

/**
 * The kubelet's events as a container starts: `Pulling` and `Pulled` (`Successfully pulled ...`)
 * when the image is pulled, a single `Pulled` (`already present on machine`) when it is not,
 * then `Created` and `Started`. Mirrors `EnsureImageExists` and `startContainer`
 * (pkg/kubelet/images/image_manager.go, pkg/kubelet/kuberuntime/kuberuntime_container.go) with
 * `shouldPullImage`: `Always` pulls, `Never` does not, `IfNotPresent` pulls unless present.
 * Deviation: the node's image store is the images of the pods bound to it (an image is present
 * while a pod that ran it is on the node; image GC would keep it longer); `pulling` marks a
 * retry after a failed pull, whose image is never present. Appended to `into` when given.
 */
export function containerStartEvents(
  core: SimulationCore,
  pod: Pod,
  c: Container,
  pullMs: number,
  pulling = false,
  into: KubeletEventInput[] = [],
): KubeletEventInput[] {
  const container = c.name;
  const image = c.image ?? '';
  const policy = c.imagePullPolicy ?? 'IfNotPresent';
  const present =
    !pulling && (policy === 'Never' || (policy === 'IfNotPresent' && imagePresent(core, pod, image)));
  // Pushed into the caller's list: no spread of throw-away arrays on every container start.
  if (present) into.push({ reason: 'Pulled', container, image });
  else into.push({ reason: 'Pulling', container, image }, { reason: 'Pulled', container, image, pullMs });
  into.push({ reason: 'Created', container, image }, { reason: 'Started', container, image });
  return into;
}

/** Whether a pod on the pod's node (the pod itself included) runs or ran `image`: the image is on the node. */
function imagePresent(core: SimulationCore, pod: Pod, image: string): boolean {
  for (const p of core.store.podsOnNode(pod.spec.nodeName ?? ''))
    for (const s of p.status.containerStatuses ?? []) if (s.image === image && s.imageID !== '') return true;
  return false;
}

/**
 * The made-up duration of a re-pull on a restart (`Always`, or a retry after a failed pull):
 * 200 ms to 1.2 s, the same for the same pod, container and restart. Upstream has no counterpart.
 */
export function restartPullMs(pod: Pod, c: Container, restartCount: number): number {
  const id = containerIdOf(0, pod.metadata.uid, c.name, restartCount);
  return 200 + (parseInt(id.slice(-4), 16) % 1000);
}
