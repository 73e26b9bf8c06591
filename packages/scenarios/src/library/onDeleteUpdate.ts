import type { Scenario } from '../scenario.js';
import { oneContainerDaemonSet } from './oneContainerDaemonSet.js';

/** A CNI agent at `image` with the OnDelete strategy: nodes are updated by hand. */
function cniManifest(image: string): Record<string, unknown> {
  return oneContainerDaemonSet({
    name: 'calico-node',
    namespace: 'kube-system',
    labelKey: 'k8s-app',
    updateStrategy: { type: 'OnDelete' },
    image,
    hostNetwork: true,
  });
}

/**
 * The OnDelete strategy: a new template replaces nothing by itself; a pod the operator deletes
 * comes back with the new template, so the rollout goes node by node at the operator's pace.
 */
export const onDeleteUpdate: Scenario = {
  name: 'on-delete-update',
  description: 'calico-node v3.28 to v3.29 with OnDelete: only a deleted pod is replaced',
  seed: 14,
  steps: [
    { kind: 'addNodes', count: 3 },
    { kind: 'apply', manifests: cniManifest('quay.io/calico/node:v3.28.2') },
    { kind: 'runUntilQuiet' },
    { kind: 'apply', manifests: cniManifest('quay.io/calico/node:v3.29.1') },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'calico-node',
        namespace: 'kube-system',
        nodeCount: 3,
        revisions: [1, 2],
        status: { updatedNumberScheduled: 0, numberAvailable: 3, observedGeneration: 2 },
      },
    },
    { kind: 'expect', pods: { namespace: 'kube-system', image: 'quay.io/calico/node:v3.28.2', count: 3 } },
    {
      kind: 'print',
      resource: 'daemonsets',
      namespace: 'kube-system',
      wide: true,
      description: 'The template says v3.29.1; no pod was replaced (UP-TO-DATE 0)',
    },
    {
      kind: 'deletePod',
      namespace: 'kube-system',
      name: 'calico-node-7zrkj',
      description: 'kubectl delete pod on node-2',
    },
    { kind: 'runUntilQuiet' },
    {
      kind: 'expect',
      daemonSet: {
        name: 'calico-node',
        namespace: 'kube-system',
        nodeCount: 3,
        status: { updatedNumberScheduled: 1, numberAvailable: 3 },
      },
    },
    {
      kind: 'expect',
      pods: { namespace: 'kube-system', image: 'quay.io/calico/node:v3.29.1', node: 'node-2', count: 1 },
    },
    { kind: 'expect', pods: { namespace: 'kube-system', image: 'quay.io/calico/node:v3.28.2', count: 2 } },
    {
      kind: 'print',
      resource: 'pods',
      namespace: 'kube-system',
      wide: true,
      description: 'node-2 runs v3.29.1; node-1 and node-3 keep v3.28.2 until their pods are deleted',
    },
  ],
};
