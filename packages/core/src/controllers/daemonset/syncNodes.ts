import { replaceDaemonSetPodNodeNameNodeAffinity } from '../../model/nodeAffinity.js';
import type { DaemonSet, Pod } from '../../model/objects.js';
import type { Action, NewPod } from '../plan.js';
import { involvedObjectOf } from '../plan.js';
import { newControllerRef } from '../../model/ownerReferences.js';
import { BURST_REPLICAS, DAEMONSET_CONTROLLER_COMPONENT } from './constants.js';
import { createPodTemplate } from './createPodTemplate.js';

/** The creates and deletes of one pass, and the nodes left for a later pass by the burst cap. */
export interface SyncNodesResult {
  readonly actions: Action[];
  /** Nodes that needed a pod but were beyond the burst cap ({@link BURST_REPLICAS}) in this pass. */
  readonly deferredNodes: readonly string[];
  /** Expected creates and deletes, as `SetExpectations` would record them. */
  readonly expectations: { readonly add: number; readonly del: number };
}

/**
 * Turns node decisions into pod creates and deletes, at most `burstReplicas` (250) of each per pass: new pods
 * get the template, the automatic tolerations, the revision labels, an owner reference and a
 * required `metadata.name` node affinity for their node.
 * Mirrors `syncNodes` (pkg/controller/daemon/daemon_controller.go) and `GetPodFromTemplate`
 * (pkg/controller/controller_utils.go).
 * Deviation: the slow-start batches (1, 2, 4, ...) are the simulator's to perform (see
 * `performPass`); creates are issued in node-name order.
 */
export function syncNodes(
  ds: DaemonSet,
  podsToDelete: readonly Pod[],
  nodesNeedingDaemonPods: readonly string[],
  hash: string,
  burstReplicas: number = BURST_REPLICAS,
): SyncNodesResult {
  const createDiff = Math.min(nodesNeedingDaemonPods.length, burstReplicas);
  const deleteDiff = Math.min(podsToDelete.length, burstReplicas);
  // Most passes of node churn create and delete nothing: they build no owner reference.
  if (createDiff === 0 && deleteDiff === 0)
    return { actions: [], deferredNodes: nodesNeedingDaemonPods.slice(0), expectations: { add: 0, del: 0 } };
  const actions: Action[] = [];
  const recordedBy = { involvedObject: involvedObjectOf(ds), component: DAEMONSET_CONTROLLER_COMPONENT };
  if (createDiff > 0) {
    const template = createPodTemplate(ds, hash);
    const ownerReferences = [newControllerRef(ds)];
    const prefix = ds.metadata.name.length > 0 ? `${ds.metadata.name}-` : '';
    for (let i = 0; i < createDiff; i++) {
      const nodeName = nodesNeedingDaemonPods[i]!;
      const pod: NewPod = {
        metadata: {
          ...(template.metadata?.labels === undefined ? {} : { labels: template.metadata.labels }),
          ...(template.metadata?.annotations === undefined
            ? {}
            : { annotations: template.metadata.annotations }),
          ...(template.metadata?.finalizers === undefined
            ? {}
            : { finalizers: template.metadata.finalizers }),
          generateName: prefix,
          namespace: ds.metadata.namespace,
          ownerReferences,
        },
        spec: {
          ...template.spec!,
          affinity: replaceDaemonSetPodNodeNameNodeAffinity(template.spec!.affinity, nodeName),
        },
      };
      actions.push({ type: 'createPod', pod, nodeName, recordedBy });
    }
  }
  for (let i = 0; i < deleteDiff; i++) {
    const pod = podsToDelete[i]!;
    actions.push({
      type: 'deletePod',
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      uid: pod.metadata.uid,
      recordedBy,
    });
  }
  return {
    actions,
    deferredNodes: nodesNeedingDaemonPods.slice(createDiff),
    expectations: { add: createDiff, del: deleteDiff },
  };
}
