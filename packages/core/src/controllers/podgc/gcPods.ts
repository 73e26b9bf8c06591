import type { Pod } from '../../model/objects.js';
import { objectKey } from '../../model/objects.js';
import type { SimTime } from '../../model/time.js';
import { TAINT_NODE_OUT_OF_SERVICE } from '../../model/wellKnownTaints.js';
import type { ClusterView } from '../../sim/clusterView.js';
import type { Action } from '../plan.js';

/** PodGC's settings, with kube-controller-manager's defaults. */
export interface PodGCOptions {
  /** @defaultValue 12500 (`--terminated-pod-gc-threshold`); 0 turns the threshold off */
  readonly terminatedPodThreshold: number;
  /** @defaultValue 40 s (`quarantineTime`) */
  readonly quarantine: number;
}

/** The writes of one PodGC pass and its new quarantine of missing node names. */
export interface PodGCPlan {
  readonly actions: Action[];
  /** Node name to the time its quarantine ends; replaces the previous map. */
  readonly quarantine: ReadonlyMap<string, SimTime>;
}

/** The component name PodGC's writes are attributed to. */
export const PODGC_COMPONENT = 'pod-garbage-collector';

/**
 * One PodGC pass: force-deletes terminated pods over the threshold, terminating pods on
 * out-of-service nodes, pods bound to nodes gone for a whole quarantine, and unscheduled
 * terminating pods; pods not yet terminal are first marked Failed.
 * Mirrors `PodGCController.gc` with `gcTerminated`, `gcTerminating`, `gcOrphaned` and
 * `gcUnscheduledTerminating` (pkg/controller/podgc/gc_controller.go).
 * `orphanedNodeNames` are the names of nodes missing from the view (PodGC's informer cache) that
 * still have pods bound to them; `nodeExists` is the live GET (`checkIfNodeExists`) that confirms,
 * after the quarantine, that the API server has no such node either: a node the cache lags
 * behind on keeps its pods. It defaults to the view, for a view that is the API server's own.
 */
export function gcPods(
  view: ClusterView,
  now: SimTime,
  quarantine: ReadonlyMap<string, SimTime>,
  orphanedNodeNames: readonly string[],
  options: PodGCOptions,
  nodeExists: (name: string) => boolean = (name) => view.getNode(name) !== undefined,
): PodGCPlan {
  const actions: Action[] = [];
  const done = new Set<string>();
  const forceDelete = (pod: Pod, condition?: { reason: string; message: string }): void => {
    const key = objectKey(pod.metadata);
    if (done.has(key)) return;
    done.add(key);
    if (pod.status.phase !== 'Failed' && pod.status.phase !== 'Succeeded') {
      const conditions =
        condition === undefined
          ? pod.status.conditions
          : [
              ...(pod.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
              {
                type: 'DisruptionTarget',
                status: 'True',
                reason: condition.reason,
                message: condition.message,
              },
            ];
      actions.push({
        type: 'updatePod',
        pod: {
          ...pod,
          status: { ...pod.status, phase: 'Failed', ...(conditions === undefined ? {} : { conditions }) },
        },
        reason: 'mark Failed',
      });
    }
    actions.push({ type: 'deletePod', key, uid: pod.metadata.uid, force: true });
  };

  if (options.terminatedPodThreshold > 0 && view.terminatedPodCount() > options.terminatedPodThreshold) {
    const terminated = view
      .allPods()
      .filter((p) => p.status.phase === 'Succeeded' || p.status.phase === 'Failed');
    terminated.sort(
      (a, b) =>
        evictedFirst(a) - evictedFirst(b) ||
        (a.metadata.creationTimestamp < b.metadata.creationTimestamp
          ? -1
          : a.metadata.creationTimestamp > b.metadata.creationTimestamp
            ? 1
            : 0) ||
        (a.metadata.name < b.metadata.name ? -1 : 1),
    );
    // Pods whose immediate deletion was accepted and that only wait for their finalizers count
    // but are not deleted again; without finalizers such a pod is a candidate like any other.
    const deletable = terminated.filter(
      (p) =>
        !(
          p.metadata.deletionTimestamp !== undefined &&
          p.metadata.deletionGracePeriodSeconds === 0 &&
          (p.metadata.finalizers ?? []).length > 0
        ),
    );
    for (const pod of deletable.slice(
      0,
      Math.min(terminated.length - options.terminatedPodThreshold, deletable.length),
    ))
      forceDelete(pod);
  }

  for (const pod of view.terminatingPods()) {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '') continue;
    const node = view.getNode(nodeName);
    if (node === undefined) continue;
    const ready = node.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (!ready && node.spec.taints?.some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE)) {
      forceDelete(pod, { reason: 'DeletionByPodGC', message: 'PodGC: node is out of service' });
    }
  }

  const next = new Map(quarantine);
  for (const nodeName of orphanedNodeNames)
    if (!next.has(nodeName)) next.set(nodeName, now + options.quarantine);
  for (const [nodeName, until] of [...next].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (until > now) continue;
    next.delete(nodeName);
    if (view.getNode(nodeName) !== undefined || nodeExists(nodeName)) continue;
    for (const pod of sortedPods(view.podsOnNode(nodeName))) {
      if (pod.spec.nodeName !== nodeName) continue;
      forceDelete(pod, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    }
  }

  for (const pod of view.terminatingPods()) {
    if (pod.spec.nodeName === undefined || pod.spec.nodeName === '') forceDelete(pod);
  }
  return { actions, quarantine: next };
}

function evictedFirst(pod: Pod): number {
  return pod.status.phase === 'Failed' && pod.status.reason === 'Evicted' ? 0 : 1;
}

function sortedPods(pods: Iterable<Pod>): Pod[] {
  return [...pods].sort((a, b) => (objectKey(a.metadata) < objectKey(b.metadata) ? -1 : 1));
}
