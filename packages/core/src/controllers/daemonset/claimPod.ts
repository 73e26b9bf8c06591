import { labelSelectorMatches } from '../../model/labelSelector.js';
import type { DaemonSet, Pod } from '../../model/objects.js';
import { getControllerOf, newControllerRef } from '../../model/ownerReferences.js';
import type { Action } from '../plan.js';

/** The outcome of claiming one pod: whether the DaemonSet owns it now, and the patch to send. */
export interface ClaimResult {
  readonly owned: Pod | undefined;
  readonly action: Action | undefined;
}

const NOT_OURS: ClaimResult = { owned: undefined, action: undefined };

/**
 * Claims one pod for a DaemonSet: keeps a matching owned pod, releases an owned pod whose
 * labels stopped matching, adopts a matching orphan, ignores pods of other controllers.
 * Mirrors `BaseControllerRefManager.ClaimObject` with `PodControllerRefManager.AdoptPod` /
 * `ReleasePod` (pkg/controller/controller_ref_manager.go).
 * Deviations: the adopt/release patch is returned as a whole-pod update; upstream's uncached
 * re-read of the DaemonSet before adopting is unnecessary because the view is the store. The
 * controller reference is checked before the labels, so a pod of another controller costs no
 * selector match (upstream matches first; the outcome is the same).
 */
export function claimPod(ds: DaemonSet, pod: Pod): ClaimResult {
  const controllerRef = getControllerOf(pod.metadata);
  if (controllerRef !== undefined && controllerRef.uid !== ds.metadata.uid) return NOT_OURS;
  const matches = labelSelectorMatches(ds.spec.selector, pod.metadata.labels);
  if (controllerRef !== undefined) {
    if (matches) return { owned: pod, action: undefined };
    if (ds.metadata.deletionTimestamp !== undefined) return NOT_OURS;
    const released: Pod = {
      ...pod,
      metadata: {
        ...pod.metadata,
        ownerReferences: (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== ds.metadata.uid),
      },
    };
    return { owned: undefined, action: { type: 'updatePod', pod: released, reason: 'release' } };
  }
  if (ds.metadata.deletionTimestamp !== undefined || !matches) return NOT_OURS;
  if (pod.metadata.deletionTimestamp !== undefined) return NOT_OURS;
  if (pod.metadata.namespace !== ds.metadata.namespace) return NOT_OURS;
  const adopted: Pod = {
    ...pod,
    metadata: {
      ...pod.metadata,
      ownerReferences: [...(pod.metadata.ownerReferences ?? []), newControllerRef(ds)],
    },
  };
  return { owned: adopted, action: { type: 'updatePod', pod: adopted, reason: 'adopt' } };
}
